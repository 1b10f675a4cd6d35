package dev.aadsts.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aadsts.core.detect.CodeDetector;
import dev.aadsts.core.detect.CodeMatch;
import java.util.List;
import java.util.Map;

/**
 * Codes in free text and in JSON values, by bot-core's detector and its rules (prefixed codes, or
 * prefix-less numbers only in shapes Entra uses). JSON is rendered as one {@code key: value} line per
 * string, so the detector sees unescaped text together with the labels its rules look for
 * ({@code ResultType: 50126}, {@code error_codes: 50076}). Numbers are rendered only under error-code-like
 * keys: elsewhere they are counts, ports and sizes.
 */
final class CodeScan {
    private final CodeDetector detector;

    CodeScan(CodeDetector detector) {
        this.detector = detector;
    }

    /** Each distinct code once, in order of first appearance. */
    List<String> codes(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        return detector.detect(text).stream().map(CodeMatch::code).toList();
    }

    /** Each distinct code in any of the values, once, in order of first appearance. */
    List<String> codes(JsonNode... nodes) {
        StringBuilder text = new StringBuilder();
        for (JsonNode node : nodes) {
            render(node, null, text);
        }
        return codes(text.toString());
    }

    /** Depth is bounded by the parser's nesting limit, so plain recursion is safe here. */
    static void render(JsonNode node, String key, StringBuilder out) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            line(key, node.textValue(), out);
        } else if (node.isNumber()) {
            if (key != null && codeLikeKey(key)) {
                line(key, node.asText(), out);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                render(e.getValue(), e.getKey(), out);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                render(element, key, out);
            }
        }
    }

    private static void line(String key, String value, StringBuilder out) {
        if (key != null) {
            out.append(key).append(": ");
        }
        out.append(value).append('\n');
    }

    private static boolean codeLikeKey(String key) {
        String k = JsonNodes.normalize(key);
        return k.contains("errorcode") || k.contains("resulttype");
    }
}
