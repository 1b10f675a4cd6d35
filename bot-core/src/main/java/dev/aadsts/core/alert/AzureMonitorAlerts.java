package dev.aadsts.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Azure Monitor's common alert schema: {@code {"schemaId":"azureMonitorCommonAlertSchema","data":
 * {"essentials":{…},"alertContext":{…},"customProperties":{…}}}}. The essentials are the same for every
 * rule type and give the rule name, severity and firing time; the alert context's shape depends on the
 * monitoring service, so each kind has its own reader.
 *
 * <p>Where the payload has no field holding the code, the codes come from scanning the rule's own text
 * (name, description, custom properties, alert context properties): a rule called "AADSTS50126 spike"
 * tells what it counts even when its query does not.
 */
final class AzureMonitorAlerts {
    static final String SCHEMA_ID = "azureMonitorCommonAlertSchema";

    private enum Kind {
        LOG_V2(AlertSources.AZURE_MONITOR_LOG_V2),
        LOG(AlertSources.AZURE_MONITOR_LOG),
        METRIC(AlertSources.AZURE_MONITOR_METRIC),
        ACTIVITY_LOG(AlertSources.AZURE_MONITOR_ACTIVITY_LOG),
        OTHER(AlertSources.AZURE_MONITOR);

        final String source;

        Kind(String source) {
            this.source = source;
        }

        static Kind of(JsonNode essentials, JsonNode alertContext) {
            String service = lower(essentials, "monitoringService");
            String signal = lower(essentials, "signalType");
            String condition = lower(alertContext, "conditionType");
            if (service.equals("log alerts v2") || condition.equals("logquerycriteria")) {
                return LOG_V2;
            }
            if (JsonNodes.field(alertContext, "SearchResults").isObject() || service.equals("log analytics")
                    || service.equals("application insights")) {
                return LOG;
            }
            if (service.startsWith("activity log") || service.equals("servicehealth")
                    || service.equals("resource health") || signal.equals("activity log")) {
                return ACTIVITY_LOG;
            }
            if (JsonNodes.field(JsonNodes.field(alertContext, "condition"), "allOf").isArray()
                    || service.equals("platform") || signal.equals("metric")) {
                return METRIC;
            }
            return OTHER;
        }

        private static String lower(JsonNode object, String field) {
            String v = JsonNodes.text(JsonNodes.field(object, field));
            return v == null ? "" : v.strip().toLowerCase(Locale.ROOT);
        }
    }

    private final CodeScan scan;
    private final ConditionAlerts conditions;
    private final SearchResultAlerts searchResults;

    AzureMonitorAlerts(CodeScan scan) {
        this.scan = scan;
        this.conditions = new ConditionAlerts(scan);
        this.searchResults = new SearchResultAlerts(scan);
    }

    /** The schema id, or (for Logic Apps that forward only {@code data}) essentials beside an alert context. */
    static boolean matches(JsonNode root) {
        if (!root.isObject()) {
            return false;
        }
        JsonNode data = root.path("data");
        if (SCHEMA_ID.equalsIgnoreCase(root.path("schemaId").asText()) && data.isObject()) {
            return true;
        }
        JsonNode body = data.isObject() ? data : root;
        return body.path("essentials").isObject() && body.path("alertContext").isObject();
    }

    void read(JsonNode root, AlertList out) {
        JsonNode data = root.path("data").isObject() ? root.path("data") : root;
        JsonNode essentials = JsonNodes.field(data, "essentials");
        JsonNode alertContext = JsonNodes.field(data, "alertContext");
        Kind kind = Kind.of(essentials, alertContext);
        out.source(kind.source);
        if ("Resolved".equalsIgnoreCase(JsonNodes.text(JsonNodes.field(essentials, "monitorCondition")))) {
            return; // the failures were counted when the alert fired
        }
        AlertContext common = new AlertContext()
                .put(AlertContext.ALERT_RULE, JsonNodes.text(JsonNodes.field(essentials, "alertRule")))
                .put(AlertContext.SEVERITY, JsonNodes.text(JsonNodes.field(essentials, "severity")))
                .put(AlertContext.FIRED_AT, JsonNodes.text(JsonNodes.field(essentials, "firedDateTime")));
        JsonNode custom = JsonNodes.field(data, "customProperties");
        Supplier<List<String>> ruleCodes = once(() -> scan.codes(JsonNodes.field(essentials, "alertRule"),
                JsonNodes.field(essentials, "description"), custom, JsonNodes.field(alertContext, "properties")));
        switch (kind) {
            case LOG_V2 -> conditions.read(alertContext, common, ruleCodes, true, kind.source, out);
            case METRIC -> conditions.read(alertContext, common, ruleCodes, false, kind.source, out);
            case LOG -> searchResults.read(alertContext, common, ruleCodes, kind.source, out);
            default -> {
                // Activity and health events describe one event; a code is anywhere in their text.
                AlertContext context = common.copy()
                        .put(AlertContext.CORRELATION_ID, JsonNodes.text(JsonNodes.field(alertContext, "correlationId")));
                for (String code : scan.codes(JsonNodes.field(essentials, "alertRule"),
                        JsonNodes.field(essentials, "description"), alertContext, custom)) {
                    out.add(code, 1, context, kind.source);
                }
            }
        }
    }

    static <T> Supplier<T> once(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
