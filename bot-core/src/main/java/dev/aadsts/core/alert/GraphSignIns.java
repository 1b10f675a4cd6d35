package dev.aadsts.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sign-in records that pipelines forward one by one or in batches:
 * <ul>
 *   <li>Microsoft Graph {@code signIn} objects ({@code /auditLogs/signIns}): {@code status.errorCode} is
 *       the code as a number, 0 for success;</li>
 *   <li>Log Analytics {@code SigninLogs} rows ({@code ResultType} as a string, {@code AppDisplayName},
 *       {@code UserPrincipalName}…) and diagnostic-setting records ({@code resultType} beside
 *       {@code properties}), as Event Hub and Logic App pipelines send them.</li>
 * </ul>
 * A body may hold one record, an array of them, or {@code {"value":[…]}} (Graph's collection) or
 * {@code {"records":[…]}} (Event Hub's). Each failed record is one alert with occurrences 1, or a
 * summarised row's {@code count_} / {@code AggregatedValue}; elements of a collection that are not
 * sign-in records are scanned like any other JSON.
 */
final class GraphSignIns {
    /** Fields of a Graph signIn besides status; one of them rules out other products' "status" objects. */
    private static final Set<String> GRAPH_FIELDS = Set.of(
            "userPrincipalName", "appId", "appDisplayName", "createdDateTime", "correlationId", "ipAddress");
    private static final Set<String> LOG_FIELDS = Set.of(
            "userprincipalname", "appdisplayname", "appid", "correlationid", "resultdescription", "ipaddress",
            "calleripaddress", "resultsignature");
    /** A summarised query ({@code summarize count() by ResultType, …}) says how many rows each stands for. */
    private static final Set<String> COUNT_FIELDS = Set.of("count", "aggregatedvalue");
    private static final String[] COLLECTIONS = {"value", "records"};

    private final FreeFormAlerts freeForm;

    GraphSignIns(FreeFormAlerts freeForm) {
        this.freeForm = freeForm;
    }

    static boolean matches(JsonNode root) {
        for (JsonNode item : items(root)) {
            if (isGraphSignIn(item) || isLogRecord(item)) {
                return true;
            }
        }
        return false;
    }

    void read(JsonNode root, AlertList out) {
        for (JsonNode item : items(root)) {
            if (out.full()) {
                return;
            }
            if (isGraphSignIn(item)) {
                out.source(AlertSources.GRAPH_SIGNIN);
                graph(item, out);
            } else if (isLogRecord(item)) {
                out.source(AlertSources.SIGNIN_LOGS);
                logRecord(item, out);
            } else {
                freeForm.unit(item, AlertSources.JSON, out);
            }
        }
    }

    private static Iterable<JsonNode> items(JsonNode root) {
        if (root.isArray()) {
            return root;
        }
        for (String name : COLLECTIONS) {
            JsonNode collection = root.path(name);
            if (collection.isArray()) {
                return collection;
            }
        }
        return List.of(root);
    }

    static boolean isGraphSignIn(JsonNode node) {
        if (!node.isObject() || !node.path("status").path("errorCode").isValueNode()) {
            return false;
        }
        for (String field : GRAPH_FIELDS) {
            if (node.has(field)) {
                return true;
            }
        }
        return false;
    }

    static boolean isLogRecord(JsonNode node) {
        if (!node.isObject()) {
            return false;
        }
        boolean code = false;
        boolean signIn = false;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = JsonNodes.normalize(it.next());
            code |= name.equals("resulttype");
            signIn |= LOG_FIELDS.contains(name) || COUNT_FIELDS.contains(name);
        }
        return code && signIn;
    }

    private void graph(JsonNode signIn, AlertList out) {
        String code = ErrorCodes.read(signIn.path("status").path("errorCode"));
        if (code == null) {
            freeForm.unit(signIn, AlertSources.GRAPH_SIGNIN, out);
            return;
        }
        if (code.equals(ErrorCodes.SUCCESS)) {
            return;
        }
        AlertContext context = new AlertContext()
                .put(AlertContext.APP, text(signIn, "appDisplayName"))
                .put(AlertContext.APP_ID, text(signIn, "appId"))
                .put(AlertContext.USER, text(signIn, "userPrincipalName"))
                .put(AlertContext.TENANT, text(signIn, "resourceTenantId"))
                .put(AlertContext.TENANT, text(signIn, "homeTenantId"))
                .put(AlertContext.IP, text(signIn, "ipAddress"))
                .put(AlertContext.LOCATION, ContextFields.location(signIn.path("location")))
                .put(AlertContext.RESOURCE, text(signIn, "resourceDisplayName"))
                .put(AlertContext.CORRELATION_ID, text(signIn, "correlationId"))
                .put(AlertContext.REQUEST_ID, text(signIn, "id"))
                .put(AlertContext.FIRED_AT, text(signIn, "createdDateTime"));
        out.add(code, 1, context, AlertSources.GRAPH_SIGNIN);
    }

    private void logRecord(JsonNode row, AlertList out) {
        String code = ErrorCodes.read(JsonNodes.field(row, "ResultType"));
        if (code == null) {
            freeForm.unit(row, AlertSources.SIGNIN_LOGS, out);
            return;
        }
        if (code.equals(ErrorCodes.SUCCESS)) {
            return;
        }
        long occurrences = 1;
        AlertContext context = new AlertContext();
        for (Map.Entry<String, JsonNode> e : row.properties()) {
            if (COUNT_FIELDS.contains(JsonNodes.normalize(e.getKey()))) {
                occurrences = JsonNodes.occurrences(e.getValue());
            }
        }
        // The detailed location object says more than the two-letter Location column beside it.
        JsonNode properties = JsonNodes.field(row, "properties");
        context.put(AlertContext.LOCATION, ContextFields.location(JsonNodes.field(row, "LocationDetails")));
        context.put(AlertContext.LOCATION, ContextFields.location(JsonNodes.field(properties, "location")));
        putFields(row, context);
        putFields(properties, context);
        context.put(AlertContext.REQUEST_ID, text(row, "Id"));
        context.put(AlertContext.FIRED_AT, text(row, "TimeGenerated"));
        context.put(AlertContext.FIRED_AT, text(row, "time"));
        out.add(code, occurrences, context, AlertSources.SIGNIN_LOGS);
    }

    private static void putFields(JsonNode object, AlertContext context) {
        if (!object.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            ContextFields.put(context, e.getKey(), e.getValue());
        }
    }

    private static String text(JsonNode object, String field) {
        return JsonNodes.text(JsonNodes.field(object, field));
    }
}
