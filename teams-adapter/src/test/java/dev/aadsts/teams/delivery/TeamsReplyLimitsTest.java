package dev.aadsts.teams.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TeamsReplyLimitsTest {

    @Test
    void unsetMeansTheDefaults() {
        assertEquals(TeamsReplyLimits.DEFAULTS, TeamsReplyLimits.fromEnvironment(Map.of("TEAMS_REPLY_QUEUE", " ")));
        assertEquals(Duration.ofMillis(500), TeamsReplyLimits.DEFAULTS.conversationSpacing());
    }

    @Test
    void everyLimitComesFromItsVariable() {
        TeamsReplyLimits limits = TeamsReplyLimits.fromEnvironment(Map.of("TEAMS_REPLY_QUEUE", "500",
                "TEAMS_REPLY_CONCURRENCY", " 16 ", "TEAMS_REPLY_CONVERSATION_SPACING_MS", "1200",
                "TEAMS_REPLY_SWEEP_SECONDS", "5"));
        assertEquals(500, limits.replyQueue());
        assertEquals(16, limits.concurrency());
        assertEquals(Duration.ofMillis(1200), limits.conversationSpacing());
        assertEquals(Duration.ofSeconds(5), limits.sweepEvery());
        assertEquals(500, limits.replyLimits().queueSize());
    }

    @Test
    void aBadValueNamesTheVariableAndWhatItMustBe() {
        for (String bad : new String[] {"0", "-3", "many", "1e4"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TeamsReplyLimits.fromEnvironment(Map.of("TEAMS_REPLY_CONCURRENCY", bad)));
            assertTrue(e.getMessage().startsWith("TEAMS_REPLY_CONCURRENCY must be a whole number of at least 1"),
                    e.getMessage());
        }
    }
}
