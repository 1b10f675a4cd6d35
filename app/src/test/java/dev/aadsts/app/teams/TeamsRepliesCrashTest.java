package dev.aadsts.app.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aadsts.app.alerts.ServerProcesses;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged Teams activity with a code is answered even when the process dies before its replies went out:
 * the activity's id and all its card messages were committed together before the 200.
 */
class TeamsRepliesCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aReplyOwedWhenTheProcessWasKilledIsSentOnceAfterTheRestart(@TempDir Path dir) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        try (ConnectorStandIn connector = new ConnectorStandIn(); ServerProcesses servers = new ServerProcesses(dir)) {
            int port = ServerProcesses.freePort();
            // No MicrosoftAppId: the Emulator's mode, served on loopback only, so no tokens are involved.
            Map<String, String> env = Map.of("PORT", Integer.toString(port), "BIND_ADDRESS", "127.0.0.1",
                    "DATA_DIR", Files.createDirectories(dir.resolve("data")).toString(), "PATH", System.getenv("PATH"));
            Process first = servers.start(env, port, "/healthz");
            connector.hold(); // the connector hangs: the reply is accepted and owed, but not delivered
            ObjectNode message = new TeamsActivities(connector.serviceUrl())
                    .personalMessage("AADSTS700016 application not found in the directory");
            assertEquals(200, post(client, port, message), "acknowledged");
            killWhileAPostIsUnderWay(first, connector, "the post was under way when the process died");

            servers.start(env, port, "/healthz");
            ConnectorStandIn.Call replayed = connector.next(Duration.ofSeconds(15));
            assertEquals(TeamsActivities.PERSONAL, replayed.conversationId());
            assertEquals(message.get("id").asText(), replayed.activityId(), "still a reply to the message");
            assertTrue(replayed.body().toString().contains("700016"), replayed.body().toString());
            assertEquals(TeamsActivities.BOT_ID, replayed.body().path("from").path("id").asText());
            connector.expectNothing(Duration.ofSeconds(1));

            // The connector retrying the activity now changes nothing: it was answered.
            assertEquals(200, post(client, port, message));
            connector.expectNothing(Duration.ofSeconds(1));
            JsonNode health = teamsHealth(client, port);
            assertEquals(1, health.path("replyQueue.replayed").asLong(), health.toString());
            assertEquals(0, health.path("replyQueue.owed").asLong(), health.toString());
        }
    }

    @Test
    void everyCardOfAPasteAcknowledgedBeforeAKillIsSentOnceAfterTheRestart(@TempDir Path dir) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        try (ConnectorStandIn connector = new ConnectorStandIn(); ServerProcesses servers = new ServerProcesses(dir)) {
            int port = ServerProcesses.freePort();
            Map<String, String> env = Map.of("PORT", Integer.toString(port), "BIND_ADDRESS", "127.0.0.1",
                    "DATA_DIR", Files.createDirectories(dir.resolve("data")).toString(), "PATH", System.getenv("PATH"));
            Process first = servers.start(env, port, "/healthz");
            connector.hold();
            // Three codes in a chat with the bot: three card messages, owed together with the activity's id.
            ObjectNode message = new TeamsActivities(connector.serviceUrl())
                    .personalMessage(dev.aadsts.core.SampleReplies.THREE_CODES);
            assertEquals(200, post(client, port, message), "acknowledged");
            assertEquals(200, post(client, port, message), "a redelivery before the crash");
            // One card under way, the other two waiting in the conversation's lane in memory.
            killWhileAPostIsUnderWay(first, connector, "the first card was under way when the process died");

            servers.start(env, port, "/healthz");
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ConnectorStandIn.Call replayed = connector.next(Duration.ofSeconds(15));
                assertEquals(TeamsActivities.PERSONAL, replayed.conversationId());
                assertEquals(message.get("id").asText(), replayed.activityId(), "still a reply to the message");
                Matcher code = Pattern.compile("^AADSTS(\\d+)").matcher(replayed.body().path("summary").asText());
                assertTrue(code.find(), replayed.body().toString());
                codes.add(code.group(1));
            }
            assertEquals(Set.of("50076", "50053", "700082"), Set.copyOf(codes), "each card once: " + codes);
            connector.expectNothing(Duration.ofSeconds(1));

            // Redelivered after the restart: answered with nothing, again.
            assertEquals(200, post(client, port, message));
            connector.expectNothing(Duration.ofSeconds(1));
            JsonNode health = teamsHealth(client, port);
            assertEquals(3, health.path("replyQueue.replayed").asLong(), health.toString());
            assertEquals(0, health.path("replyQueue.owed").asLong(), health.toString());
        }
    }

    private static int post(HttpClient client, int port, JsonNode activity) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(activity))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Waits until the held connector has a post in flight, kills the server (-9) and drops the dead call. */
    private static void killWhileAPostIsUnderWay(Process server, ConnectorStandIn connector, String what)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (connector.peakInFlight() == 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(1, connector.peakInFlight(), what);
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9
        connector.release();
        Thread.sleep(300);
        connector.drain(); // the dead process's call, answered to nobody
    }

    private static JsonNode teamsHealth(HttpClient client, int port) throws Exception {
        return JSON.readTree(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).path("teams");
    }
}
