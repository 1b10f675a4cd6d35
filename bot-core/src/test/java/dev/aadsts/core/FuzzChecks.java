package dev.aadsts.core;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.List;

/** The invariants every fuzz test of the analysis shares. */
public final class FuzzChecks {
    /**
     * Far above what any input a fuzzer makes (a few KiB) costs; an input that takes this long means a
     * super-linear path. Wall time on a shared machine (a run at load average 24 once saw 2.4 s), so generous.
     */
    private static final long MAX_NANOS = 5_000_000_000L;

    /** Secrets planted in fuzzed text, in the shapes the redactor promises to mask; {@link #SECRET} is the value. */
    public static final String SECRET = "Zq7vXw9Kp2Lm4Nb8Rt6Yh3Jd5";
    private static final String[] PLANTED = {
            "client_secret=" + SECRET, "password: " + SECRET, "Authorization: Bearer " + SECRET,
            "abc8Q~" + SECRET + "Ab1Cd2Ef3", "refresh_token=" + SECRET, "\"access_token\":\"" + SECRET + "\"",
            "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ" + SECRET + ".c2ln", "client_assertion=" + SECRET,
            "sig=" + SECRET, "code=" + SECRET};

    private FuzzChecks() {
    }

    public static long start() {
        return System.nanoTime();
    }

    /** The first calls of a JVM load and compile everything (under the fuzzer's instrumentation, slowly). */
    private static final int COLD_CALLS = 50;
    private static int calls;

    public static void inTime(long started, String what) {
        long took = System.nanoTime() - started;
        if (++calls > COLD_CALLS && took > MAX_NANOS) {
            fail(what + " took " + took / 1_000_000 + " ms");
        }
    }

    /**
     * Whether the fuzzed text around a planted secret leaves the secret's value to the planted one: the
     * fuzzer learns the value from the check and writes it into the text bare, where it is no secret.
     */
    public static boolean onlyPlanted(String... around) {
        for (String part : around) {
            if (part.contains(SECRET)) {
                return false;
            }
        }
        return true;
    }

    /** A secret in one of the promised shapes, standing as a word of its own. */
    public static String plantedSecret(FuzzedDataProvider data) {
        return PLANTED[data.consumeInt(0, PLANTED.length - 1)];
    }

    /**
     * Every code is 5 to 8 ASCII digits standing in the text as a whole digit run (a console wrap may
     * have split it over two lines).
     */
    public static void codesStandInText(String text, List<String> codes) {
        String unwrapped = text.replace("\r", "").replace("\n", "");
        for (String code : codes) {
            assertTrue(code.length() >= 5 && code.length() <= 8 && code.chars().allMatch(c -> c >= '0' && c <= '9'),
                    "not a code: " + code);
            assertTrue(standsAlone(text, code) || standsAlone(unwrapped, code), "invented " + code);
        }
    }

    private static boolean standsAlone(String text, String code) {
        for (int at = text.indexOf(code); at >= 0; at = text.indexOf(code, at + 1)) {
            int end = at + code.length();
            boolean before = at == 0 || !isAsciiDigit(text.charAt(at - 1));
            boolean after = end == text.length() || !isAsciiDigit(text.charAt(end));
            if (before && after) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
