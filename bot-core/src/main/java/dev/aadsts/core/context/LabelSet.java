package dev.aadsts.core.context;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds where any of a fixed set of lower-case ASCII labels starts, in either case, in one pass over a
 * text. Searching for each of dozens of labels separately would read the text dozens of times, and
 * lower-casing the text first would cost a pass and a copy of its own.
 *
 * <p>Each position goes through three filters, each rarer to pass than the one before: does any label start
 * with these two characters (a 16 KiB table), with these three (a 64K-bit filter), and do they begin the
 * prefix that the labels of that group share? Words such as "restart" or "report" pass the first two
 * filters for the two dozen labels that start with "re"; the shared prefix ("resource") turns them away
 * with one comparison instead of two dozen.
 */
final class LabelSet {
    private static final int[] NONE = new int[0];
    private static final int BUCKETS = 1 << 16;

    private final boolean[] starts = new boolean[128 * 128];
    private final long[] triples = new long[BUCKETS / 64];
    /** Labels of three characters or more by the filter bucket of their first three. */
    private final Group[] groups = new Group[BUCKETS];
    /** Two-character labels by their pair: any third character may follow. */
    private final int[][] pairsOnly = new int[128 * 128][];
    private final String[] labels;
    private final Map<String, Integer> ids = new HashMap<>();

    /**
     * Labels that share a filter bucket, the prefix all of them start with, and which characters (in either
     * case) may follow that prefix in one of them. Chat words that begin like a group ("users" like the seven
     * "user" labels, "tenants" like the five "tenant" ones) are turned away by that one bit, instead of by a
     * comparison with each label of the group.
     */
    private record Group(String prefix, int[] ids, long[] next) {
        /** With {@code next} null, one label is the prefix itself, and whatever follows it may follow. */
        boolean mayContinueWith(int b) {
            // Otherwise a negative byte (outside ASCII) continues no label.
            return next == null || (b >= 0 && ((next[b >>> 6] >>> b) & 1L) != 0);
        }
    }

    /** The characters that follow {@code prefix} in the labels {@code ids}; null when one of them is the prefix. */
    private static long[] nextCharacters(String prefix, int[] ids, String[] labels) {
        long[] next = new long[2];
        for (int id : ids) {
            String label = labels[id];
            if (label.length() == prefix.length()) {
                return null;
            }
            for (char c : cases(label.charAt(prefix.length()))) {
                next[c >>> 6] |= 1L << c;
            }
        }
        return next;
    }

    LabelSet(Collection<String> all) {
        this.labels = new LinkedHashSet<>(all).toArray(new String[0]);
        Map<Integer, Set<Integer>> byBucket = new HashMap<>();
        Map<Integer, Set<Integer>> byPair = new HashMap<>();
        for (int id = 0; id < labels.length; id++) {
            String label = labels[id];
            if (label.length() < 2 || !label.chars().allMatch(c -> c < 128 && !(c >= 'A' && c <= 'Z'))) {
                throw new IllegalArgumentException("labels are lower-case ASCII of two characters or more: " + label);
            }
            ids.put(label, id);
            for (char a : cases(label.charAt(0))) {
                for (char b : cases(label.charAt(1))) {
                    int pair = (a << 7) | b;
                    starts[pair] = true;
                    if (label.length() == 2) {
                        byPair.computeIfAbsent(pair, k -> new LinkedHashSet<>()).add(id);
                        for (char third = 0; third < 128; third++) {
                            mark(hash(pair, third));
                        }
                        continue;
                    }
                    for (char third : cases(label.charAt(2))) {
                        int bucket = hash(pair, third);
                        mark(bucket);
                        byBucket.computeIfAbsent(bucket, k -> new LinkedHashSet<>()).add(id);
                    }
                }
            }
        }
        byPair.forEach((pair, set) -> pairsOnly[pair] = set.stream().mapToInt(Integer::intValue).toArray());
        byBucket.forEach((bucket, set) -> {
            int[] members = set.stream().mapToInt(Integer::intValue).toArray();
            String prefix = labels[members[0]];
            for (int id : members) {
                prefix = commonPrefix(prefix, labels[id]);
            }
            groups[bucket] = new Group(prefix, members, nextCharacters(prefix, members, labels));
        });
    }

    private static char[] cases(char c) {
        return c >= 'a' && c <= 'z' ? new char[] {c, (char) (c - 32)} : new char[] {c};
    }

    private static String commonPrefix(String a, String b) {
        int k = 0;
        while (k < a.length() && k < b.length() && a.charAt(k) == b.charAt(k)) {
            k++;
        }
        return a.substring(0, k);
    }

    private void mark(int bucket) {
        triples[bucket >>> 6] |= 1L << bucket;
    }

    private static int hash(int pair, int third) {
        return ((pair * 31) ^ (third * 0x9E5)) & (BUCKETS - 1);
    }

