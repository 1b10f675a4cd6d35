package dev.aadsts.core.detect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aadsts.core.FuzzChecks;
import dev.aadsts.core.TestCore;

/** Any text: no exception, only whole ASCII digit runs of the text as codes, bounded time. */
class CodeDetectorFuzzTest {
    private static final CodeDetector DETECTOR = TestCore.get().explainer().detector();

    @FuzzTest(maxDuration = "5m")
    void detect(FuzzedDataProvider data) {
        int limit = data.consumeInt(1, 200);
        String text = data.consumeRemainingAsString();
        long started = FuzzChecks.start();
        Detection found = DETECTOR.detect(text, limit);
        FuzzChecks.inTime(started, "detect");
        assertTrue(found.codes().size() <= limit && found.total() >= found.codes().size());
        FuzzChecks.codesStandInText(text, found.codes().stream().map(CodeMatch::code).toList());
        for (CodeMatch m : found.codes()) {
            assertTrue(m.start() >= 0 && m.start() <= m.end() && m.end() <= text.length(), m.toString());
        }
    }
}
