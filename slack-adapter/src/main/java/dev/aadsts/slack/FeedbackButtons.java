package dev.aadsts.slack;

import dev.aadsts.core.card.ActionGroup;
import dev.aadsts.core.card.CardAction;
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

    /**
     * The card's feedback row. The renderer gives each button the action id {@code aadsts_feedback_<n>_<code>}
     * (so {@link #ACTION_PREFIX} finds them) and this value.
     */
    static ActionGroup group(String code) {
        return new ActionGroup(ACTION_PREFIX.substring(0, ACTION_PREFIX.length() - 1), List.of(
                CardAction.submit("Helpful", Vote.HELPFUL.id() + "|" + code),
                CardAction.submit("Not helpful", Vote.NOT_HELPFUL.id() + "|" + code)));
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
