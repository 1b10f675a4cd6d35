package dev.aadsts.core.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The label index against the plainest reading of its contract: every label, at every position where it
 * stands in either case. Texts are built from the labels themselves, words that begin like them ("users",
 * "tenants", "restart"), case changes, and characters outside ASCII, so the filters in front of the
 * comparisons (pairs, three-character buckets, the group's shared prefix and the character after it) are
 * all crossed both ways.
 */
class LabelSetTest {
    private static final List<String> LABELS = Stream.concat(SecretRedactor.labels().stream(),
            ContextExtractor.labels().stream()).distinct().toList();
    private static final LabelSet SET = new LabelSet(LABELS);
    private static final String[] NEAR = {"users", "usernames", "user", "tenants", "tenant", "restart", "resources",
            "timeout", "time", "reply", "report", "sign", "client", "clients", "app", "apps", "login", "pa", "q", "~",
            " ", ":", "=", "\"", "'", "-", "_", ".", "\n", "é", "ア", "😀", "?", "AADSTS50011"};

    @Test
    void findsEveryLabelWhereItStandsAndNowhereElse() {
        Random random = new Random(20261202);
        for (int round = 0; round < 3_000; round++) {
            StringBuilder b = new StringBuilder();
            int parts = 1 + random.nextInt(12);
            for (int i = 0; i < parts; i++) {
                String part = random.nextInt(3) == 0 ? LABELS.get(random.nextInt(LABELS.size()))
                        : NEAR[random.nextInt(NEAR.length)];
                // A label cut short must not be found: it is the commonest near miss.
                if (random.nextInt(5) == 0 && part.length() > 1) {
                    part = part.substring(0, 1 + random.nextInt(part.length() - 1));
                }
                b.append(randomCase(part, random));
            }
            String text = b.toString();
            LabelSet.Positions found = SET.index(text);
            for (String label : LABELS) {
                int[] expected = naive(text, label);
                assertArrayEquals(expected, found.of(label), () -> label + " in " + text);
                assertArrayEquals(expected, found.of(SET.idOf(label)), () -> label + " by id in " + text);
            }
        }
    }

    @Test
    void unknownLabelsHaveNoPositions() {
        LabelSet.Positions found = SET.index("user: a@contoso.com");
        assertEquals(-1, SET.idOf("not a label"));
        assertEquals(0, found.of(-1).length);
        assertEquals(0, found.of("not a label").length);
        assertEquals(1, found.of("user:").length);
    }

    private static String randomCase(String s, Random random) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    /** ASCII letters in either case; every other character only as itself. */
    private static int[] naive(String text, String label) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i + label.length() <= text.length(); i++) {
            boolean match = true;
            for (int k = 0; k < label.length() && match; k++) {
                char c = text.charAt(i + k);
                char l = label.charAt(k);
                match = c == l || (l >= 'a' && l <= 'z' && c == l - 32);
            }
            if (match) {
                at.add(i);
            }
        }
        return at.stream().mapToInt(Integer::intValue).toArray();
    }
}
