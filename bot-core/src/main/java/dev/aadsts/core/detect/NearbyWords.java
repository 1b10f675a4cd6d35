package dev.aadsts.core.detect;

import java.util.Arrays;
import java.util.List;

/**
 * Where a few lower-case words stand in one text, found once, so "is one of them within 600 characters
 * of here" costs a binary search. Copying and lower-casing a window per question would make a text that
 * repeats the question cost its length times the window.
 */
final class NearbyWords {
    private final int[] starts;
    private final int[] ends;

    NearbyWords(String text, List<String> words) {
        char[] folded = text.toCharArray();
        for (int i = 0; i < folded.length; i++) {
            char c = folded[i];
            if (c >= 'A' && c <= 'Z') {
                folded[i] = (char) (c + 32);
            }
        }
        String lower = new String(folded);
        long[] found = new long[16];
        int count = 0;
        for (String word : words) {
            for (int at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
                if (count == found.length) {
                    found = Arrays.copyOf(found, count * 2);
                }
                found[count++] = ((long) at << 32) | (at + word.length());
            }
        }
        Arrays.sort(found, 0, count);
        starts = new int[count];
        ends = new int[count];
        for (int i = 0; i < count; i++) {
            starts[i] = (int) (found[i] >>> 32);
            ends[i] = (int) found[i];
        }
    }

    /** Whether one of the words lies wholly inside [p - radius, p + radius). */
    boolean within(int p, int radius) {
        int from = Math.max(0, p - radius);
        int to = p + radius;
        int i = Arrays.binarySearch(starts, from);
        if (i < 0) {
            i = -i - 1;
        } else {
            while (i > 0 && starts[i - 1] == from) {
                i--;
            }
        }
        // Words are short, so only the few occurrences starting just after 'from' can end before 'to'.
        for (; i < starts.length && starts[i] < to; i++) {
            if (ends[i] <= to) {
                return true;
            }
        }
        return false;
    }
}
