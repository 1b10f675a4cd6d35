package dev.aadsts.app.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Slack message events as Slack sends them: the Events API envelope, signed with the app's signing secret. */
public final class SlackEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A MAC per thread, keyed once: load runs sign a thousand events a second on the sender's thread. */
    private final ThreadLocal<Mac> macs;

    public SlackEvents(String secret) {
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return mac;
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A {@code message} event in a channel, posted by a person. */
    public static String message(String eventId, String channel, String text, String ts) {
        ObjectNode event = JSON.createObjectNode();
        event.put("type", "message").put("channel", channel).put("user", "U0USER1").put("text", text)
                .put("ts", ts).put("event_ts", ts).put("channel_type", "channel").put("team", "T0001");
        ObjectNode root = JSON.createObjectNode();
        root.put("token", "legacy").put("team_id", "T0001").put("api_app_id", "A0001").set("event", event);
        root.put("type", "event_callback").put("event_id", eventId).put("event_time", 1700000100);
        return root.toString();
    }

    /** The signature Slack puts in {@code X-Slack-Signature}. */
    public String sign(String timestamp, String body) {
        // doFinal leaves the MAC keyed and reset for the next signature.
        return "v0=" + HexFormat.of().formatHex(macs.get().doFinal(("v0:" + timestamp + ":" + body)
                .getBytes(StandardCharsets.UTF_8)));
    }

    /** A signed POST of {@code body} to {@code url}; {@code extraHeaders} as name, value pairs. */
    public HttpRequest request(URI url, String body, String... extraHeaders) {
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .header("X-Slack-Request-Timestamp", ts).header("X-Slack-Signature", sign(ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            request.header(extraHeaders[i], extraHeaders[i + 1]);
        }
        return request.build();
    }
}
