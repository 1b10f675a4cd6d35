package dev.aadsts.teams;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Posts and updates cards in conversations the bot has a stored reference for. */
public interface TeamsOutbox {

    /**
     * Posts a new message with one Adaptive Card into the conversation (a channel's root post or a chat).
     *
     * @return the activity id Teams assigned, for later updates
     * @throws TeamsDeliveryException when the connector refuses; {@link TeamsDeliveryException#retryAfterMillis()}
     *                                says when a retry makes sense
     */
    String post(String conversationId, ObjectNode card, String fallbackText);

    /** Replaces the card of a message posted earlier. */
    void update(String conversationId, String activityId, ObjectNode card, String fallbackText);
}