    /** The label's number in this set, or -1 when it is not one of them. */
    int idOf(String label) {
        Integer id = ids.get(label);
        return id == null ? -1 : id;
    }

    /** Positions of every label in {@code text}, ascending, per label; ASCII letters match in either case. */
    Positions index(String text) {
        return index(text, AsciiBytes.of(text));
    }

    /** The same, with {@code a} the text's {@link AsciiBytes}. */
    Positions index(String text, byte[] a) {
        Found found = new Found(labels.length);
        int n = text.length();
        if (n < 2) {
            return found;
        }
        int first = a[0];
        int second = a[1];
        for (int i = 2; i < n; i++) {
            int third = a[i];
            // Negative bytes are characters outside ASCII, which no label starts with.
            if ((first | second) >= 0) {
                int pair = (first << 7) | second;
                if (starts[pair]) {
                    int bucket = hash(pair, third & 0x7F);
                    if ((triples[bucket >>> 6] & (1L << bucket)) != 0) {
                        compare(text, a, i - 2, groups[bucket], pairsOnly[pair], found);
                    }
                }
            }
            first = second;
            second = third;
        }
        // A label may end the text: the last pair has no third character, so only two-character labels fit.
        if ((first | second) >= 0 && starts[(first << 7) | second]) {
            compare(text, a, n - 2, null, pairsOnly[(first << 7) | second], found);
        }
        return found;
    }

    // Kept out of the loop above so that loop stays small enough to compile tightly.
    private void compare(String text, byte[] bytes, int at, Group group, int[] twoCharacter, Found found) {
        if (group != null && matches(text, bytes, at, group.prefix, 0)) {
            // Every label of the group starts with the prefix just matched; "user" begins seven labels.
            int shared = group.prefix.length();
            if (at + shared >= bytes.length || group.mayContinueWith(bytes[at + shared])) {
                for (int id : group.ids) {
                    if (matches(text, bytes, at, labels[id], shared)) {
                        found.add(id, at);
                    }
                }
            }
        }
        if (twoCharacter != null) {
            for (int id : twoCharacter) {
                if (matches(text, bytes, at, labels[id], 0)) {
                    found.add(id, at);
                }
            }
        }
    }

    /**
     * Whether {@code label} stands at {@code at}, its first {@code from} characters known to match. The bytes
     * stand for ASCII exactly; a '?' may stand for any other character, so that one is checked.
     */
    private static boolean matches(String text, byte[] bytes, int at, String label, int from) {
        int len = label.length();
        if (at + len > bytes.length) {
            return false;
        }
        for (int k = from; k < len; k++) {
            int b = bytes[at + k];
            if (b >= 'A' && b <= 'Z') {
                b += 32;
            }
            char expected = label.charAt(k);
            if (b != expected || (expected == '?' && text.charAt(at + k) != '?')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Label positions of one text; most texts hold few labels, so small arrays grown on demand. Most
     * values that context extraction redacts hold none, so the per-label tables wait for the first one.
     */
    private final class Found implements Positions {
        private final int size;
        private int[][] positions;
        private int[] counts;
        /** Every label's start, ascending (the index adds them in text order), for {@link #anyStartIn}. */
        private int[] starts;
        private int startCount;

        Found(int size) {
            this.size = size;
        }

        void add(int id, int at) {
            if (positions == null) {
                positions = new int[size][];
                counts = new int[size];
                starts = new int[8];
            }
            if (startCount == starts.length) {
                starts = Arrays.copyOf(starts, startCount * 2);
            }
            starts[startCount++] = at;
            int[] list = positions[id];
            if (list == null) {
                list = positions[id] = new int[4];
            } else if (counts[id] == list.length) {
                list = positions[id] = Arrays.copyOf(list, list.length * 2);
            }
            list[counts[id]++] = at;
        }

        @Override
        public boolean none() {
            return positions == null;
        }

        @Override
        public boolean anyStartIn(int from, int to) {
            if (positions == null) {
                return false;
            }
            int k = Arrays.binarySearch(starts, 0, startCount, from);
            k = k < 0 ? -k - 1 : k;
            return k < startCount && starts[k] < to;
        }

        @Override
        public LabelSet labelSet() {
            return LabelSet.this;
        }

        @Override
        public int[] of(String label) {
            Integer id = ids.get(label);
            return id == null ? NONE : of(id);
        }

        @Override
        public int[] of(int id) {
            if (id < 0 || positions == null || positions[id] == null) {
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
    interface Positions {
        int[] of(String label);

        /** The same for a label by its {@link #idOf id} in {@link #labelSet()}; -1 stands for no label. */
        int[] of(int id);

        /** The set that made this index, whose {@link #idOf ids} {@link #of(int)} takes. */
        LabelSet labelSet();

        /** Whether no label stands anywhere: nothing labelled can be in the text. */
        boolean none();

        /** Whether some label starts in [from, to): a part of the text without one holds nothing labelled. */
        boolean anyStartIn(int from, int to);
    }
}
