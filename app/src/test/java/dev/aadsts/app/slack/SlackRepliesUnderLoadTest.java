package dev.aadsts.app.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aadsts.app.server.BotServer;
import dev.aadsts.app.server.ServerConfig;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.store.Store;
import dev.aadsts.store.Stores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thread replies under pressure, through the real server and signed events, against a Web API stand-in: a burst
 * across many channels, a full queue, and a rate-limited channel.
 */
class SlackRepliesUnderLoadTest {
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SlackEvents EVENTS = new SlackEvents(SECRET);
    private static BotCore core;

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<AutoCloseable> running = new ArrayList<>();
    private BotServer server;
    private Store store;

    @BeforeAll
    static void loadCatalog() {
        core = BotCore.load();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    private void start(SlackStandIn slack, Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "BIND_ADDRESS", "127.0.0.1",
                "SLACK_BOT_TOKEN", "xoxb-test", "SLACK_SIGNING_SECRET", SECRET, "SLACK_API_URL", slack.apiUrl()));
        env.putAll(extra);
        store = Stores.embedded(Files.createTempDirectory("slack-load"));
        running.add(store);
        SlackMount mount = SlackMount.fromEnvironment(env, core, store);
        running.add(mount);
        server = BotServer.start(ServerConfig.fromEnvironment(env, true), core, mount::mount);
        running.add(server::stop);
    }

    private URI events() {
        return URI.create("http://127.0.0.1:" + server.port() + "/slack/events");
    }

    private HttpResponse<String> send(String body, String... headers) throws Exception {
        return client.send(EVENTS.request(events(), body, headers), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode counters() throws Exception {
        return JSON.readTree(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/healthz")).build(), HttpResponse.BodyHandlers.ofString()).body()).get("slack");
    }

    @Test
    void theSameErrorPastedInFiftyChannelsAtOnceIsAllAnsweredWithManyCallsInFlight() throws Exception {
        SlackStandIn slack = new SlackStandIn(100, 300);
        running.add(slack);
        start(slack, Map.of());
        assertEquals(200, send(SlackEvents.message("EvWarm", "C0WARM", "good morning", "1700000499.000001"))
                .statusCode());

        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> acks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String body = SlackEvents.message("EvBurst" + i, String.format("C0BURST%03d", i),
                    "Sign-in failed: AADSTS50126 Error validating credentials", "1700000500.0001" + (10 + i));
            acks.add(client.sendAsync(EVENTS.request(events(), body), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> ack : acks) {
            assertEquals(200, ack.get().statusCode());
        }
        long ackedMillis = (System.nanoTime() - started) / 1_000_000;
        Set<String> channels = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            SlackStandIn.Call post = slack.next("/api/chat.postMessage", WAIT);
            assertNotNull(post, "reply " + (i + 1) + " of 50");
            assertTrue(post.form().get("blocks").contains("50126"), post.body());
            assertTrue(post.form().get("thread_ts").startsWith("1700000500.0001"), post.body());
            channels.add(post.form().get("channel"));
        }
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(50, channels.size(), "one reply in each channel");
        // The old pool had 4 threads, each waiting for one call: at most 4 in flight, 50 × 200 ms / 4 ≈ 2.5 s.
        assertTrue(slack.peakPostsInFlight() > 4, "peak in flight: " + slack.peakPostsInFlight());
        assertTrue(tookMillis - ackedMillis < 5_000, "acknowledged after " + ackedMillis + " ms, replies took "
                + (tookMillis - ackedMillis) + " ms more; peak in flight " + slack.peakPostsInFlight());
        assertNull(slack.next("/api/chat.postMessage", Duration.ofMillis(800)), "nothing answered twice");
        assertEquals(0, store.pendingReplies().count("slack"), "delivered replies are forgotten");
        JsonNode counters = counters();
        assertEquals(50, counters.get("replies.delivered").asLong(), counters.toString());
        assertEquals(0, counters.get("replies.owed").asLong(), counters.toString());
    }

    @Test
    void aFullQueueRefusesTheEventSoSlackRetriesItAndTheRetryIsAnsweredOnce() throws Exception {
        SlackStandIn slack = new SlackStandIn(0, 0);
        running.add(slack);
        start(slack, Map.of("SLACK_REPLY_QUEUE", "2"));
        slack.hold();

        assertEquals(200, send(SlackEvents.message("EvFull1", "C0FULL1", "AADSTS50126", "1700000600.000001"))
                .statusCode());
        assertEquals(200, send(SlackEvents.message("EvFull2", "C0FULL2", "AADSTS50076", "1700000600.000002"))
                .statusCode());
        String third = SlackEvents.message("EvFull3", "C0FULL3", "AADSTS53003 blocked by CA", "1700000600.000003");
        HttpResponse<String> refused = send(third);
        assertEquals(503, refused.statusCode(), "not acknowledged: Slack sends it again later");
        assertEquals(200, send(SlackEvents.message("EvChat", "C0FULL3", "lunch at noon?", "1700000600.000004"))
                .statusCode(), "a message without a code is decided at once and never queued");
        JsonNode counters = counters();
        assertEquals(1, counters.get("replies.overflowed").asLong(), counters.toString());
        assertEquals(2, counters.get("replies.owed").asLong(), counters.toString());

        slack.release();
        Set<String> channels = new HashSet<>();
        channels.add(slack.next("/api/chat.postMessage", WAIT).form().get("channel"));
        channels.add(slack.next("/api/chat.postMessage", WAIT).form().get("channel"));
        assertEquals(Set.of("C0FULL1", "C0FULL2"), channels);

        long end = System.nanoTime() + WAIT.toNanos();
        while (counters().get("replies.owed").asLong() > 0 && System.nanoTime() < end) {
            Thread.sleep(20); // the two posts were answered; their places are given back as their rows go
        }
        // Slack's retry of the refused event: the same body, now with its retry headers.
        assertEquals(200, send(third, "X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_error").statusCode());
        SlackStandIn.Call answered = slack.next("/api/chat.postMessage", WAIT);
        assertNotNull(answered, "the refused event is not lost");
        assertEquals("C0FULL3", answered.form().get("channel"));
        assertEquals("1700000600.000003", answered.form().get("thread_ts"));
        assertTrue(answered.form().get("blocks").contains("53003"));
        assertEquals(200, send(third, "X-Slack-Retry-Num", "2", "X-Slack-Retry-Reason", "timeout").statusCode());
        assertNull(slack.next("/api/chat.postMessage", Duration.ofMillis(1500)), "nothing answered twice");
    }

    @Test
    void aRateLimitedChannelWaitsForRetryAfterWhileOtherChannelsGoOn() throws Exception {
        SlackStandIn slack = new SlackStandIn(0, 0);
        running.add(slack);
        start(slack, Map.of());
        slack.rateLimitNext(1, 2);

        assertEquals(200, send(SlackEvents.message("EvLimited", "C0LIMITED", "AADSTS50105", "1700000700.000001"))
                .statusCode());
        SlackStandIn.Call limited = slack.next("/api/chat.postMessage", WAIT);
        assertEquals(429, limited.status());
        assertEquals(200, send(SlackEvents.message("EvOther", "C0OTHER", "AADSTS50034", "1700000700.000002"))
                .statusCode());
        SlackStandIn.Call other = slack.next("/api/chat.postMessage", WAIT);
        assertEquals("C0OTHER", other.form().get("channel"), "another channel is not held up by the 429");
        assertTrue(other.atMillis() - limited.atMillis() < 1500, "other channel waited "
                + (other.atMillis() - limited.atMillis()) + " ms");
        SlackStandIn.Call retried = slack.next("/api/chat.postMessage", WAIT);
        assertEquals("C0LIMITED", retried.form().get("channel"));
        assertEquals(200, retried.status());
        assertTrue(retried.atMillis() - limited.atMillis() >= 2000, "waited for Retry-After: 2, not "
                + (retried.atMillis() - limited.atMillis()) + " ms");
        assertNull(slack.next("/api/chat.postMessage", Duration.ofMillis(800)), "delivered once");
        assertEquals(1, counters().get("replies.rateLimited").asLong());
    }
}
