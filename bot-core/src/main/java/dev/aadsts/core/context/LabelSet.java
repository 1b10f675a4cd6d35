package dev.aadsts.core.context;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Finds where any of a fixed set of lower-case labels starts, in one pass over a text: a table keyed
 * by each label's first two characters says at which positions to compare further. Searching for each
 * of dozens of labels separately would read the text dozens of times.
 */
final class LabelSet {
    private static final int[] NONE = new int[0];

    private final int[][] byPair = new int[128 * 128][];
    /**
     * A 64K-bit filter over each label's first three characters (two-character labels set all thirds).
     * Letter pairs such as "re" or "co" start half the words of English; the third character rules
     * out nearly all of them with one look-up in a table small enough to stay in the CPU's cache.
     */
    private final long[] triples = new long[1 << 10];
    private final String[] labels;
    private final Map<String, Integer> ids = new HashMap<>();

    LabelSet(Collection<String> all) {
        this.labels = new LinkedHashSet<>(all).toArray(new String[0]);
        Map<Integer, List<Integer>> grouped = new HashMap<>();
        for (int id = 0; id < labels.length; id++) {
            String label = labels[id];
            if (label.length() < 2 || label.charAt(0) >= 128 || label.charAt(1) >= 128) {
                throw new IllegalArgumentException("labels need two ASCII characters to start: " + label);
            }
            ids.put(label, id);
            grouped.computeIfAbsent((label.charAt(0) << 7) | label.charAt(1), k -> new ArrayList<>()).add(id);
        }
        grouped.forEach((pair, list) -> byPair[pair] = list.stream().mapToInt(Integer::intValue).toArray());
        for (String label : labels) {
            int pair = (label.charAt(0) << 7) | label.charAt(1);
            if (label.length() == 2) {
                for (char third = 0; third < 128; third++) {
                    mark(pair, third);
                }
            } else if (label.charAt(2) < 128) {
                mark(pair, label.charAt(2));
            }
        }
    }

    private void mark(int pair, char third) {
        int bit = hash(pair, third);
        triples[bit >>> 6] |= 1L << bit;
    }

    private static int hash(int pair, int third) {
        return ((pair * 31) ^ (third * 0x9E5)) & 0xFFFF;
    }

    private boolean maybe(int pair, int third) {
        int bit = hash(pair, third);
        return (triples[bit >>> 6] & (1L << bit)) != 0;
    }

    /** Positions of every label in {@code lower}, ascending, per label. */
    Positions index(String lower) {
        Found found = new Found(labels.length);
        int n = lower.length();
        if (n < 2) {
            return found;
        }
        char first = lower.charAt(0);
        char second = lower.charAt(1);
        for (int i = 2; i <= n; i++) {
            // A label may end the text, so the last pair is tried with a stand-in third character.
            char third = i < n ? lower.charAt(i) : 0;
            if (((first | second | third) & 0xFF80) == 0) {
                int pair = (first << 7) | second;
                if (maybe(pair, third) && byPair[pair] != null) {
                    compare(lower, i - 2, byPair[pair], found);
                }
            }
            first = second;
            second = third;
        }
        return found;
    }

    // Kept out of the loop above so that loop stays small enough to compile tightly.
    private void compare(String lower, int at, int[] candidates, Found found) {
        char third = at + 2 < lower.length() ? lower.charAt(at + 2) : 0;
        for (int id : candidates) {
            String label = labels[id];
            // The first two characters matched already; most candidates part at the third.
            if ((label.length() == 2 || label.charAt(2) == third) && lower.startsWith(label, at)) {
                found.add(id, at);
            }
        }
    }

    /** Label positions of one text; most texts hold few labels, so small arrays grown on demand. */
    private final class Found implements Positions {
        private final int[][] positions;
        private final int[] counts;

        Found(int size) {
            positions = new int[size][];
            counts = new int[size];
        }

        void add(int id, int at) {
            int[] list = positions[id];
            if (list == null) {
                list = positions[id] = new int[4];
            } else if (counts[id] == list.length) {
                list = positions[id] = Arrays.copyOf(list, list.length * 2);
            }
            list[counts[id]++] = at;
        }

        @Override
        public int[] of(String label) {
            Integer id = ids.get(label);
            if (id == null || positions[id] == null) {
                return NONE;
            }
            // Trimmed once and kept: callers ask again and again, and a copy per question made a text
            // full of one label ("1Q~1Q~…") quadratic.
            if (counts[id] != positions[id].length) {
                positions[id] = Arrays.copyOf(positions[id], counts[id]);
            }
            return positions[id];
        }
    }

    /** Where one label stands in the indexed text. */
    @FunctionalInterface
    interface Positions {
        int[] of(String label);
    }
}
