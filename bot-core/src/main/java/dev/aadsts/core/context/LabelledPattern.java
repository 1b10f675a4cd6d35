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

    private final List<String> labels;
    private final Pattern pattern;
    private final int group;

    /** @param labels lower-case literals; the pattern must match starting at one of them */
    LabelledPattern(List<String> labels, String regex, int group) {
        this.labels = List.copyOf(labels);
        this.pattern = Pattern.compile(regex);
        this.group = group;
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

    /** The earliest match starting in [from, to), or null, with label positions from a {@link LabelSet}. */
    Hit first(String text, LabelSet.Positions positions, int from, int to) {
        Hit best = null;
        Matcher m = null;
        for (String label : labels) {
            int[] at = positions.of(label);
            int k = Arrays.binarySearch(at, Math.max(0, from));
            for (k = k < 0 ? -k - 1 : k; k < at.length && at[k] < to && (best == null || at[k] < best.start()); k++) {
                if (m == null) {
                    m = pattern.matcher(text);
                }
                m.region(at[k], Math.min(text.length(), Math.max(to, at[k] + MAX_MATCH)));
                if (m.lookingAt() && m.start(group) >= 0) {
                    best = new Hit(m.start(), m.end(), m.start(group), m.end(group));
                    break;
                }
            }
        }
        return best;
    }
}
