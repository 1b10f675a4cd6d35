package dev.aadsts.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aadsts.core.stats.Vote;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeedbackButtonsTest {

    @Test
    void aButtonValueCarriesTheVoteAndTheCodeOnly() {
        assertEquals(Optional.of(new FeedbackButtons.Click("50011", Vote.HELPFUL)),
                FeedbackButtons.parse("helpful|50011"));
        assertEquals(Optional.of(new FeedbackButtons.Click("7000215", Vote.NOT_HELPFUL)),
                FeedbackButtons.parse("not_helpful|7000215"));
        for (String forged : new String[] {null, "", "helpful", "helpful|", "helpful|abc", "maybe|50011",
                "helpful|50011|x", "helpful|12345678901"}) {
            assertEquals(Optional.empty(), FeedbackButtons.parse(forged), forged);
        }
    }
}
