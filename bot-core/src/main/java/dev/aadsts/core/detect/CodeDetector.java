package dev.aadsts.core.detect;

import dev.aadsts.core.context.AsciiBytes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private static final int MIN_DIGITS = CodeDetectorLimits.MIN_DIGITS;
    private static final int MAX_DIGITS = CodeDetectorLimits.MAX_DIGITS;
    /** How far around "Error Code:" the sign-in page's other labels must stand. */
    private static final int ERROR_PAGE_WINDOW = 600;

    private static final Detection NOTHING = new Detection(List.of(), 0);

    private final Predicate<String> knownCode;

    /**
     * Each trigger word starts with a letter pair that is rare enough to test first: "aa" (AADSTS),
     * "er" (error...), "re" (ResultType). Per pair (7 bits each), the lower-case third letter its word
     * needs ('d', 'r', 's'), or 0. One table look-up and one comparison per character decide whether to
     * look closer; a pair alone would call in every "user" and "were", and such calls were a good part of
     * the scan of ordinary chat text.
     */
    private static final byte[] TRIGGER_THIRD = new byte[128 * 128];

    static {
        for (String word : new String[] {"aadsts", "error", "resulttype"}) {
            for (int upper = 0; upper < 4; upper++) {
                char a = (upper & 1) == 0 ? word.charAt(0) : Character.toUpperCase(word.charAt(0));
                char b = (upper & 2) == 0 ? word.charAt(1) : Character.toUpperCase(word.charAt(1));
                TRIGGER_THIRD[(a << 7) | b] = (byte) word.charAt(2);
            }
        }
    }

    /** @param knownCode whether the catalog knows a code; a generic {@code errorCode} label needs one. */
    public CodeDetector(Predicate<String> knownCode) {
        this.knownCode = knownCode;
    }

    /** Each distinct code once, in order of first appearance. */
    public List<CodeMatch> detect(String text) {
        return detect(text, Integer.MAX_VALUE).codes();
    }

    /**
     * The first {@code limit} distinct codes in order of first appearance, and how many distinct codes
     * the text holds in all. Codes past the limit are only counted, so a paste of ten thousand codes
     * costs one scan and a set of short strings, never ten thousand findings.
     */
    public Detection detect(String text, int limit) {
        return detect(text, AsciiBytes.of(text), limit);
    }

    /**
     * The same, with the text's {@link AsciiBytes} already made: a caller that reads the text again (the
     * explainer, for labels, when decoding leaves the text as it is) makes that copy once for both.
     */
    public Detection detect(String text, byte[] ascii, int limit) {
        if (ascii.length != text.length()) {
            throw new IllegalArgumentException("ascii must be AsciiBytes.of(text)");
        }
        List<CodeMatch> all = new ArrayList<>();
        scan(text, ascii, all::add);
        ErrorPageBlock.scan(text, all::add);
        if (all.isEmpty()) {
            return NOTHING; // most chat messages: no maps to build for them
        }
        // Rules emit in rule order (a table's rows when its header is read); what counts is the position.
        all.sort(Comparator.comparingInt(CodeMatch::start));
        Map<String, CodeMatch> first = new LinkedHashMap<>();
        Set<String> beyond = new HashSet<>();
        for (CodeMatch m : all) {
            if (first.containsKey(m.code())) {
                continue;
            }
            if (first.size() < limit) {
                first.put(m.code(), m);
            } else {
                beyond.add(m.code());
            }
        }
        return new Detection(List.copyOf(first.values()), first.size() + beyond.size());
    }

    /** Tables a single scan reads at most: a paste repeating a header line must not cost rows × headers. */
    static final int MAX_TABLES = 16;

    /** What one scan has used up or looked up: table reads left, and where the neighbour words stand. */
    private static final class ScanState {
        int tablesLeft = MAX_TABLES;
        NearbyWords pageLabels;
        NearbyWords signInFields;
    }

    private void scan(String text, byte[] bytes, Consumer<CodeMatch> sink) {
        ScanState state = new ScanState();
        final int n = text.length();
        if (n < 2) {
            return;
        }
        // Bytes, not chars: every trigger is ASCII, and the loop over a byte copy is a few instructions a
        // character. Every trigger word is longer than three characters, so a word starts before n - 2.
        // Masking folds a byte outside ASCII onto an ASCII pair, which can only call in a position that the
        // word comparison on the text then turns away; a third byte outside ASCII (negative, with 0x20 set
        // still negative) never equals a letter, nor the 0 of pairs that start no word.
        int first = bytes[0] & 0x7F;
        int second = bytes[1] & 0x7F;
        for (int i = 2; i < n; i++) {
            int third = bytes[i];
            if ((third | 0x20) == TRIGGER_THIRD[(first << 7) | second]) {
                trigger(text, i - 2, sink, state);
            }
            first = second;
            second = third & 0x7F;
        }
    }

    private void trigger(String text, int at, Consumer<CodeMatch> sink, ScanState state) {
        switch (text.charAt(at) | 0x20) {
            case 'a' -> {
                if (matchesWord(text, at, "aadsts")) {
                    prefixed(text, at + 6, sink);
                }
            }
            case 'e' -> {
                if (matchesWord(text, at, "error")) {
                    errorLabel(text, at + 5, sink, state);
                }
            }
            default -> {
                if (matchesWord(text, at, "resulttype") && labelled(text, at + 10, Shape.SIGN_IN_LOG, false, sink)
                        == at + 10 && state.tablesLeft-- > 0) {
                    TableColumn.read(text, at, at + 10, sink);
                }
            }
        }
    }

    /**
     * After "AADSTS": digits straight away, or after one punctuation mark ({@code - : # _}) and/or one
     * space-like character, or after an HTML tag that a rich-text editor put between prefix and digits.
     */
    private int prefixed(String text, int p, Consumer<CodeMatch> sink) {
        int q = p;
        if (q < text.length() && "-:#_".indexOf(text.charAt(q)) >= 0) {
            q++;
        }
        q += spaceLength(text, q);
        q = skipTags(text, q);
        int end = digitsEnd(text, q);
        if (end > q) {
            String wrapped = ConsoleWrap.joined(text, q, end, knownCode);
            if (wrapped != null) {
                sink.accept(new CodeMatch(wrapped, q, ConsoleWrap.end(text, end), Shape.PREFIXED));
                return end;
            }
        }
        if (isCode(text, q, end)) {
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
            // Bounded: a '<' without its '>' must not cost a search to the end of the text.
            int close = indexOf(text, '>', q, p + 81);
            if (close < 0) {
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
    private int errorLabel(String text, int p, Consumer<CodeMatch> sink, ScanState state) {
        if (matchesWord(text, p, "_codes")) {
            return errorCodesArray(text, p + 6, sink);
        }
        if (matchesWord(text, p, "code")) {
            if (!knownCodeAhead(text, p + 4) || !nearSignInLogFields(text, p, state)) {
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
            if (nearErrorPageLabels(text, p, state)) {
                int end = labelled(text, after, Shape.ERROR_PAGE, false, sink);
                if (end != after) {
                    return end;
                }
            }
            // The portal's sign-in log export names its column "Sign-in error code".
            int header = p - 5 - "sign-in ".length();
            if (header >= 0 && matchesWord(text, header, "sign-in ") && state.tablesLeft-- > 0) {
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
        return isCode(text, start, end) && knownCode.test(text.substring(start, end));
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
        if (!isCode(text, start, end)) {
            return p;
        }
        if (shape == Shape.ERROR_PAGE && looksLikeHresult(text, start, end)) {
            return end;
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
            if (isCode(text, q, end)) {
                sink.accept(new CodeMatch(text.substring(q, end), q, end, Shape.ERROR_CODES_ARRAY));
            }
            q = end;
            while (q < n && (text.charAt(q) == ',' || Character.isWhitespace(text.charAt(q)))) {
                q++;
            }
        }
        return q;
    }

    /** The sign-in page's other labels stand within {@link #ERROR_PAGE_WINDOW} characters. */
    private static boolean nearErrorPageLabels(String text, int p, ScanState state) {
        if (state.pageLabels == null) {
            state.pageLabels = new NearbyWords(text, List.of("request id", "correlation id", "timestamp",
                    "request&nbsp;id", "correlation&nbsp;id"));
        }
        return state.pageLabels.within(p, ERROR_PAGE_WINDOW);
    }

    /** A bare "errorCode" is any product's; Entra's sign-in records carry these fields beside it. */
    private static boolean nearSignInLogFields(String text, int p, ScanState state) {
        if (state.signInFields == null) {
            state.signInFields = new NearbyWords(text, List.of("failurereason", "userprincipalname", "appdisplayname",
                    "conditionalaccessstatus", "signin", "correlationid", "ipaddress"));
        }
        return state.signInFields.within(p, ERROR_PAGE_WINDOW);
    }

    private static boolean nearWord(String text, int p, int before, String word) {
        int from = Math.max(0, p - before);
        for (int i = from; i + word.length() <= p; i++) {
            if (matchesWord(text, i, word)) {
                return true;
            }
        }
        return false;
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
                    int semi = indexOf(text, ';', p + 1, p + 7);
                    if (semi > p) {
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

    /** The first {@code c} in [from, to), or -1: searches near a position stay near it. */
    static int indexOf(String text, char c, int from, int to) {
        int end = Math.min(to, text.length());
        for (int i = from; i < end; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    static int digitsEnd(String text, int p) {
        int n = text.length();
        int q = p;
        while (q < n && text.charAt(q) >= '0' && text.charAt(q) <= '9') {
            q++;
        }
        return q;
    }

    static boolean isCodeLength(int start, int end) {
        int len = end - start;
        return len >= MIN_DIGITS && len <= MAX_DIGITS;
    }

    /** A run of 5 to 8 ASCII digits that is a whole token, not the start of a GUID, hex id or word. */
    static boolean isCode(String text, int start, int end) {
        return isCodeLength(start, end) && endsToken(text, end);
    }

    /**
     * Whether the digit run ending here is a token of its own: not followed by a letter, any digit
     * (also non-ASCII), an underscore, or a hyphen that goes on with a letter or digit
     * ({@code 89244031-d6b8-…} is a GUID, {@code 99741aa9} a hex id).
     */
    static boolean endsToken(String text, int end) {
        if (end >= text.length()) {
            return true;
        }
        char c = text.charAt(end);
        if (isAsciiLetterOrDigit(c) || c == '_' || Character.isDigit(c)) {
            return false;
        }
        return !(c == '-' && end + 1 < text.length() && isAsciiLetterOrDigit(text.charAt(end + 1)));
    }

    /**
     * Windows and Microsoft-account pages print the same "Error Code / Correlation Id / Timestamp" block
     * with an HRESULT written without its 0x ({@code 80043490}); Entra's codes never have eight digits
     * starting with 8.
     */
    static boolean looksLikeHresult(String text, int start, int end) {
        return end - start == 8 && text.charAt(start) == '8';
    }

    static boolean isAsciiLetterOrDigit(char c) {
        return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    }

    /** ASCII comparison that folds the case of letters only; {@code word} must be lower case. */
    static boolean matchesWord(String text, int p, String word) {
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
