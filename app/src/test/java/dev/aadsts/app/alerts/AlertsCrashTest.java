package dev.aadsts.app.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.app.slack.SlackStandIn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart safety with a real process: alerts accepted (202) before a kill -9 are delivered after the bot
 * starts again, each group exactly once.
 */
class AlertsCrashTest {
    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private ServerProcesses servers;

    @BeforeEach
    void servers() {
        servers = new ServerProcesses(dir);
    }

    @AfterEach
    void killAll() {
        servers.close();
    }

    @Test
    void alertsAcceptedBeforeAKillAreDeliveredAfterRestartOnce() throws Exception {
        try (SlackStandIn slack = new SlackStandIn()) {
            int port = ServerProcesses.freePort();
            Map<String, String> env = new HashMap<>();
            env.put("PORT", Integer.toString(port));
            env.put("DATA_DIR", dir.resolve("data").toString());
            env.put("SLACK_BOT_TOKEN", "xoxb-crash-test");
            env.put("SLACK_SIGNING_SECRET", "crash-test-secret");
            env.put("SLACK_API_URL", slack.apiUrl());
            env.put("BIND_ADDRESS", "127.0.0.1");
            env.put("ALERTS_TOKEN", AlertsEndToEndTest.TOKEN);
            env.put("ALERTS_SLACK_CHANNEL", "C0CRASH001");
            // Long enough that nothing goes out before the kill; the stored due time survives it.
            env.put("ALERTS_GROUP_WAIT", "4s");
            env.put("ALERTS_POLL_MILLIS", "100");

            Process first = servers.start(env, port, "/healthz");
            String[] codes = {"50126", "50053", "53003", "700016", "7000215"};
            for (String code : codes) {
                for (int i = 0; i < 10; i++) {
                    assertEquals(202, post(port, AlertsEndToEndTest.graphSignIns(code, 1, i)).statusCode());
                }
            }
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no goodbye
            first.waitFor();
            assertNull(slack.next("/api/chat.postMessage", Duration.ofMillis(10)), "nothing was posted before the kill");

            servers.start(env, port, "/healthz");
            Map<String, String> posted = new TreeMap<>();
            for (int i = 0; i < codes.length; i++) {
                SlackStandIn.Call call = slack.next("/api/chat.postMessage", Duration.ofSeconds(30));
                assertTrue(call != null, "delivered after restart: " + posted);
                String text = call.form().get("text");
                String code = text.substring("AADSTS".length(), text.indexOf(' '));
                assertNull(posted.put(code, text), "posted twice: " + code);
            }
            assertEquals(codes.length, posted.size());
            posted.values().forEach(t -> assertTrue(t.contains("× 10"), t));
            assertNull(slack.next("/api/chat.postMessage", Duration.ofSeconds(3)), "no duplicate posts");
        }
    }

    private HttpResponse<String> post(int port, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/alerts"))
                .header("Authorization", "Bearer " + AlertsEndToEndTest.TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
