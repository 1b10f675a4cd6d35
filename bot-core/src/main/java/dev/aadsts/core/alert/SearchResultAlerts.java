package dev.aadsts.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Older log search rules (monitoring service "Log Analytics" or "Application Insights"), whose alert
 * context carries the query's result in {@code SearchResults.tables[]}: column names and types once,
 * then rows of cells in column order. Each row is one failure group: its code from a code column, its
 * count from a {@code summarize count()} column, its app, user and address from the columns that name
 * them. Results are left out of payloads over 256 KB; then only the query and rule text are left, and
 * each code found there counts once.
 */
final class SearchResultAlerts {
    private static final Set<String> COUNT_COLUMNS = Set.of("count", "aggregatedvalue");
    private static final String[] LINKS = {
            "LinkToFilteredSearchResultsUI", "LinkToSearchResults", "LinkToSearchResultsUI"};

    private final CodeScan scan;

    SearchResultAlerts(CodeScan scan) {
        this.scan = scan;
    }

    void read(JsonNode alertContext, AlertContext common, Supplier<List<String>> ruleCodes, String source,
              AlertList out) {
        AlertContext base = common.copy();
        for (String link : LINKS) {
            base.putLink(JsonNodes.text(JsonNodes.field(alertContext, link)));
        }
        // A query such as "where ResultType == 50126 | summarize count() by AppDisplayName" names its code
        // once, not in every row.
        Supplier<List<String>> queryCodes = AzureMonitorAlerts.once(() -> {
            List<String> codes = scan.codes(JsonNodes.field(alertContext, "SearchQuery"),
                    JsonNodes.field(alertContext, "AffectedConfigurationItems"), JsonNodes.field(alertContext, "Dimensions"));
            return codes.isEmpty() ? ruleCodes.get() : codes;
        });
        boolean anyRow = false;
        for (JsonNode table : JsonNodes.field(JsonNodes.field(alertContext, "SearchResults"), "tables")) {
            anyRow |= readTable(table, base, queryCodes, source, out);
        }
        if (!anyRow) {
            for (String code : queryCodes.get()) {
                out.add(code, 1, base, source);
            }
        }
    }

    /** @return whether the table had any row */
    private boolean readTable(JsonNode table, AlertContext base, Supplier<List<String>> queryCodes, String source,
                              AlertList out) {
        JsonNode columns = JsonNodes.field(table, "columns");
        int n = columns.size();
        String[] names = new String[n];
        int codeColumn = -1;
        int countColumn = -1;
        for (int i = 0; i < n; i++) {
            String name = JsonNodes.text(JsonNodes.field(columns.get(i), "name"));
            names[i] = name == null ? "" : name;
            if (codeColumn < 0 && ErrorCodes.isCodeField(names[i])) {
                codeColumn = i;
            } else if (countColumn < 0 && COUNT_COLUMNS.contains(JsonNodes.normalize(names[i]))) {
                countColumn = i;
            }
        }
        boolean anyRow = false;
        for (JsonNode row : JsonNodes.field(table, "rows")) {
            if (out.full()) {
                return true;
            }
            if (!row.isArray()) {
                continue;
            }
            anyRow = true;
            AlertContext context = base.copy();
            for (int i = 0; i < Math.min(n, row.size()); i++) {
                if (i != codeColumn && i != countColumn) {
                    ContextFields.put(context, names[i], row.get(i));
                }
            }
            long occurrences = countColumn >= 0 ? JsonNodes.occurrences(row.get(countColumn)) : 1;
            String code = codeColumn >= 0 ? ErrorCodes.read(row.get(codeColumn)) : null;
            if (ErrorCodes.SUCCESS.equals(code)) {
                continue;
            }
            List<String> codes = code != null ? List.of(code) : scan.codes(rowText(names, row));
            for (String c : codes.isEmpty() ? queryCodes.get() : codes) {
                out.add(c, occurrences, context, source);
            }
        }
        return anyRow;
    }

    /** The row as "column: value" lines, so the detector sees each value under its column's name. */
    private static String rowText(String[] names, JsonNode row) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            CodeScan.render(row.get(i), i < names.length ? names[i] : null, text);
        }
        return text.toString();
    }
}
