package dev.aadsts.app.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aadsts.app.server.BotServer;
import dev.aadsts.app.server.ServerConfig;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.store.Store;
import dev.aadsts.store.Stores;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.Test;

/**
 * Socket Mode against a local stand-in for Slack's WebSocket endpoint: the bot opens the connection
 * through {@code apps.connections.open}, acknowledges each envelope, answers through the Web API, and
 * connects again by itself when the link drops.
 */
class SocketModeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Accepts Socket Mode clients, greets them like Slack, and records what they send. */
    static final class LinkStandIn extends WebSocketServer {
        final BlockingQueue<WebSocket> opened = new LinkedBlockingQueue<>();
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        LinkStandIn() {
            super(new InetSocketAddress("127.0.0.1", 0));
            setReuseAddr(true);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            conn.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"local\","
                    + "\"approximate_connection_time\":3600},\"connection_info\":{\"app_id\":\"A0001\"}}");
            opened.add(conn);
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            received.add(message);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
        }
    }

    private static String envelope(String envelopeId, String eventId, String text, String ts) throws Exception {
        ObjectNode event = JSON.createObjectNode().put("type", "message").put("channel", "C0SOCK")
                .put("user", "U0USER1").put("text", text).put("ts", ts).put("event_ts", ts)
                .put("channel_type", "channel");
        ObjectNode payload = JSON.createObjectNode().put("token", "legacy").put("team_id", "T0001")
                .put("api_app_id", "A0001").put("type", "event_callback").put("event_id", eventId)
                .put("event_time", 1700000100);
        payload.set("event", event);
        ObjectNode root = JSON.createObjectNode().put("envelope_id", envelopeId).put("type", "events_api")
                .put("accepts_response_payload", false).put("retry_attempt", 0).put("retry_reason", "");
        root.set("payload", payload);
        return JSON.writeValueAsString(root);
    }

    @Test
    void answersOverSocketModeAndReconnectsAfterADrop() throws Exception {
        try (SlackStandIn slack = new SlackStandIn()) {
            LinkStandIn link = new LinkStandIn();
            link.start();
            for (int i = 0; i < 100 && link.getPort() == 0; i++) {
                Thread.sleep(20);
            }
            slack.socketUrl = "ws://127.0.0.1:" + link.getPort() + "/link/?ticket=local";
            Map<String, String> env = Map.of("PORT", "0", "SLACK_BOT_TOKEN", "xoxb-1700000000-0123456789abcdef",
                    "SLACK_APP_TOKEN", "xapp-1-A0001-1700000000000-0123456789abcdef", "SLACK_API_URL", slack.apiUrl());
            assertEquals("127.0.0.1", ServerConfig.fromEnvironment(env, SlackMount.needsInbound(env)).host(),
                    "Socket Mode needs no public address");
            Store store = Stores.embedded(java.nio.file.Files.createTempDirectory("socket-mode"));
            SlackMount mount = SlackMount.fromEnvironment(env, BotCore.load(), store);
            BotServer server = BotServer.start(ServerConfig.fromEnvironment(env), BotCore.load(), mount::mount);
            try {
                WebSocket first = link.opened.poll(20, TimeUnit.SECONDS);
                assertNotNull(first, "the bot connected");
                first.send(envelope("env-1", "EvSock1", "AADSTS50053: account locked", "1700000300.000100"));
                String ack = waitFor(link, "env-1");
                assertTrue(ack.contains("\"envelope_id\":\"env-1\""), ack);
                SlackStandIn.Call post = slack.next("/api/chat.postMessage", Duration.ofSeconds(10));
                assertNotNull(post);
                assertEquals("C0SOCK", post.form().get("channel"));
                assertEquals("1700000300.000100", post.form().get("thread_ts"));

                first.close(1001, "going away");
                WebSocket second = link.opened.poll(60, TimeUnit.SECONDS);
                assertNotNull(second, "reconnected by itself");
                second.send(envelope("env-2", "EvSock2", "AADSTS50057: disabled", "1700000300.000200"));
                waitFor(link, "env-2");
                assertNotNull(slack.next("/api/chat.postMessage", Duration.ofSeconds(10)));
            } finally {
                server.stop();
                mount.close();
                store.close();
                link.stop(1000);
            }
        }
    }

    private static String waitFor(LinkStandIn link, String envelopeId) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            String message = link.received.poll(1, TimeUnit.SECONDS);
            if (message != null && message.contains(envelopeId)) {
                return message;
            }
        }
        throw new AssertionError("no acknowledgement for " + envelopeId);
    }
}
