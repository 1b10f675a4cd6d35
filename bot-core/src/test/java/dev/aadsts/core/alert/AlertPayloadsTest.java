package dev.aadsts.core.alert;

import static dev.aadsts.core.alert.AlertSamples.PAYLOADS;
import static dev.aadsts.core.alert.AlertSamples.bytes;
import static dev.aadsts.core.alert.AlertSamples.codes;
import static dev.aadsts.core.alert.AlertSamples.readText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every body goes through: rejecting the unreadable, charsets, limits and speed. */
class AlertPayloadsTest {
    private static final int MIB = 1 << 20;

    @Test
    void emptyAndBlankBodiesAreRejected() {
        assertEquals("empty body", assertThrows(AlertPayloadException.class,
                () -> PAYLOADS.read(new byte[0], AlertSamples.JSON)).getMessage());
        assertEquals("empty body", assertThrows(AlertPayloadException.class,
                () -> PAYLOADS.read(null, null)).getMessage());
        assertEquals("empty body", assertThrows(AlertPayloadException.class,
                () -> readText(" \r\n\t ", "text/plain")).getMessage());
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        AlertPayloadException e = assertThrows(AlertPayloadException.class,
                () -> PAYLOADS.read(bytes("malformed.json"), AlertSamples.JSON));

        assertTrue(e.getMessage().startsWith("malformed JSON at line 8, column "), e.getMessage());
        assertTrue(e.getMessage().contains("expecting comma"), e.getMessage());
    }

