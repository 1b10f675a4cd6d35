package dev.aadsts.core.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The sign-in page's troubleshooting block in whatever language the user reads it: the labels are
 * translated ("Fehlercode", "Code d'erreur", "エラー コード"), the shape is not. A labelled 5 to 8 digit
 * number stands beside at least two labelled GUIDs (request and correlation id) and a labelled ISO
 * timestamp, each label a short run of words before a colon. Recognising that shape needs no list of
 * translated words to keep up to date.
 *
 * <p>One pass over the colons (ASCII and full-width) of the text; each colon costs a bounded look at
 * its two sides, so the whole pass is linear whatever the input.
 */
final class ErrorPageBlock {
    /** Labelled values further apart than this belong to different blocks. */
    private static final int MAX_GAP = 240;
    /** The longest label in any translation is well under this (German "Korrelations-ID", Portuguese "ID de correlação"). */
    private static final int MAX_LABEL = 40;
    private static final int GUID_LENGTH = 36;

    private enum Kind { CODE, GUID, TIME }

    private record Field(Kind kind, int labelStart, int valueStart, int valueEnd) {
    }

    private ErrorPageBlock() {
    }

    static void scan(String text, Consumer<CodeMatch> sink) {
        Block block = new Block();
        Colons colons = new Colons(text);
        for (int i = colons.next(0); i >= 0; ) {
            Field field = field(text, i);
            if (field == null) {
                i = colons.next(i + 1);
                continue;
            }
            if (block.lastEnd >= 0 && field.labelStart - block.lastEnd > MAX_GAP) {
                block.flush(text, sink);
            }
            block.add(field);
            i = colons.next(field.valueEnd);
        }
        block.flush(text, sink);
    }

    /**
     * ASCII and full-width colons in order. {@code indexOf} compares many characters per instruction where a
     * loop over {@code charAt} compares one; the next full-width colon is remembered, so a text with none
     * (nearly every paste) is searched for it once, not once per ASCII colon.
     */
    private static final class Colons {
        private final String text;
        private int fullWidth = -2;

        Colons(String text) {
            this.text = text;
        }

        int next(int from) {
            if (fullWidth != -1 && fullWidth < from) {
                fullWidth = text.indexOf('\uFF1A', from);
            }
            int ascii = text.indexOf(':', from);
            if (fullWidth < 0) {
                return ascii;
            }
            return ascii < 0 ? fullWidth : Math.min(ascii, fullWidth);
        }
    }

    /** The labelled values of one block so far; only code fields are kept, the rest are counted. */
    private static final class Block {
        final List<Field> codes = new ArrayList<>();
        int guids;
        int times;
        int lastEnd = -1;

        void add(Field field) {
            switch (field.kind) {
                case CODE -> codes.add(field);
                case GUID -> guids++;
                default -> times++;
            }
            lastEnd = field.valueEnd;
        }

        /**
         * A page block has a code, a request id, a correlation id and a timestamp; several pages pasted one
         * after another have as many of each. Lines of numbers beside a pair of ids are something else.
         */
        void flush(String text, Consumer<CodeMatch> sink) {
            if (!codes.isEmpty() && codes.size() <= Math.min(times, guids / 2)) {
                for (Field f : codes) {
                    sink.accept(new CodeMatch(text.substring(f.valueStart, f.valueEnd), f.valueStart, f.valueEnd,
                            Shape.ERROR_PAGE));
                }
            }
            codes.clear();
            guids = 0;
            times = 0;
            lastEnd = -1;
        }
    }

    /** The labelled value whose separator stands at {@code colon}, or null when it is not one. */
    private static Field field(String text, int colon) {
        int v = skipGap(text, colon + 1);
        Kind kind;
        int end;
        if ((end = guidEnd(text, v)) > 0) {
            kind = Kind.GUID;
        } else if ((end = timestampEnd(text, v)) > 0) {
            kind = Kind.TIME;
        } else {
            end = CodeDetector.digitsEnd(text, v);
            if (!CodeDetector.isCode(text, v, end) || CodeDetector.looksLikeHresult(text, v, end)) {
                return null;
            }
            kind = Kind.CODE;
        }
        int labelStart = labelStart(text, colon);
        return labelStart < 0 ? null : new Field(kind, labelStart, v, end);
    }

