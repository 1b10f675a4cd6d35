package dev.aadsts.core.detect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Finds AADSTS codes in pasted text of any shape in one pass over the raw characters.
 *
 * <p>Decoding the text first (URL, JSON, HTML) would cost a copy of every message, and the prefix and
 * digits survive all of those encodings unchanged, so the scan works on the raw text and only the
 * separators around a code are read leniently. Most chat text has no code at all: the loop looks at
 * each pair of characters once and only compares further where a pair can start a trigger word.
 */
public final class CodeDetector {
    private static final int MIN_DIGITS = 5;
    private static final int MAX_DIGITS = 8;
    /** How far around "Error Code:" the sign-in page's other labels must stand. */
    private static final int ERROR_PAGE_WINDOW = 600;

    private final Predicate<String> knownCode;

    /**
     * Each trigger word starts with a letter pair that is rare enough to test first: "aa" (AADSTS),
     * "er" (error...), "re" (ResultType). One table look-up per character pair decides whether to look
     * closer, which keeps code-free text as cheap as a plain scan for the prefix.
     */
    private static final boolean[] TRIGGER_PAIRS = new boolean[128 * 128];

    static {
        for (String pair : new String[] {"aa", "er", "re"}) {
            for (int upper = 0; upper < 4; upper++) {
                char a = (upper & 1) == 0 ? pair.charAt(0) : Character.toUpperCase(pair.charAt(0));
                char b = (upper & 2) == 0 ? pair.charAt(1) : Character.toUpperCase(pair.charAt(1));
                TRIGGER_PAIRS[(a << 7) | b] = true;
            }
        }
    }

    /** @param knownCode whether the catalog knows a code; a generic {@code errorCode} label needs one. */
    public CodeDetector(Predicate<String> knownCode) {
        this.knownCode = knownCode;
    }

    /** Each distinct code once, in order of first appearance. */
    public List<CodeMatch> detect(String text) {
        Map<String, CodeMatch> first = new LinkedHashMap<>();
        scan(text, m -> first.putIfAbsent(m.code(), m));
        return List.copyOf(first.values());
    }

    /** Tables a single scan reads at most: a paste repeating a header line must not cost rows × headers. */
    static final int MAX_TABLES = 16;

    private void scan(String text, Consumer<CodeMatch> sink) {
        int[] tablesLeft = {MAX_TABLES};
        final int n = text.length();
        if (n < 2) {
            return;
        }
        char previous = text.charAt(0);
        for (int i = 1; i < n; i++) {
            char c = text.charAt(i);
            if (((previous | c) & 0xFF80) == 0 && TRIGGER_PAIRS[(previous << 7) | c]) {
                trigger(text, i - 1, sink, tablesLeft);
            }
            previous = c;
        }
    }

    private void trigger(String text, int at, Consumer<CodeMatch> sink, int[] tablesLeft) {
        switch (text.charAt(at) | 0x20) {
            case 'a' -> {
                if (matchesWord(text, at, "aadsts")) {
                    prefixed(text, at + 6, sink);
                }
            }
            case 'e' -> {
                if (matchesWord(text, at, "error")) {
                    errorLabel(text, at + 5, sink, tablesLeft);
                }
            }
            default -> {
                if (matchesWord(text, at, "resulttype") && labelled(text, at + 10, Shape.SIGN_IN_LOG, false, sink)
                        == at + 10 && tablesLeft[0]-- > 0) {
                    TableColumn.read(text, at, at + 10, sink);
                }
            }
        }
    }

    /**
     * After "AADSTS": digits straight away, or after one punctuation mark ({@code - : # _}) and/or one
     * space-like character, or after an HTML tag that a rich-text editor put between prefix and digits.
     */
    private static int prefixed(String text, int p, Consumer<CodeMatch> sink) {
        int q = p;
        if (q < text.length() && "-:#_".indexOf(text.charAt(q)) >= 0) {
            q++;
        }
        q += spaceLength(text, q);
        q = skipTags(text, q);
        int end = digitsEnd(text, q);
        if (isCodeLength(q, end)) {
            sink.accept(new CodeMatch(text.substring(q, end), q, end, Shape.PREFIXED));
            return end;
        }
        return p;
    }

