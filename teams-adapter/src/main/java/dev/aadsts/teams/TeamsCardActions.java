package dev.aadsts.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Card buttons other parts of the app own (e.g. an alert card's "Mute this code"). */
@FunctionalInterface
interface TeamsCardActions {
    TeamsCardActions NONE = (data, user, conversationId) -> null;

    /**
     * @param data           the button's submitted data; {@code data.get("action")} says which button
     * @param user           the display name of whoever clicked, if Teams sent it
     * @param conversationId the conversation (channel or chat) the card is in
     * @return a card to answer with, or null for no answer
     */
    ObjectNode onSubmit(JsonNode data, String user, String conversationId);
}
