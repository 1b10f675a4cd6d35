package dev.aadsts.core.context;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aadsts.core.FuzzChecks;

/** A secret planted anywhere in fuzzed text is masked and reported, whatever stands around it. */
class SecretRedactorFuzzTest {
    private static final SecretRedactor REDACTOR = new SecretRedactor();

    @FuzzTest(maxDuration = "5m")
    void redact(FuzzedDataProvider data) {
        String secret = FuzzChecks.plantedSecret(data);
        String before = data.consumeString(2_000);
        String after = data.consumeRemainingAsString();
        String text = before + "\n" + secret + "\n" + after;
        long started = FuzzChecks.start();
        String redacted = REDACTOR.redact(text);
        boolean found = !REDACTOR.find(text).isEmpty();
        FuzzChecks.inTime(started, "redact");
        if (FuzzChecks.onlyPlanted(before, after)) {
            assertFalse(redacted.contains(FuzzChecks.SECRET), "secret survived in: " + redacted);
        }
        assertTrue(found, "secret not reported");
    }
}
