package dev.aadsts.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Alerts whose context is a list of criteria, {@code alertContext.condition.allOf[]}: log search rules
 * (Log Alerts V2, {@code LogQueryCriteria}) and metric rules. Each criterion that fired carries the
 * dimension values it was split by and {@code metricValue}; for a log search rule that is the number
 * of matching rows, so it is how many failures the criterion stands for. Log Alerts V2 carries no rows,
 * so the code must come from a dimension (the rule splits by {@code ResultType}) or from the text.
 */
final class ConditionAlerts {
    private static final String[] LINKS = {
            "linkToFilteredSearchResultsUI", "linkToSearchResultsUI", "linkToSearchResults"};

    private final CodeScan scan;

    ConditionAlerts(CodeScan scan) {
        this.scan = scan;
    }

    /**
     * @param ruleCodes codes in the rule's name and description, for criteria that name none themselves
     * @param logQuery  whether {@code metricValue} counts failures (log rows) rather than measuring a
     *                  platform metric, where it counts only when a dimension names the code
     */
    void read(JsonNode alertContext, AlertContext common, Supplier<List<String>> ruleCodes, boolean logQuery,
              String source, AlertList out) {
        JsonNode allOf = JsonNodes.field(JsonNodes.field(alertContext, "condition"), "allOf");
        if (!allOf.isArray() || allOf.isEmpty()) {
            for (String code : union(scan.codes(alertContext), ruleCodes.get())) {
                out.add(code, 1, common, source);
            }
            return;
        }
        Set<String> scannedOnce = new HashSet<>();
        for (JsonNode criterion : allOf) {
            if (out.full()) {
                return;
            }
            AlertContext context = common.copy();
            String code = null;
            for (JsonNode dimension : JsonNodes.field(criterion, "dimensions")) {
                String name = JsonNodes.text(JsonNodes.field(dimension, "name"));
                JsonNode value = JsonNodes.field(dimension, "value");
                if (name == null) {
                    continue;
                }
                if (ErrorCodes.isCodeField(name)) {
                    code = code == null ? ErrorCodes.read(value) : code;
                } else {
                    ContextFields.put(context, name, value);
                }
            }
            for (String link : LINKS) {
                context.putLink(JsonNodes.text(JsonNodes.field(criterion, link)));
            }
            long metricValue = JsonNodes.occurrences(JsonNodes.field(criterion, "metricValue"));
            if (ErrorCodes.SUCCESS.equals(code)) {
                continue; // split by ResultType, this combination is the successful sign-ins
            }
            if (code != null) {
                out.add(code, metricValue, context, source);
                continue;
            }
            List<String> codes = scan.codes(criterion);
            if (codes.isEmpty()) {
                codes = ruleCodes.get();
            }
            for (String scanned : codes) {
                if (logQuery) {
                    out.add(scanned, metricValue, context, source);
                } else if (scannedOnce.add(scanned)) {
                    // A platform metric's value measures something else unless a dimension names the code.
                    out.add(scanned, 1, context, source);
                }
            }
        }
    }

    private static List<String> union(List<String> a, List<String> b) {
        if (b.isEmpty()) {
            return a;
        }
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
