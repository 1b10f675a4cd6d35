package dev.aadsts.core.context;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pattern that can only match where one of a few literal labels starts ("trace", "client_secret").
 * Finding the labels first ({@link LabelSet}) and matching the pattern only there is what keeps context
 * extraction and secret scanning in microseconds: an unanchored case-insensitive regex would be tried at
 * every position of the text.
 */
final class LabelledPattern {
    private static final int MAX_MATCH = 2_500;
    private static final int[] NONE = new int[0];

    private final List<String> labels;
    /** The labels again, for the loops on every message: an array needs no iterator object. */
    private final String[] labelArray;
    private final Pattern pattern;
    private final int group;
    /** The same match worked out by hand, or null: then the regex is run. */
    private final Matching hand;
    /**
     * One matcher per thread for {@link #first}, which context extraction calls for each kind of fact of
     * every paste; a matcher is a handful of arrays, and making one per call was a good part of the cost.
     * It is pointed back at an empty text after each use so that it never holds on to a paste.
     */
    private final ThreadLocal<Matcher> matchers;
    /**
     * The labels' numbers in the set that indexes pastes (there is one), looked up once: asking the index by
     * name costs a hash look-up per label, and context extraction asks for some ninety labels per paste.
     */
    private volatile LabelIds ids;

    private record LabelIds(LabelSet set, int[] ids) {
    }

    /** @param labels lower-case literals; the pattern must match starting at one of them */
    LabelledPattern(List<String> labels, String regex, int group) {
        this(labels, regex, group, null);
    }

    /** With {@code hand} giving exactly the regex's match at a position, and faster. */
    LabelledPattern(List<String> labels, String regex, int group, Matching hand) {
        this.hand = hand;
        this.labels = List.copyOf(labels);
        this.labelArray = this.labels.toArray(new String[0]);
        this.pattern = Pattern.compile(regex);
        this.group = group;
        this.matchers = ThreadLocal.withInitial(() -> pattern.matcher(""));
    }

    private int[] idsIn(LabelSet.Positions positions) {
        LabelIds known = ids;
        LabelSet set = positions.labelSet();
        if (known == null || known.set != set) {
            int[] resolved = new int[labelArray.length];
            for (int i = 0; i < resolved.length; i++) {
                resolved[i] = set.idOf(labelArray[i]);
            }
            known = new LabelIds(set, resolved);
            ids = known;
        }
        return known.ids;
    }

    int group() {
        return group;
    }

    List<String> labels() {
        return labels;
    }

    /** Where a match stands: the whole match and the chosen group. */
    record Hit(int start, int end, int groupStart, int groupEnd) {
        String group(String text) {
            return text.substring(groupStart, groupEnd);
        }
    }

    /** What {@code lookingAt} of the regex in the region [at, end) finds, with the chosen group; null for none. */
    @FunctionalInterface
    interface Matching {
        Hit at(String text, int at, int end);
    }

    boolean matchesByHand() {
        return hand != null;
    }

    /** The hand matcher's answer at a position (for tests); only when {@link #matchesByHand()}. */
    Hit byHand(String text, int at, int end) {
        return hand.at(text, at, end);
    }

    /** The regex's own answer, for tests that hold a {@link Matching} to it. */
    Hit byRegex(String text, int at, int end) {
        Matcher m = pattern.matcher(text);
        m.region(at, end);
        return m.lookingAt() && m.start(group) >= 0 ? new Hit(m.start(), m.end(), m.start(group), m.end(group)) : null;
    }

    /** Where to go on after a hit: the first position the next match may start at. */
    @FunctionalInterface
    interface HitSink {
        int next(Hit hit);
    }

    /**
     * Every match at a label position, left to right: each label position is tried once, and positions
     * before the one the sink returns are skipped. One pass, where asking {@link #first} again after each
     * hit would re-try a label's failing positions once per hit of another label.
     */
    void forEach(String text, LabelSet.Positions positions, HitSink sink) {
        int[] at = allPositions(positions);
        Matcher m = null;
        int from = 0;
        for (int p : at) {
            if (p < from) {
                continue;
            }
            if (m == null) {
                m = pattern.matcher(text);
            }
            // Up to the text's end: a secret value is masked whole however long it is. Every pattern here
            // fails within a few characters of its label or at the end of a run no other label stands in
            // (JWTs, whose runs do hold more "eyJ", are found by hand), so each position costs its own run.
            m.region(p, text.length());
            if (m.lookingAt() && m.start(group) >= 0) {
                Hit hit = new Hit(m.start(), m.end(), m.start(group), m.end(group));
                from = sink.next(hit);
            }
        }
    }

    private int[] allPositions(LabelSet.Positions positions) {
        int[] labelIds = idsIn(positions);
        if (labelIds.length == 1) {
            return positions.of(labelIds[0]);
        }
        int size = 0;
        for (int id : labelIds) {
            size += positions.of(id).length;
        }
        if (size == 0) {
            return NONE; // the usual case: a paste holds few of the labels, and most rules find nothing
        }
        int[] all = new int[size];
        int k = 0;
        for (int id : labelIds) {
            int[] at = positions.of(id);
            System.arraycopy(at, 0, all, k, at.length);
            k += at.length;
        }
        Arrays.sort(all);
        return all;
    }

    /** The earliest match starting in [from, to), or null, with label positions from a {@link LabelSet}. */
    Hit first(String text, LabelSet.Positions positions, int from, int to) {
        Hit best = null;
        Matcher m = null;
        try {
            for (int id : idsIn(positions)) {
                int[] at = positions.of(id);
                int k = Arrays.binarySearch(at, Math.max(0, from));
                for (k = k < 0 ? -k - 1 : k; k < at.length && at[k] < to && (best == null || at[k] < best.start()); k++) {
                    int end = Math.min(text.length(), Math.max(to, at[k] + MAX_MATCH));
                    if (hand != null) {
                        Hit hit = hand.at(text, at[k], end);
                        if (hit != null) {
                            best = hit;
                            break;
                        }
                        continue;
                    }
                    if (m == null) {
                        m = matchers.get().reset(text);
                    }
                    m.region(at[k], end);
                    if (m.lookingAt() && m.start(group) >= 0) {
                        best = new Hit(m.start(), m.end(), m.start(group), m.end(group));
                        break;
                    }
                }
            }
        } finally {
            if (m != null) {
                m.reset("");
            }
        }
        return best;
    }
}