    /** Spaces (also no-break and ideographic) and the odd HTML tag between the colon and the value. */
    private static int skipGap(String text, int p) {
        int n = text.length();
        for (int step = 0; step < 4 && p < n; step++) {
            char c = text.charAt(p);
            if (c == ' ' || c == '\t' || c == '\u00a0' || c == '\u3000') {
                p++;
            } else if (c == '<') {
                int close = CodeDetector.indexOf(text, '>', p + 1, p + 40);
                if (close < 0) {
                    return p;
                }
                p = close + 1;
            } else {
                break;
            }
        }
        return p;
    }

    /**
     * Where the label before the colon starts, or -1 when there is none: words (any script) back to the
     * line's start, a tag, or the previous value, at most {@value #MAX_LABEL} characters and no digits.
     */
    private static int labelStart(String text, int colon) {
        int p = colon;
        // "<strong>Error Code</strong>:" puts a tag between label and colon.
        if (p > 0 && text.charAt(p - 1) == '>') {
            int open = lastIndexOf(text, '<', p - 1, p - 40);
            if (open < 0) {
                return -1;
            }
            p = open;
        }
        int letters = 0;
        int start = p;
        while (start > 0 && p - start < MAX_LABEL) {
            char c = text.charAt(start - 1);
            if (c == '\n' || c == '\r' || c == '>' || c == '<' || c == ':' || c == '\uFF1A' || c == '|'
                    || c == '"' || c == '=' || (c >= '0' && c <= '9')) {
                break;
            }
            // Field names of logs and JSON ("errorCode", "correlation_id") are machine labels, not the page's.
            if (c == '_' || (Character.isUpperCase(c) && start - 2 >= 0 && Character.isLowerCase(text.charAt(start - 2)))) {
                return -1;
            }
            if (Character.isLetter(c)) {
                letters++;
            }
            start--;
        }
        boolean bounded = start == 0 || p - start < MAX_LABEL;
        return bounded && letters >= 2 ? start : -1;
    }

    private static int lastIndexOf(String text, char c, int before, int notBefore) {
        for (int i = before - 1; i >= Math.max(0, notBefore); i--) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** 8-4-4-4-12 hex digits, a token of its own. */
    private static int guidEnd(String text, int p) {
        if (p + GUID_LENGTH > text.length()) {
            return -1;
        }
        for (int k = 0; k < GUID_LENGTH; k++) {
            char c = text.charAt(p + k);
            boolean dash = k == 8 || k == 13 || k == 18 || k == 23;
            if (dash ? c != '-' : !isHex(c)) {
                return -1;
            }
        }
        int end = p + GUID_LENGTH;
        return end < text.length() && CodeDetector.isAsciiLetterOrDigit(text.charAt(end)) ? -1 : end;
    }

    /** {@code 2024-05-15T06:31:02.417Z} or {@code 2024-05-15 06:31:02}: up to the next space or tag. */
    private static int timestampEnd(String text, int p) {
        String shape = "dddd-dd-dd?dd:dd";
        if (p + shape.length() > text.length()) {
            return -1;
        }
        for (int k = 0; k < shape.length(); k++) {
            char c = text.charAt(p + k);
            char s = shape.charAt(k);
            boolean ok = s == 'd' ? c >= '0' && c <= '9' : s == '?' ? c == 'T' || c == ' ' : c == s;
            if (!ok) {
                return -1;
            }
        }
        int end = p + shape.length();
        int limit = Math.min(text.length(), end + 16);
        while (end < limit && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '<') {
            end++;
        }
        return end;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
    }
}
