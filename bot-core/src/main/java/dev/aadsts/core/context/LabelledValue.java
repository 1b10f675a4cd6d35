package dev.aadsts.core.context;

import java.util.List;

/**
 * Hand-written matchers for the context patterns tried on nearly every paste with a code: a label, an
 * assignment and a GUID (trace, correlation, app and tenant ids) or an ISO timestamp. Each gives exactly
 * what {@code lookingAt} of its regex gives in a region ({@code LabelledValueTest} holds them to it): these
 * regexes were most of context extraction's cost, and every part of them matches in one way only (no
 * choice of the regex could be undone by a later failure), so a single forward reading is the same match.
 *
 * <p>The regexes are {@code (?i)(?:label|label…)} + {@code ["']?\s*[:=]\s*["']?} + value, where the
 * value is {@code [0-9a-fA-F]{8}-…-[0-9a-fA-F]{12}} or
 * {@code \d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?}, case-insensitive
 * for ASCII only, as java.util.regex is without UNICODE_CASE.
 */
final class LabelledValue implements LabelledPattern.Matching {
    private enum Value { GUID, TIME }

    /** Every spelling of the labels, lower case, in the regex's order of trying them. */
    private final String[] labels;
    private final Value value;

    private LabelledValue(List<String> labels, Value value) {
        this.labels = labels.toArray(new String[0]);
        this.value = value;
    }

    /** {@code (?i)(?:a|b…)} + separator + GUID, the alternatives written out (no optional parts). */
    static LabelledValue guid(List<String> labels) {
        return new LabelledValue(labels, Value.GUID);
    }

    /** {@code (?i)(?:a|b…)} + separator + ISO timestamp. */
    static LabelledValue time(List<String> labels) {
        return new LabelledValue(labels, Value.TIME);
    }

    /** Each of {@code words} with {@code [ _-]?} and "id" after it: "trace id", "trace_id", "trace-id", "traceid". */
    static List<String> withIdSuffix(String... words) {
        List<String> out = new java.util.ArrayList<>();
        for (String word : words) {
            for (String sep : new String[] {" ", "_", "-", ""}) {
                out.add(word + sep + "id");
            }
        }
        return out;
    }

    @Override
    public LabelledPattern.Hit at(String text, int at, int end) {
        for (String label : labels) {
            if (!startsWithIgnoringAsciiCase(text, at, end, label)) {
                continue;
            }
            int v = afterSeparator(text, at + label.length(), end);
            if (v < 0) {
                continue;
            }
            int valueEnd = value == Value.GUID ? guidEnd(text, v, end) : timeEnd(text, v, end);
            if (valueEnd >= 0) {
                return new LabelledPattern.Hit(at, valueEnd, v, valueEnd);
            }
        }
        return null;
    }

    private static boolean startsWithIgnoringAsciiCase(String text, int at, int end, String label) {
        int len = label.length();
        if (at + len > end) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            char c = text.charAt(at + k);
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != label.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** {@code ["']?\s*[:=]\s*["']?}: where the value starts, or -1 without the [:=]. */
    private static int afterSeparator(String text, int p, int end) {
        if (p < end && isQuote(text.charAt(p))) {
            p++;
        }
        while (p < end && ContextExtractor.isRegexSpace(text.charAt(p))) {
            p++;
        }
        if (p >= end || (text.charAt(p) != ':' && text.charAt(p) != '=')) {
            return -1;
        }
        p++;
        while (p < end && ContextExtractor.isRegexSpace(text.charAt(p))) {
            p++;
        }
        if (p < end && isQuote(text.charAt(p))) {
            p++;
        }
        return p;
    }

    private static int guidEnd(String text, int p, int end) {
        if (p + 36 > end) {
            return -1;
        }
        for (int k = 0; k < 36; k++) {
            char c = text.charAt(p + k);
            boolean dash = k == 8 || k == 13 || k == 18 || k == 23;
            if (dash ? c != '-' : !isHex(c)) {
                return -1;
            }
        }
        return p + 36;
    }

    private static int timeEnd(String text, int p, int end) {
        // dddd-dd-dd?dd:dd:dd, the '?' one of T, t (the regex is case-insensitive) and space.
        String shape = "dddd-dd-dd?dd:dd:dd";
        if (p + shape.length() > end) {
            return -1;
        }
        for (int k = 0; k < shape.length(); k++) {
            char c = text.charAt(p + k);
            char s = shape.charAt(k);
            boolean ok = s == 'd' ? isDigit(c) : s == '?' ? c == 'T' || c == 't' || c == ' ' : c == s;
            if (!ok) {
                return -1;
            }
        }
        p += shape.length();
        // (?:[.,]\d{1,9})? takes as many digits as there are, up to nine.
        if (p + 1 < end && (text.charAt(p) == '.' || text.charAt(p) == ',') && isDigit(text.charAt(p + 1))) {
            int q = p + 1;
            while (q < end && q - (p + 1) < 9 && isDigit(text.charAt(q))) {
                q++;
            }
            p = q;
        }
        // (?:Z|[+-]\d{2}:?\d{2})? or nothing.
        if (p < end && (text.charAt(p) == 'Z' || text.charAt(p) == 'z')) {
            return p + 1;
        }
        if (p + 2 < end && (text.charAt(p) == '+' || text.charAt(p) == '-')
                && isDigit(text.charAt(p + 1)) && isDigit(text.charAt(p + 2))) {
            int q = p + 3;
            if (q < end && text.charAt(q) == ':') {
                q++;
            }
            if (q + 1 < end && isDigit(text.charAt(q)) && isDigit(text.charAt(q + 1))) {
                return q + 2;
            }
        }
        return p;
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
