package dev.aadsts.core.explain;

import dev.aadsts.core.context.AsciiBytes;
import dev.aadsts.core.detect.CodeMatch;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each code's own sentence most likely is: the first place its digits follow "AADSTS" (with the
 * separators detection allows), else their first place as a whole number, else -1. Only digit runs of a
 * code's length (5 to 8) count, and only ASCII digits make a run.
 */
final class CodeAnchors {
    /**
     * Up to this many codes, each is looked for with {@link String#indexOf(String, int)}, which the JVM
     * runs with vector instructions: a few such searches cost less than one pass that stops at every
     * character. More codes get that one pass, so thousands of codes never cost thousands of searches.
     */
    private static final int SEARCHED_ONE_BY_ONE = 8;
    private static final int MIN_DIGITS = 5;
    private static final int MAX_DIGITS = 8;

    private CodeAnchors() {
    }

    static int[] of(String text, List<CodeMatch> codes) {
        if (codes.size() > SEARCHED_ONE_BY_ONE) {
            return byOnePass(text, codes);
        }
        int[] anchors = new int[codes.size()];
        for (int i = 0; i < anchors.length; i++) {
            anchors[i] = anchor(text, codes.get(i).code());
        }
        return anchors;
    }

    private static int anchor(String text, String code) {
        int length = code.length();
        if (length < MIN_DIGITS || length > MAX_DIGITS) {
            return -1;
        }
        int first = -1;
        for (int at = text.indexOf(code); at >= 0; ) {
            int end = at + length;
            if (at > 0 && isDigit(text.charAt(at - 1)) || end < text.length() && isDigit(text.charAt(end))) {
                // Part of a longer run: so is every later occurrence that starts inside it, so skip the run.
                at = text.indexOf(code, runEnd(text, at));
                continue;
            }
            if (afterPrefix(text, at)) {
                return at;
            }
            if (first < 0) {
                first = at;
            }
            at = text.indexOf(code, end);
        }
        return first;
    }

    private static int runEnd(String text, int p) {
        int n = text.length();
        while (p < n && isDigit(text.charAt(p))) {
            p++;
        }
        return p;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** One pass over the text for all codes, finding each digit run's code in a hash map. */
    private static int[] byOnePass(String text, List<CodeMatch> codes) {
        Map<String, Integer> byCode = new HashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            byCode.putIfAbsent(codes.get(i).code(), i);
        }
        int[] first = new int[codes.size()];
        Arrays.fill(first, -1);
        boolean[] prefixed = new boolean[codes.size()];
        byte[] bytes = AsciiBytes.of(text);
        int n = bytes.length;
        for (int at = 0; at < n; ) {
            if (bytes[at] < '0' || bytes[at] > '9') {
                at++;
                continue;
            }
            int end = at + 1;
            while (end < n && bytes[end] >= '0' && bytes[end] <= '9') {
                end++;
            }
            // Only a run of a code's length can be one; "\u0000"-storms are all short runs.
            Integer k = end - at >= MIN_DIGITS && end - at <= MAX_DIGITS ? byCode.get(text.substring(at, end)) : null;
            if (k != null && !prefixed[k]) {
                if (afterPrefix(text, at)) {
                    first[k] = at;
                    prefixed[k] = true;
                } else if (first[k] < 0) {
                    first[k] = at;
                }
            }
            at = end;
        }
        int[] anchors = new int[codes.size()];
        for (int i = 0; i < codes.size(); i++) {
            anchors[i] = first[byCode.get(codes.get(i).code())];
        }
        return anchors;
    }

    private static boolean afterPrefix(String text, int at) {
        int p = at;
        while (p > 0 && at - p < 3 && " :-#_+\u00a0".indexOf(text.charAt(p - 1)) >= 0) {
            p--;
        }
        return p >= 6 && text.regionMatches(true, p - 6, "AADSTS", 0, 6);
    }
}
