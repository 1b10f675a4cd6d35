package dev.aadsts.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Map;

/** Lenient reads from Jackson trees: pipelines re-case field names and turn numbers into strings. */
final class JsonNodes {
    private JsonNodes() {
    }

    /** The field by exact name, else by name ignoring case; a missing node when absent. */
    static JsonNode field(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            return MissingNode.getInstance();
        }
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return MissingNode.getInstance();
    }

    /** A string, or a number as written; null for anything else (objects, arrays, null, booleans). */
    static String text(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        return node.isNumber() ? node.asText() : null;
    }

    /** A number, or a string holding one; NaN otherwise. */
    static double number(JsonNode node) {
        if (node == null) {
            return Double.NaN;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            try {
                return Double.parseDouble(node.textValue().strip());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** A count of failures: a positive number rounded (at least 1), else 1. */
    static long occurrences(JsonNode node) {
        double v = number(node);
        if (!(v > 0) || Double.isInfinite(v)) {
            return 1;
        }
        return Math.max(1, Math.round(v)); // Math.round saturates at Long.MAX_VALUE
    }

    /**
     * Field names as different tools spell the same column ({@code UserPrincipalName},
     * {@code userPrincipalName}, {@code user_principal_name}, {@code Status.errorCode}) compare equal
     * once lower-cased without punctuation.
     */
    static String normalize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }
}