    @Test
    void aCrossedParserLimitSaysWhichAndWhere() {
        String deep = "{\"a\":\n" + "[".repeat(AlertPayloads.MAX_NESTING + 5) + "]".repeat(AlertPayloads.MAX_NESTING + 5)
                + "}";
        AlertPayloadException nesting = assertThrows(AlertPayloadException.class,
                () -> readText(deep, AlertSamples.JSON));
        assertTrue(nesting.getMessage().startsWith("malformed JSON at line 2, column "), nesting.getMessage());
        assertTrue(nesting.getMessage().contains("nesting depth"), nesting.getMessage());

        String longNumber = "{\"count\": " + "9".repeat(5000) + "}";
        AlertPayloadException number = assertThrows(AlertPayloadException.class,
                () -> readText(longNumber, AlertSamples.JSON));
        assertTrue(number.getMessage().startsWith("malformed JSON at line 1, column "), number.getMessage());
        assertTrue(number.getMessage().toLowerCase(java.util.Locale.ROOT).contains("number"), number.getMessage());
        assertFalse(number.getMessage().contains("99999"), "the body's own digits are not echoed");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"schemaId\": \"azureMonitorCommonAlertSchema\", \"data\": {",
            "[{\"ResultType\": \"50126\"},]",
            "{\"a\": 1} trailing",
            "{'single': 'quotes'}",
            "   [1, 2",
    })
    void jsonShapedBodiesThatDoNotParseAreRejected(String body) {
        AlertPayloadException e = assertThrows(AlertPayloadException.class, () -> readText(body, null));
        assertTrue(e.getMessage().startsWith("malformed JSON"), e.getMessage());
    }

    @Test
    void bodyLabelledJsonMustBeJson() {
        AlertPayloadException e = assertThrows(AlertPayloadException.class,
                () -> readText("AADSTS50126 for j.alvarez@contoso.com", "application/json"));
        assertTrue(e.getMessage().startsWith("malformed JSON at line 1, column "), e.getMessage());
    }

    @Test
    void rejectionNeverRepeatsTheBody() {
        String secret = "hunter2Winter2026";
        AlertPayloadException e = assertThrows(AlertPayloadException.class,
                () -> readText("{\"password\": " + secret + "}", AlertSamples.JSON));

        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().length() < 220, e.getMessage());
    }

    @Test
    void nestingBeyondTheLimitIsRejected() {
        int depth = AlertPayloads.MAX_NESTING + 5;
        String deep = "[".repeat(depth) + "\"AADSTS50126\"" + "]".repeat(depth);
        assertThrows(AlertPayloadException.class, () -> readText(deep, AlertSamples.JSON));

        int ok = AlertPayloads.MAX_NESTING - 5;
        String shallow = "{\"a\":".repeat(ok) + "\"AADSTS50126\"" + "}".repeat(ok);
        assertEquals(List.of("50126"), codes(readText(shallow, AlertSamples.JSON)));
    }

    @Test
    void byteOrderMarkAndDeclaredCharsetAreHonoured() {
        byte[] withBom = ("\uFEFF" + new String(bytes("graph-signin.json"), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("50126"), codes(PAYLOADS.read(withBom, AlertSamples.JSON)));

        byte[] utf16 = new String(bytes("graph-signin.json"), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16);
        assertEquals(List.of("50126"), codes(PAYLOADS.read(utf16, "application/json; charset=\"UTF-16\"")));
    }

    @Test
    void oneBodyYieldsAtMostTheLimit() {
        int rows = AlertPayloads.MAX_ALERTS + 250;
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < rows; i++) {
            body.append(i == 0 ? "" : ",").append("{\"ResultType\":\"50126\",\"UserPrincipalName\":\"u")
                    .append(i).append("@contoso.com\"}");
        }
        ParsedAlerts parsed = readText(body.append(']').toString(), AlertSamples.JSON);

        assertEquals(AlertPayloads.MAX_ALERTS, parsed.alerts().size());
        assertEquals("u9999@contoso.com", parsed.alerts().get(AlertPayloads.MAX_ALERTS - 1).context().get("user"));
    }

    /**
     * A guard against reading turning quadratic again, with wide headroom so a busy build machine does not
     * decide: 1 MiB may take at most 64 times what 64 KiB takes (linear is 16, quadratic 256) and 10 s.
     * Speed itself is measured by the JMH benchmarks.
     */
    @Test
    void readingScalesLinearlyToAMegabyte() {
        List<String> large = bodies(MIB);
        List<String> small = bodies(MIB / 16);
        for (int i = 0; i < large.size(); i++) {
            String body = large.get(i);
            assertTrue(body.length() >= MIB * 9 / 10, "sample too small: " + body.length());
            long big = bestOfThree(body);
            long little = bestOfThree(small.get(i));
            String what = body.substring(0, 30);
            assertTrue(big < 10_000_000_000L, "took " + big / 1_000_000 + " ms for " + what);
            assertTrue(big <= 64 * Math.max(little, 1_000_000L), "1 MiB took " + big / 1_000_000 + " ms, 64 KiB "
                    + little / 1_000_000 + " ms for " + what);
        }
    }

    /** Five bodies of about {@code size} characters, each built to stress one way of reading. */
    private static List<String> bodies(int size) {
        String signIn = new String(bytes("graph-signin.json"), StandardCharsets.UTF_8);
        String custom = new String(bytes("custom-json.json"), StandardCharsets.UTF_8);
        String page = new String(bytes("plain-text.txt"), StandardCharsets.UTF_8);
        StringBuilder distinct = new StringBuilder();
        for (int code = 10_000; distinct.length() < size; code++) {
            distinct.append("AADSTS").append(code).append(' ');
        }
        StringBuilder noise = new StringBuilder("{\"lines\":[");
        while (noise.length() < size) {
            noise.append("\"error resulting in retry 12345 at 2026-11-23T05:30:01Z correlation pending\",");
        }
        return List.of(
                "[" + String.join(",", Collections.nCopies(size / signIn.length(), signIn)) + "]",
                "{\"runs\":[" + String.join(",", Collections.nCopies(size / custom.length(), custom)) + "]}",
                page.repeat(size / page.length()),
                distinct.toString(), // a log dump: every code distinct, which must not cost codes × length
                noise.append("\"end\"]}").toString());
    }

    /**
     * The thread's own CPU time, not the wall clock: on a build machine running other builds, a reader
     * descheduled for a while is not a reader that turned quadratic.
     */
    private static long bestOfThree(String body) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        PAYLOADS.read(bytes, null); // warm-up: the first call also pays for class loading and JIT
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long start = threads.getCurrentThreadCpuTime();
            PAYLOADS.read(bytes, null);
            best = Math.min(best, threads.getCurrentThreadCpuTime() - start);
        }
        return best;
    }
}
