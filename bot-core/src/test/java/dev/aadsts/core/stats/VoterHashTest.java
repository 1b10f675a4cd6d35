package dev.aadsts.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VoterHashTest {
    private static final byte[] PEPPER = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aPersonMapsToOneStablePseudonymThatIsNotTheirId() {
        VoterHash hash = new VoterHash(PEPPER);
        String voter = hash.of("slack", "U0VOTER1");
        assertEquals(voter, new VoterHash(PEPPER.clone()).of("slack", "U0VOTER1"));
        assertTrue(voter.matches("[0-9a-f]{64}"), voter);
        assertFalse(voter.contains("U0VOTER1"));
        assertNotEquals(voter, hash.of("slack", "U0VOTER2"));
        assertNotEquals(voter, hash.of("teams", "U0VOTER1"), "platforms do not share ids");
    }

    @Test
    void anotherInstallationsPepperGivesAnotherPseudonym() {
        byte[] other = PEPPER.clone();
        other[0] ^= 1;
        assertNotEquals(new VoterHash(PEPPER).of("slack", "U0VOTER1"), new VoterHash(other).of("slack", "U0VOTER1"));
        assertThrows(IllegalArgumentException.class, () -> new VoterHash(new byte[8]));
    }

    @Test
    void theStatsCommandIsRecognisedWithOrWithoutTheCommandWord() {
        for (String text : new String[] {"stats", " STATS ", "aadsts stats", "/aadsts stats"}) {
            assertTrue(StatsCommand.matches(text), text);
        }
        for (String text : new String[] {"stats 50011", "search stats", "", "statistics"}) {
            assertFalse(StatsCommand.matches(text), text);
        }
        assertEquals(Optional.of(Vote.NOT_HELPFUL), Vote.fromId("not_helpful"));
        assertEquals(Optional.empty(), Vote.fromId("NOT_HELPFUL"));
    }
}
