package dev.aadsts.core.context;

import java.util.Locale;

/** Case folding that keeps every index in place, so positions found in the copy fit the original. */
public final class Ascii {
    private Ascii() {
    }

    public static String lower(String s) {
        // The JDK's own lower-casing is much faster; it keeps indexes unless a character expands
        // (such as the Turkish dotted capital I), and then the ASCII-only copy below is made instead.
        String fast = s.toLowerCase(Locale.ROOT);
        if (fast.length() == s.length()) {
            return fast;
        }
        char[] out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (out == null) {
                    out = s.toCharArray();
                }
                out[i] = (char) (c + 32);
            }
        }
        return out == null ? s : new String(out);
    }
}
