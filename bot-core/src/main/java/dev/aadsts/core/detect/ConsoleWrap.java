package dev.aadsts.core.detect;

import java.util.function.Predicate;

/**
 * Windows PowerShell 5.1 breaks long error lines at the console width, wherever that falls, so a code
 * can arrive as {@code AADSTS7000} at the end of one line and {@code 215:} at the start of the next.
 * The two halves are read as one code only when the break looks like such a wrap: the first line is a
 * full console line (at least {@value #MIN_WRAP_WIDTH} characters), the second line starts with the
 * remaining digits and the joined run is a code-length token. When the first half is a complete code by
 * itself it stays as it is, unless only the joined code is one the catalog knows: two numbers that merely
 * stand on consecutive lines are never glued together.
 */
final class ConsoleWrap {
    /** Console windows are 80 columns or wider; prose lines that end in a code are usually shorter. */
    static final int MIN_WRAP_WIDTH = 60;

    private ConsoleWrap() {
    }

    /**
     * @param start where the digits after the prefix start
     * @param end   where they end
     * @return the joined code, or null when this is not a wrapped code
     */
    static String joined(String text, int start, int end, Predicate<String> knownCode) {
        int next = afterLineBreak(text, end);
        if (next < 0 || end - start >= CodeDetectorLimits.MAX_DIGITS) {
            return null;
        }
        int nextEnd = CodeDetector.digitsEnd(text, next);
        int first = end - start;
        int total = first + nextEnd - next;
        if (nextEnd == next || total < CodeDetectorLimits.MIN_DIGITS || total > CodeDetectorLimits.MAX_DIGITS
                || !CodeDetector.endsToken(text, nextEnd) || !fullWidthLine(text, end)) {
            return null;
        }
        String code = text.substring(start, end) + text.substring(next, nextEnd);
        if (first >= CodeDetectorLimits.MIN_DIGITS
                && (knownCode.test(text.substring(start, end)) || !knownCode.test(code))) {
            return null;
        }
        return code;
    }

    /** Where the continuation's digits end (the match's end in the text). */
    static int end(String text, int end) {
        int next = afterLineBreak(text, end);
        return CodeDetector.digitsEnd(text, next);
    }

    private static int afterLineBreak(String text, int p) {
        if (p < text.length() && text.charAt(p) == '\n') {
            return p + 1;
        }
        if (p + 1 < text.length() && text.charAt(p) == '\r' && text.charAt(p + 1) == '\n') {
            return p + 2;
        }
        return -1;
    }

    /** The line ending at {@code end} is at least {@link #MIN_WRAP_WIDTH} characters long. */
    private static boolean fullWidthLine(String text, int end) {
        int from = end - MIN_WRAP_WIDTH;
        if (from < 0) {
            return false;
        }
        for (int i = from; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return false;
            }
        }
        return true;
    }
}
