package dev.aadsts.app.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Requests to one bot's {@code /slack/events}, shaped and signed as Slack sends them. */
final class SignedSlackRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String secret;
    private final HttpClient http = HttpClient.newHttpClient();

    SignedSlackRequests(String secret) {
        this.secret = secret;
    }

    /** Posts {@code body} signed now to the bot listening on {@code port}. */
    HttpResponse<String> post(int port, String body, String contentType) throws Exception {
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + ts + ":" + body)
                .getBytes(StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .header("Content-Type", contentType).header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A channel message event; {@code threadTs} null for a top-level message. */
    static String message(String eventId, String channel, String text, String ts, String threadTs)
            throws Exception {
        ObjectNode event = JSON.createObjectNode();
        event.put("type", "message").put("channel", channel).put("user", "U0USER1").put("text", text)
                .put("ts", ts).put("event_ts", ts).put("channel_type", "channel").put("team", "T0001");
        if (threadTs != null) {
            event.put("thread_ts", threadTs);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("token", "legacy").put("team_id", "T0001").put("api_app_id", "A0001").set("event", event);
        root.put("type", "event_callback").put("event_id", eventId).put("event_time", 1700000100);
        root.putArray("authorizations").addObject().put("team_id", "T0001").put("user_id", "UBOT0001")
                .put("is_bot", true);
        return JSON.writeValueAsString(root);
    }

    /** {@code /aadsts text} typed in {@code channel}. */
    static String slash(String text, String channel, String responseUrl) {
        return "token=legacy&team_id=T0001&team_domain=contoso&channel_id=" + channel + "&channel_name=identity"
                + "&user_id=U0USER1&user_name=alex&command=%2Faadsts&text=" + encode(text) + "&api_app_id=A0001"
                + "&response_url=" + encode(responseUrl) + "&trigger_id=123.456.abc";
    }

    /** A click on the "Share in channel" button of an ephemeral answer in {@code channel}. */
    static String shareClick(String shareId, String channel, String responseUrl) throws Exception {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("type", "block_actions").put("api_app_id", "A0001").put("token", "legacy")
                .put("trigger_id", "1.2.3").put("response_url", responseUrl);
        payload.putObject("user").put("id", "U0USER1").put("username", "alex").put("team_id", "T0001");
        payload.putObject("team").put("id", "T0001").put("domain", "contoso");
        payload.putObject("channel").put("id", channel).put("name", "identity");
        payload.putObject("container").put("type", "message").put("is_ephemeral", true).put("channel_id", channel);
        payload.putArray("actions").addObject().put("type", "button").put("action_id", "aadsts_share")
                .put("block_id", "x").put("value", shareId).put("action_ts", "1700000200.1");
        return "payload=" + encode(JSON.writeValueAsString(payload));
    }

    /** The share id the slash command's ephemeral answer carries on its button. */
    static String shareIdOf(String slashAnswer) throws Exception {
        var blocks = JSON.readTree(slashAnswer).get("blocks");
        var button = blocks.get(blocks.size() - 1).get("elements").get(0);
        if (!"aadsts_share".equals(button.path("action_id").asText())) {
            throw new AssertionError("no share button in " + slashAnswer);
        }
        return button.get("value").asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