    private static int spaceLength(String text, int p) {
        if (p >= text.length()) {
            return 0;
        }
        char c = text.charAt(p);
        if (c == ' ' || c == '+' || c == '\t' || c == '\u00a0' || c == '\u200b') {
            return 1;
        }
        if (text.startsWith("%20", p)) {
            return 3;
        }
        if (text.startsWith("&nbsp;", p)) {
            return 6;
        }
        return 0;
    }

    /** Skips HTML tags such as {@code </strong>} or {@code <span class="x">}; anything else stays. */
    private static int skipTags(String text, int p) {
        int n = text.length();
        for (int tags = 0; tags < 4 && p + 2 < n && text.charAt(p) == '<'; tags++) {
            int q = p + 1;
            if (text.charAt(q) == '/') {
                q++;
            }
            if (q >= n || !Character.isLetter(text.charAt(q))) {
                return p;
            }
            int close = text.indexOf('>', q);
            if (close < 0 || close - p > 80) {
                return p;
            }
            p = close + 1;
        }
        return p;
    }

    /**
     * After "error": {@code _codes} (token response array), {@code Code} (sign-in log record),
     * {@code " Code"} (sign-in page) or {@code ?code=} (Microsoft's lookup link).
     */
    private int errorLabel(String text, int p, Consumer<CodeMatch> sink, int[] tablesLeft) {
        if (matchesWord(text, p, "_codes")) {
            return errorCodesArray(text, p + 6, sink);
        }
        if (matchesWord(text, p, "code")) {
            if (!knownCodeAhead(text, p + 4) || !nearSignInLogFields(text, p)) {
                return p + 4;
            }
            return labelled(text, p + 4, Shape.SIGN_IN_LOG, true, sink);
        }
        if (matchesWord(text, p, "?code=") && nearWord(text, p, 60, "microsoftonline")) {
            return labelled(text, p + 6, Shape.LOOKUP_LINK, false, sink);
        }
        int space = spaceLength(text, p);
        if (space > 0 && matchesWord(text, p + space, "code")) {
            int after = p + space + 4;
            if (nearErrorPageLabels(text, p)) {
                int end = labelled(text, after, Shape.ERROR_PAGE, false, sink);
                if (end != after) {
                    return end;
                }
            }
            // The portal's sign-in log export names its column "Sign-in error code".
            int header = p - 5 - "sign-in ".length();
            if (header >= 0 && matchesWord(text, header, "sign-in ") && tablesLeft[0]-- > 0) {
                return TableColumn.read(text, header, after, sink);
            }
        }
        return p;
    }

    /** Cheap pre-check before the window search: only a known code can make a generic errorCode count. */
    private boolean knownCodeAhead(String text, int p) {
        if (p < text.length() && Character.isLetter(text.charAt(p))) {
            return false;
        }
        int start = skipSeparators(text, p, 16);
        int end = digitsEnd(text, start);
        return isCodeLength(start, end) && knownCode.test(text.substring(start, end));
    }

    /**
     * A label followed by separators and a number. Returns where scanning may go on; the sink sees the
     * match only if the shape is trusted ({@code needsKnown}: only codes the catalog has).
     */
    private int labelled(String text, int p, Shape shape, boolean needsKnown,
                         Consumer<CodeMatch> sink) {
        if (p < text.length() && Character.isLetter(text.charAt(p))) {
            return p; // "errorCodeDescription", "ResultTypeX": a different field.
        }
        int start = skipSeparators(text, p, 16);
        int end = digitsEnd(text, start);
        if (!isCodeLength(start, end)) {
            return p;
        }
        String code = text.substring(start, end);
        if (needsKnown && !knownCode.test(code)) {
            return end;
        }
        sink.accept(new CodeMatch(code, start, end, shape));
        return end;
    }

