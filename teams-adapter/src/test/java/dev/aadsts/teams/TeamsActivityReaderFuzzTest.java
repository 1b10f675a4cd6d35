package dev.aadsts.teams;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.microsoft.bot.schema.Activity;

/**
 * Any body posted to {@code /api/messages}: an activity, or {@link TeamsActivityReader.NotAnActivity} with
 * a reason (an HTTP 400); and from any activity a message text, never an exception.
 */
class TeamsActivityReaderFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void read(FuzzedDataProvider data) {
        byte[] body = data.consumeRemainingAsBytes();
        Activity activity;
        try {
            activity = TeamsActivityReader.parse(body);
        } catch (TeamsActivityReader.NotAnActivity refused) {
            assertNotNull(refused.getMessage());
            return;
        }
        assertNotNull(TeamsActivityReader.text(activity));
        TeamsActivityReader.mentionsThisBot(activity);
    }
}
