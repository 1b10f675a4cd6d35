package dev.aadsts.app.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aadsts.app.alerts.ServerProcesses;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An acknowledged event with a code is answered even when the process dies before its reply went out. */
class SlackRepliesCrashTest {
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    @Test
    void aReplyOwedWhenTheProcessWasKilledIsSentOnceAfterTheRestart(@TempDir Path dir) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        SlackEvents events = new SlackEvents(SECRET);
        try (SlackStandIn slack = new SlackStandIn(0, 0); ServerProcesses servers = new ServerProcesses(dir)) {
            int port = ServerProcesses.freePort();
            Map<String, String> env = Map.of("PORT", Integer.toString(port), "BIND_ADDRESS", "127.0.0.1",
                    "DATA_DIR", Files.createDirectories(dir.resolve("data")).toString(),
                    "SLACK_BOT_TOKEN", "xoxb-test", "SLACK_SIGNING_SECRET", SECRET, "SLACK_API_URL", slack.apiUrl(),
                    "PATH", System.getenv("PATH"));
            Process first = servers.start(env, port, "/healthz");
            slack.hold(); // Slack hangs: the reply is accepted and owed, but not delivered
            URI url = URI.create("http://127.0.0.1:" + port + "/slack/events");
            HttpResponse<String> ack = client.send(events.request(url, SlackEvents.message("EvCrash", "C0CRASH",
                    "AADSTS700016 app not found", "1700000800.000001")), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ack.statusCode());
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (slack.peakPostsInFlight() == 0 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertEquals(1, slack.peakPostsInFlight(), "the post was under way when the process died");
            first.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9
            slack.release();
            Thread.sleep(300);
            slack.drain("/api/chat.postMessage"); // the dead process's call, answered to nobody

            servers.start(env, port, "/healthz");
            SlackStandIn.Call replayed = slack.next("/api/chat.postMessage", Duration.ofSeconds(15));
            assertNotNull(replayed, "the owed reply is sent after the restart");
            assertEquals("C0CRASH", replayed.form().get("channel"));
            assertEquals("1700000800.000001", replayed.form().get("thread_ts"));
            assertTrue(replayed.form().get("blocks").contains("700016"));
            assertNull(slack.next("/api/chat.postMessage", Duration.ofSeconds(1)), "sent once");

            // Slack retrying the event now changes nothing: it was answered.
            client.send(events.request(url, SlackEvents.message("EvCrash", "C0CRASH", "AADSTS700016 app not found",
                    "1700000800.000001"), "X-Slack-Retry-Num", "1"), HttpResponse.BodyHandlers.ofString());
            assertNull(slack.next("/api/chat.postMessage", Duration.ofSeconds(1)), "the retry is not answered again");
            var health = new ObjectMapper().readTree(client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("slack");
            assertEquals(1, health.get("replies.replayed").asLong(), health.toString());
            assertEquals(0, health.get("replies.owed").asLong(), health.toString());
        }
    }
}
