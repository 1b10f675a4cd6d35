package dev.aadsts.slack.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryLimitsTest {

    @Test
    void unsetMeansTheDefaults() {
        assertEquals(DeliveryLimits.DEFAULTS, DeliveryLimits.fromEnvironment(Map.of("SLACK_REPLY_QUEUE", " ")));
    }

    @Test
    void everyLimitComesFromItsVariable() {
        DeliveryLimits limits = DeliveryLimits.fromEnvironment(Map.of("SLACK_REPLY_QUEUE", "500",
                "SLACK_REPLY_CONCURRENCY", " 16 ", "SLACK_REPLY_CHANNEL_SPACING_MS", "1200", "SLACK_WORK_QUEUE", "50",
                "SLACK_REPLY_SWEEP_SECONDS", "5"));
        assertEquals(500, limits.replyQueue());
        assertEquals(16, limits.concurrency());
        assertEquals(Duration.ofMillis(1200), limits.channelSpacing());
        assertEquals(50, limits.workQueue());
        assertEquals(Duration.ofSeconds(5), limits.sweepEvery());
    }

    @Test
    void aBadValueNamesTheVariableAndWhatItMustBe() {
        for (String bad : new String[] {"0", "-3", "many", "1e4"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DeliveryLimits.fromEnvironment(Map.of("SLACK_REPLY_QUEUE", bad)));
            assertTrue(e.getMessage().startsWith("SLACK_REPLY_QUEUE must be a whole number of at least 1"), e.getMessage());
        }
    }
}
