package dev.aadsts.teams.cards;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aadsts.core.stats.Vote;

/**
 * "Helpful" / "Not helpful" at the foot of an explain card: plain {@code Action.Submit} buttons whose data
 * says {@code action: feedback}, the code and the vote. Teams adds who clicked to the activity itself.
 */
public final class FeedbackButtons {
    public static final String ACTION = "feedback";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private FeedbackButtons() {
    }

    /** An ActionSet for the card's body, so the buttons do not take places in the card's own action bar. */
    static ObjectNode row(String code) {
        ObjectNode set = JSON.objectNode().put("type", "ActionSet").put("spacing", "Medium");
        ArrayNode actions = set.putArray("actions");
        actions.add(button(code, Vote.HELPFUL, "Helpful"));
        actions.add(button(code, Vote.NOT_HELPFUL, "Not helpful"));
        return set;
    }

    private static ObjectNode button(String code, Vote vote, String title) {
        ObjectNode button = JSON.objectNode().put("type", "Action.Submit").put("title", title);
        button.putObject("data").put("action", ACTION).put("code", code).put("vote", vote.id());
        return button;
    }
}
