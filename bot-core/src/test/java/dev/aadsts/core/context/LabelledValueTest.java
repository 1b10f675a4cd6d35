package dev.aadsts.core.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written context matchers against the regexes they stand in for: at every position of many
 * generated texts, and in regions cut short, both must find the same match or none. The texts are made of
 * the labels' spellings in random case, the separators and their near misses, GUIDs and timestamps whole,
 * cut, or with one character wrong, and characters outside ASCII that case folding could confuse.
 */
class LabelledValueTest {
    private static final String[] PARTS = {
            "trace", "Trace ID", "trace_id", "TRACE-ID", "traceid", "request id", "Request-Id", "requestid", "request",
            "correlation", "correlation id", "Correlation_ID", "client-request-id", "client", "client id", "client_id",
            "clientId", "app", "app id", "App_Id", "appid", "application", "Application ID", "applicationid", "tenant",
            "tenant id", "TenantId", "tid", "TID", "timestamp", "Timestamp", "createdDateTime", "TimeGenerated", "time",
            "id", "i", " ", "  ", "\t", "\n", "\r", "\u000B", "\f", "\u00a0", ":", "=", ": ", " = ", "\"", "'", "\":\"",
            "'='", ",", "-", "_", "0b5a3f2e-1111-2222-3333-444455556666", "9C1D2E3F-AAAA-bbbb-CcCc-ddddeeeeffff",
            "0b5a3f2e-1111-2222-3333-44445555666", "0b5a3f2e-1111-2222-3333-44445555666g", "0b5a3f2e1111-2222-3333-4444",
            "0b5a3f2e-1111-2222-3333-444455556666777", "2026-11-20 10:11:12", "2026-11-20T10:11:12Z",
            "2026-11-20t10:11:12z", "2026-11-20 10:11:12.123", "2026-11-20 10:11:12,1234567891234",
            "2026-11-20T10:11:12+01:00", "2026-11-20T10:11:12-0130", "2026-11-20T10:11:12+01:", "2026-11-20T10:11:12+1",
            "2026-11-20T10:11:12.Z", "2026-11-20X10:11:12", "2026-11-2010:11:12", "2026-11-20 10:11", "+01:00", "Z",
            ".5", "12", "7", "a", "f", "g", "é", "\u212A", "\u0131", "İ", "😀", "x"};

    private static final String[] LABELS = {"Trace ID", "trace_id", "request-id", "Correlation Id", "client-request-id",
            "client_id", "AppId", "app id", "application-id", "tenantId", "tid", "timestamp", "createdDateTime",
            "TimeGenerated"};
    private static final String[] SEPARATORS = {":", " : ", "=", "\":\"", "'='", "\" :  '", ":\t\n", " \u00a0: ", "", " ",
            "\f= \u000B", "\r:\f\"", "\"\t:"};
    private static final String[] VALUES = {"0b5a3f2e-1111-2222-3333-444455556666", "9C1D2E3F-AAAA-bbbb-CcCc-ddddeeeeffff",
            "2026-11-20 10:11:12", "2026-11-20T10:11:12.1234567890Z", "2026-11-20t10:11:12,5+01:00",
            "2026-11-20 10:11:12-0130", "2026-11-20 10:11:12+01:3", "0b5a3f2e-1111-2222-3333-4444555566"};

    @Test
    void everyHandMatcherFindsWhatItsRegexFinds() {
        List<LabelledPattern> patterns = ContextExtractor.patterns().stream()
                .filter(LabelledPattern::matchesByHand).toList();
        assertEquals(5, patterns.size(), "trace, correlation, timestamp, app and tenant ids are matched by hand");
        Random random = new Random(20261202);
        int matches = 0;
        for (int round = 0; round < 10_000; round++) {
            StringBuilder b = new StringBuilder();
            int parts = 1 + random.nextInt(10);
            boolean shaped = random.nextBoolean();
            for (int i = 0; i < parts; i++) {
                // Often a label, a separator and a value in that order, so that matches are common.
                String[] from = !shaped || random.nextInt(5) == 0 ? PARTS : i % 3 == 0 ? LABELS : i % 3 == 1 ? SEPARATORS : VALUES;
                String part = from[random.nextInt(from.length)];
                if (random.nextInt(6) == 0 && part.length() > 1) {
                    part = part.substring(0, 1 + random.nextInt(part.length() - 1));
                }
                b.append(random.nextBoolean() ? part : randomCase(part, random));
            }
            String text = b.toString();
            for (LabelledPattern pattern : patterns) {
                for (int at = 0; at <= text.length(); at++) {
                    int[] ends = {text.length(), at + random.nextInt(text.length() - at + 1)};
                    for (int end : ends) {
                        LabelledPattern.Hit expected = pattern.byRegex(text, at, end);
                        LabelledPattern.Hit actual = pattern.byHand(text, at, end);
                        int from = at;
                        assertEquals(expected, actual, () -> "at " + from + " to " + end + " in " + text.replace("\n", "\\n"));
                        if (expected != null) {
                            matches++;
                        }
                    }
                }
            }
        }
        assertTrue(matches > 500, "the texts must often hold a match, or the comparison proves little: " + matches);
    }

    @Test
    void readsTheUsualShapes() {
        LabelledPattern.Hit hit = LabelledValue.guid(LabelledValue.withIdSuffix("trace"))
                .at("x Trace ID: 0b5a3f2e-1111-2222-3333-444455556666 y", 2, 50);
        assertNotNull(hit);
        assertEquals("0b5a3f2e-1111-2222-3333-444455556666", hit.group("x Trace ID: 0b5a3f2e-1111-2222-3333-444455556666 y"));
        String json = "\"timestamp\":\"2026-11-20 10:11:12Z\"";
        LabelledPattern.Hit time = LabelledValue.time(List.of("timestamp")).at(json, 1, json.length());
        assertNotNull(time);
        assertEquals("2026-11-20 10:11:12Z", time.group(json));
    }

    private static String randomCase(String s, Random random) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return out.toString();
    }
}
