package dev.aadsts.core.card;

import java.util.List;

/**
 * A row of buttons that belongs at the end of a card, apart from its own actions (feedback, say).
 * {@code id} names the row to the bot when a button is clicked: Slack gets it as the block id and the
 * start of each action id, Teams as the {@code action} of the submitted data.
 */
public record ActionGroup(String id, List<CardAction> actions) {
    public ActionGroup {
        if (id == null || !id.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("action group ids are short lower-case words: " + id);
        }
        actions = List.copyOf(actions);
    }
}