    private static int errorCodesArray(String text, int p, Consumer<CodeMatch> sink) {
        int q = skipSeparators(text, p, 16);
        int n = text.length();
        // Numbers separated by commas and white space, up to the closing bracket.
        while (q < n) {
            int end = digitsEnd(text, q);
            if (end == q) {
                break;
            }
            if (isCodeLength(q, end)) {
                sink.accept(new CodeMatch(text.substring(q, end), q, end, Shape.ERROR_CODES_ARRAY));
            }
            q = end;
            while (q < n && (text.charAt(q) == ',' || Character.isWhitespace(text.charAt(q)))) {
                q++;
            }
        }
        return q;
    }

    private static boolean nearErrorPageLabels(String text, int p) {
        String window = window(text, p, ERROR_PAGE_WINDOW);
        return window.contains("request id") || window.contains("correlation id") || window.contains("timestamp")
                || window.contains("request&nbsp;id") || window.contains("correlation&nbsp;id");
    }

    /** A bare "errorCode" is any product's; Entra's sign-in records carry these fields beside it. */
    private static boolean nearSignInLogFields(String text, int p) {
        String window = window(text, p, ERROR_PAGE_WINDOW);
        return window.contains("failurereason") || window.contains("userprincipalname")
                || window.contains("appdisplayname") || window.contains("conditionalaccessstatus")
                || window.contains("signin") || window.contains("correlationid") || window.contains("ipaddress");
    }

    private static boolean nearWord(String text, int p, int before, String word) {
        int from = Math.max(0, p - before);
        return text.substring(from, p).toLowerCase(Locale.ROOT).contains(word);
    }

    private static String window(String text, int p, int radius) {
        int from = Math.max(0, p - radius);
        int to = Math.min(text.length(), p + radius);
        return text.substring(from, to).toLowerCase(Locale.ROOT);
    }

    /** Quotes, escapes, colons, brackets, white space and their %- and &-encoded forms between label and value. */
    private static int skipSeparators(String text, int p, int maxSteps) {
        int n = text.length();
        for (int step = 0; step < maxSteps && p < n; step++) {
            char c = text.charAt(p);
            switch (c) {
                case ' ', '\t', '\r', '\n', '"', '\'', '\\', ':', '=', '[', '|', '-', '*', '\u00a0', '\u200b' -> p++;
                case '<' -> {
                    int after = skipTags(text, p);
                    if (after == p) {
                        return p;
                    }
                    p = after;
                }
                case '%' -> {
                    if (p + 2 < n && isHex(text.charAt(p + 1)) && isHex(text.charAt(p + 2))) {
                        p += 3;
                    } else {
                        return p;
                    }
                }
                case '&' -> {
                    int semi = text.indexOf(';', p);
                    if (semi > p && semi - p <= 6) {
                        p = semi + 1;
                    } else {
                        return p;
                    }
                }
                default -> {
                    return p;
                }
            }
        }
        return p;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
    }

    private static int digitsEnd(String text, int p) {
        int n = text.length();
        int q = p;
        while (q < n && text.charAt(q) >= '0' && text.charAt(q) <= '9') {
            q++;
        }
        return q;
    }

    private static boolean isCodeLength(int start, int end) {
        int len = end - start;
        return len >= MIN_DIGITS && len <= MAX_DIGITS;
    }

    /** ASCII comparison that folds the case of letters only; {@code word} must be lower case. */
    private static boolean matchesWord(String text, int p, String word) {
        int len = word.length();
        if (p + len > text.length()) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            char c = text.charAt(p + k);
            char w = word.charAt(k);
            if (c != w && !(w >= 'a' && w <= 'z' && (c | 0x20) == w)) {
                return false;
            }
        }
        return true;
    }
}
