package dev.aadsts.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Which field names (sign-in log columns, Graph properties, alert dimensions, custom JSON) carry which
 * card fact. Names are compared normalised, so {@code IPAddress}, {@code ipAddress} and {@code ip_address}
 * are one field.
 */
final class ContextFields {
    private static final Map<String, String> KEYS = Map.ofEntries(
            Map.entry("appdisplayname", AlertContext.APP),
            Map.entry("applicationdisplayname", AlertContext.APP),
            Map.entry("applicationname", AlertContext.APP),
            Map.entry("appname", AlertContext.APP),
            Map.entry("appid", AlertContext.APP_ID),
            Map.entry("applicationid", AlertContext.APP_ID),
            Map.entry("clientid", AlertContext.APP_ID),
            Map.entry("userprincipalname", AlertContext.USER),
            Map.entry("upn", AlertContext.USER),
            Map.entry("tenantid", AlertContext.TENANT),
            Map.entry("aadtenantid", AlertContext.TENANT),
            Map.entry("hometenantid", AlertContext.TENANT),
            Map.entry("ipaddress", AlertContext.IP),
            Map.entry("calleripaddress", AlertContext.IP),
            Map.entry("clientip", AlertContext.IP),
            Map.entry("clientipaddress", AlertContext.IP),
            Map.entry("location", AlertContext.LOCATION),
            Map.entry("locationdetails", AlertContext.LOCATION),
            Map.entry("resourcedisplayname", AlertContext.RESOURCE),
            Map.entry("correlationid", AlertContext.CORRELATION_ID),
            Map.entry("originalrequestid", AlertContext.REQUEST_ID),
            Map.entry("requestid", AlertContext.REQUEST_ID));

    /** Custom JSON rarely nests facts deeper than this; deeper objects are someone else's payload. */
    private static final int MAX_DEPTH = 4;

    private ContextFields() {
    }

    /** The context key a field of this name feeds, or null. */
    static String keyFor(String fieldName) {
        return KEYS.get(JsonNodes.normalize(fieldName));
    }

    /** Adds one named value; a location may be a string or Graph's {city, state, countryOrRegion}. */
    static void put(AlertContext context, String fieldName, JsonNode value) {
        String key = keyFor(fieldName);
        if (key == null) {
            return;
        }
        if (key.equals(AlertContext.LOCATION) && value.isObject()) {
            context.put(key, location(value));
        } else {
            context.put(key, JsonNodes.text(value));
        }
    }

    /** Every known field of an object and, depth first, of the objects inside it; the first value wins. */
    static void collect(JsonNode node, AlertContext context) {
        collect(node, context, 0);
    }

    private static void collect(JsonNode node, AlertContext context, int depth) {
        if (!node.isObject() || depth > MAX_DEPTH) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            put(context, e.getKey(), e.getValue());
        }
        for (JsonNode child : node) {
            if (child.isObject()) {
                collect(child, context, depth + 1);
            }
        }
    }

    /** "Seattle, Washington, US" from whichever parts are present; null when none is. */
    static String location(JsonNode location) {
        StringJoiner parts = new StringJoiner(", ");
        for (String part : new String[] {"city", "state", "countryOrRegion"}) {
            String v = JsonNodes.text(JsonNodes.field(location, part));
            if (v != null && !v.isBlank()) {
                parts.add(v.strip());
            }
        }
        return parts.length() == 0 ? null : parts.toString();
    }
}
