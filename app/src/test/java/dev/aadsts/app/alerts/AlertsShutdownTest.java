package dev.aadsts.app.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.app.slack.SlackStandIn;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM in the middle of an alert storm, with a real process: every alert that got its 202 is counted on
 * a card after the restart, and no code's card is posted twice.
 */
class AlertsShutdownTest {
    private static final String[] CODES = {"50126", "50053", "53003", "700016", "7000215"};

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
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
    void aStormInterruptedBySigtermLosesNothingAndPostsNothingTwice() throws Exception {
        try (SlackStandIn slack = new SlackStandIn()) {
            int port = ServerProcesses.freePort();
            Map<String, String> env = new HashMap<>();
            env.put("PORT", Integer.toString(port));
            env.put("DATA_DIR", dir.resolve("data").toString());
            env.put("SLACK_BOT_TOKEN", "xoxb-shutdown-test");
            env.put("SLACK_SIGNING_SECRET", "shutdown-test-secret");
            env.put("SLACK_API_URL", slack.apiUrl());
            env.put("BIND_ADDRESS", "127.0.0.1");
            env.put("ALERTS_TOKEN", AlertsEndToEndTest.TOKEN);
            env.put("ALERTS_SLACK_CHANNEL", "C0SIGTERM1");
            env.put("ALERTS_GROUP_WAIT", "1s");
            env.put("ALERTS_GROUP_INTERVAL", "1s");
            env.put("ALERTS_POLL_MILLIS", "100");
            env.put("SHUTDOWN_GRACE_SECONDS", "10");

            Process first = servers.start(env, port, "/readyz");
            Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
            AtomicBoolean storming = new AtomicBoolean(true);
            AtomicInteger sent = new AtomicInteger();
            Map<Integer, Integer> others = new ConcurrentHashMap<>();
            List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int c = 0; c < 8; c++) {
                int client = c;
                clients.submit(() -> {
                    for (int i = 0; storming.get() && i < 2_000; i++) {
                        String code = CODES[(client + i) % CODES.length];
                        try {
                            int status = post(port, AlertsEndToEndTest.graphSignIns(code, 1, client * 10_000 + i))
                                    .statusCode();
                            if (status == 202) {
                                accepted.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
                            } else {
                                others.merge(status, 1, Integer::sum);
                            }
                            sent.incrementAndGet();
                        } catch (IOException refusedAfterShutdown) {
                            failures.add(refusedAfterShutdown.toString());
                            return;
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
            }
            Thread.sleep(2500);
            first.destroy(); // SIGTERM: stop accepting, finish what is in flight and claimed, close the store
            assertTrue(first.waitFor(30, TimeUnit.SECONDS), "stopped within the grace period");
            storming.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
            String log = Files.readString(servers.log(0));
            assertTrue(log.contains("aadsts-bot stopped"), log);
            assertTrue(accepted.values().stream().mapToInt(AtomicInteger::get).sum() > 20,
                    "the storm was under way: " + accepted + ", other answers " + others + ", failures " + failures);

            servers.start(env, port, "/readyz");
            List<SlackStandIn.Call> cards = new ArrayList<>();
            long quietUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < quietUntil && System.nanoTime() < giveUp) {
                List<SlackStandIn.Call> batch = new ArrayList<>(slack.drain("/api/chat.postMessage"));
                batch.addAll(slack.drain("/api/chat.update"));
                if (!batch.isEmpty()) {
                    cards.addAll(batch);
                    quietUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                }
                Thread.sleep(200);
            }
            Map<String, Integer> posts = new HashMap<>();
            Map<String, String> latest = new HashMap<>();
            cards.sort(Comparator.comparingLong(SlackStandIn.Call::atMillis));
            for (SlackStandIn.Call call : cards) {
                String text = call.form().get("text");
                String code = text.substring("AADSTS".length(), text.indexOf(' '));
                if (call.path().endsWith("postMessage")) {
                    posts.merge(code, 1, Integer::sum);
                }
                latest.put(code, text);
            }
            for (String code : CODES) {
                int expected = accepted.getOrDefault(code, new AtomicInteger()).get();
                if (expected == 0) {
                    continue;
                }
                assertEquals(1, posts.getOrDefault(code, 0), "one card for " + code + ", then updates: " + posts);
                String text = latest.get(code);
                assertTrue(text.contains("× " + expected), "AADSTS" + code + " counts all " + expected
                        + " accepted alerts: " + text);
            }
            assertFalse(cards.isEmpty());
        }
    }

    private HttpResponse<String> post(int port, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/alerts"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + AlertsEndToEndTest.TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
