package dev.aadsts.core.context;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aadsts.core.FuzzChecks;

/** Decoding never throws and never grows the text: every layer it peels is longer than what it stands for. */
class TextDecoderFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void decode(FuzzedDataProvider data) {
        boolean html = data.consumeBoolean();
        String text = data.consumeRemainingAsString();
        long started = FuzzChecks.start();
        String decoded = html ? TextDecoder.htmlToText(text) : TextDecoder.decode(text);
        FuzzChecks.inTime(started, "decode");
        assertTrue(decoded.length() <= text.length(), "grew from " + text.length() + " to " + decoded.length());
    }
}
