package dev.aadsts.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.TestCore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Hostile and random input never throws, never hangs and never yields a code the text does not hold.
 * The time limits are hang guards (an order of magnitude above normal), not speed measurements.
 */
class HostileInputTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);
    private static final Pattern PREFIXED = Pattern.compile(
            "(?i)aadsts(?:[ +\\u00a0]|%20|&nbsp;)?([0-9]{5,8})(?![0-9A-Za-z_]|-[0-9A-Za-z])");
    private final Explainer explainer = TestCore.get().explainer();

    private Analysis analyze(String text) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> explainer.analyze(text));
    }

    @Test
    void hugeInputs() {
        assertEquals(List.of(), analyze("1".repeat(5_000_000)).findings());
        assertEquals(List.of(), analyze("AADSTS".repeat(500_000)).findings());
        assertEquals(1, analyze("AADSTS50011 ".repeat(200_000)).findings().size());
        assertEquals(List.of(), analyze("error code ".repeat(300_000)).findings());
        assertEquals(List.of(), analyze("\"error_codes\":[".repeat(200_000)).findings());
        assertEquals(List.of(), analyze("ResultType  ResultDescription\n".repeat(100_000)).findings());
        assertEquals(List.of(), analyze("Date,Sign-in error code,Reason\n".repeat(50_000)).findings());
        Analysis many = analyze("Error Code: 50058 Request Id: x ".repeat(50_000));
        assertEquals(1, many.findings().size());
    }

    @Test
    void deeplyNestedJsonAndUnbalancedEscapes() {
        String nested = "[".repeat(200_000) + "\"AADSTS50126: x\"" + "]".repeat(200_000);
        assertEquals("50126", analyze(nested).findings().get(0).code());
        for (String s : List.of("\\u12", "\\", "%", "%%%%", "&#", "&#xZZ;", "&#99999999999;", "<<<<", "<a href=",
                "\\\\\\\"", "%E2%82", "%FF%FE%00", "AADSTS50011%", "AADSTS50011\\u00", "&#1114112;")) {
            analyze(s + " AADSTS50011: tail " + s);
            analyze(s.repeat(100_000));
        }
    }

    @Test
    void binaryInput() {
        Random random = new Random(42);
        byte[] bytes = new byte[2 * 1024 * 1024];
        random.nextBytes(bytes);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertNoInventedCodes(text, analyze(text));
    }

    @RepeatedTest(30)
    void randomMixturesOfTriggerFragments() {
        Random random = new Random();
        String[] fragments = {"AADSTS", "aadsts", " ", "+", "%20", "%3a", "&nbsp;", "5", "0", "1", "12345",
                "123456789", "error", "_codes", "\":[", ",", "]", "Error Code: ", "ResultType", "\"errorCode\": ",
                "Request Id:", "\\u0027", "\\", "\"", "&#39;", "<p>", "</p>", "<https://x|y>", "eyJ", ".", "~", "\n"};
        StringBuilder b = new StringBuilder();
        int n = 200 + random.nextInt(4000);
        for (int i = 0; i < n; i++) {
            b.append(fragments[random.nextInt(fragments.length)]);
        }
        String text = b.toString();
        assertNoInventedCodes(text, analyze(text));
    }

    /** Every code found must stand in the text as digits (in any of the shapes); none may be made up. */
    private static void assertNoInventedCodes(String text, Analysis analysis) {
        // A code broken by a console wrap stands whole once the line breaks are gone.
        String unwrapped = text.replace("\r", "").replace("\n", "");
        for (Finding f : analysis.findings()) {
            assertTrue(unwrapped.contains(f.code()), "invented " + f.code());
            assertTrue(f.code().length() >= 5 && f.code().length() <= 8, f.code());
        }
        Matcher m = PREFIXED.matcher(text);
        while (m.find()) {
            String code = m.group(1);
            assertTrue(analysis.findings().stream().anyMatch(f -> f.code().equals(code)), "missed " + code);
        }
    }
}
