package dev.aadsts.slack;

import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.element.BlockElement;
import dev.aadsts.core.stats.Vote;
import java.util.List;
import java.util.Optional;

/**
 * "Helpful" / "Not helpful" under each explain card. The button carries the code and the vote, never who
 * clicked: Slack says that in the click itself.
 */
public final class FeedbackButtons {
    public static final String ACTION_PREFIX = "aadsts_feedback_";

    /** What a click on one of the buttons says. */
    public record Click(String code, Vote vote) {
    }

    private FeedbackButtons() {
    }

    /** The card's button row carries this id plus the code, so the buttons can be found in a message. */
    static final String BLOCK_PREFIX = "aadsts_buttons_";

    /** The two buttons, placed in the card's button row after its links. */
    static List<BlockElement> buttons(String code) {
        return List.of(
                button(b -> b.actionId(ACTION_PREFIX + Vote.HELPFUL.id() + "_" + code)
                        .value(Vote.HELPFUL.id() + "|" + code).text(plainText("Helpful"))),
                button(b -> b.actionId(ACTION_PREFIX + Vote.NOT_HELPFUL.id() + "_" + code)
                        .value(Vote.NOT_HELPFUL.id() + "|" + code).text(plainText("Not helpful"))));
    }

    /** The click a button value stands for; empty for a value no card of ours carries. */
    public static Optional<Click> parse(String value) {
        String[] parts = value == null ? new String[0] : value.split("\\|", 2);
        if (parts.length != 2 || !parts[1].matches("\\d{1,10}")) {
            return Optional.empty();
        }
        return Vote.fromId(parts[0]).map(vote -> new Click(parts[1], vote));
    }
}
