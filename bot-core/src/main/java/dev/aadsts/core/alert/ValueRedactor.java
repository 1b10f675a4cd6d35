package dev.aadsts.core.alert;

import dev.aadsts.core.context.SecretRedactor;

/**
 * Blanks secrets out of single field values. bot-core's {@link SecretRedactor} finds secrets by their
 * labels and well-known shapes in pasted text; a lone value has no label, so opaque credential-like
 * runs are masked here as well. Erring towards a masked id is cheap; repeating a key into a channel is not.
 */
final class ValueRedactor {
    private static final SecretRedactor REDACTOR = new SecretRedactor();
    /** Shorter runs are words and ids; secrets and tokens are longer. */
    private static final int MIN_RUN = 20;
    private static final int OPAQUE_SEGMENT = 24;
    private static final int HEX_SEGMENT = 32;

    private ValueRedactor() {
    }

    /**
     * @param link whether the value is a portal link: those carry long compressed queries on purpose, so
     *             only labelled secrets, JWTs and client secrets are masked there
     */
    static String redact(String value, boolean link) {
        String v = REDACTOR.redact(value);
        StringBuilder out = null;
        int last = 0;
        int n = v.length();
        int i = 0;
        while (i < n) {
            if (!runChar(v.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && runChar(v.charAt(i))) {
                i++;
            }
            if (i - start >= MIN_RUN && secretLike(v, start, i, link)) {
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(v, last, start).append(SecretRedactor.MASK);
                last = i;
            }
        }
        if (out == null) {
            return v;
        }
        return out.append(v, last, n).toString();
    }

    private static boolean runChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '+' || c == '/' || c == '=' || c == '_' || c == '~' || c == '.' || c == '-';
    }

    private static boolean secretLike(String v, int start, int end, boolean link) {
        String run = v.substring(start, end);
        // Entra client secrets carry "Q~"; base64 JSON (JWT headers and bodies) starts with "eyJ".
        if (run.contains("Q~") || run.startsWith("eyJ") || run.contains(".eyJ")) {
            return true;
        }
        if (link) {
            return false;
        }
        // Names, paths and ids are words joined by - _ . / =; keys and tokens are long unbroken stretches.
        int from = 0;
        for (int k = 0; k <= run.length(); k++) {
            char c = k < run.length() ? run.charAt(k) : '.';
            if (c == '-' || c == '_' || c == '.' || c == '/' || c == '=') {
                if (opaque(run, from, k)) {
                    return true;
                }
                from = k + 1;
            }
        }
        return false;
    }

    private static boolean opaque(String s, int from, int to) {
        int len = to - from;
        if (len < OPAQUE_SEGMENT) {
            return false;
        }
        int upper = 0;
        int lower = 0;
        int digits = 0;
        int hex = 0;
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c >= 'A' && c <= 'Z') {
                upper++;
            } else if (c >= 'a' && c <= 'z') {
                lower++;
            } else if (c >= '0' && c <= '9') {
                digits++;
            }
            if (Character.digit(c, 16) >= 0) {
                hex++;
            }
        }
        if (len >= HEX_SEGMENT && hex == len && digits > 0) {
            return true; // hex keys and hashes; GUIDs break into short groups
        }
        // Random base64 mixes cases evenly; CamelCase names are mostly lower case.
        return upper * 100 >= len * 20 && lower * 100 >= len * 20 && digits >= 2;
    }
}
