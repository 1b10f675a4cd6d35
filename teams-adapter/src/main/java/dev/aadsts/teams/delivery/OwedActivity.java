package dev.aadsts.teams.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A reply activity as it is kept in the store until the Bot Connector has it: the activity JSON and where it
 * goes. No credentials: the token is fetched when the reply is sent.
 *
 * @param replyToId the message answered; null posts into the conversation instead of replying
 */
public record OwedActivity(String serviceUrl, String conversationId, String replyToId, JsonNode activity) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("serviceUrl", serviceUrl);
        node.put("conversationId", conversationId);
        node.put("replyToId", replyToId);
        node.set("activity", activity);
        return node.toString();
    }

    static OwedActivity fromJson(String payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            return new OwedActivity(node.path("serviceUrl").asText(), node.path("conversationId").asText(),
                    node.path("replyToId").isTextual() ? node.path("replyToId").asText() : null, node.path("activity"));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable owed Teams reply", e);
        }
    }

    /** {@code POST {serviceUrl}/v3/conversations/{id}/activities[/{replyToId}]}, as the SDK's connector client addresses it. */
    URI uri() {
        String base = serviceUrl.endsWith("/") ? serviceUrl : serviceUrl + "/";
        String uri = base + "v3/conversations/" + segment(conversationId) + "/activities"
                + (replyToId == null ? "" : "/" + segment(replyToId));
        return URI.create(uri);
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
