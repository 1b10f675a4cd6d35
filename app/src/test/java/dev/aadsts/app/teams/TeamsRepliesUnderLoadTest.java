package dev.aadsts.app.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aadsts.app.BotApp;
import dev.aadsts.core.BotCore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Teams replies under pressure, through the real server and Bot Framework activities, against a Bot Connector
 * stand-in: a burst across many conversations with a slow connector, pacing within one conversation, a 429, 5xx
 * answers and a full queue.
 */
class TeamsRepliesUnderLoadTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static BotCore core;

    @TempDir
    Path dataDir;
    private ConnectorStandIn connector;
    private TeamsActivities activities;
    private BotApp app;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void loadCore() {
        core = BotCore.load();
    }

    @BeforeEach
    void setUp() throws Exception {
        connector = new ConnectorStandIn();
        activities = new TeamsActivities(connector.serviceUrl());
    }

    @AfterEach
    void tearDown() {
        if (app != null) {
            app.close();
        }
        connector.close();
    }

    private void start(Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "DATA_DIR", dataDir.toString()));
        env.putAll(extra);
        app = BotApp.start(env, core);
    }

    /** A personal-chat message in a conversation of its own. */
    private ObjectNode messageIn(String conversation, String text) {
        ObjectNode a = activities.personalMessage(text);
        a.withObject("conversation").put("id", conversation);
        return a;
    }

    private HttpResponse<String> post(JsonNode activity) throws Exception {
        return http.send(request(activity), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(JsonNode activity) throws Exception {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.server().port() + "/api/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(activity))).build();
    }

    private JsonNode counters() throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.server().port()
                + "/healthz")).build(), HttpResponse.BodyHandlers.ofString()).body()).path("teams");
    }

    @Test
    void fortyConversationsAtOnceAreAnsweredWithManyCallsInFlightAgainstASlowConnector() throws Exception {
        start(Map.of());
        connector.delay(200, 300);
        assertEquals(200, post(messageIn("a:warm-up", "hello")).statusCode());
        connector.next(WAIT);

        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> acks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            acks.add(http.sendAsync(request(messageIn("a:burst-" + i, "Sign-in failed: AADSTS50126 Error validating "
                    + "credentials")), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> ack : acks) {
            assertEquals(200, ack.get().statusCode());
        }
        long ackedMillis = (System.nanoTime() - started) / 1_000_000;
        Set<String> conversations = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            ConnectorStandIn.Call reply = connector.next(WAIT);
            assertEquals(200, reply.status());
            assertTrue(reply.body().toString().contains("50126"), reply.body().toString());
            conversations.add(reply.conversationId());
        }
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(40, conversations.size(), "one reply in each conversation");
        // The old pool had 4 threads, each waiting for one call: at most 4 in flight, 40 × 250 ms / 4 ≈ 2.5 s.
        assertTrue(connector.peakInFlight() > 4, "peak in flight: " + connector.peakInFlight());
        assertTrue(tookMillis - ackedMillis < 5_000, "acknowledged after " + ackedMillis + " ms, replies took "
                + (tookMillis - ackedMillis) + " ms more; peak in flight " + connector.peakInFlight());
        connector.expectNothing(Duration.ofMillis(800));
        assertEquals(0, app.store().pendingReplies().count("teams"), "delivered replies are forgotten");
        JsonNode counters = counters();
        assertEquals(41, counters.path("replyQueue.delivered").asLong(), counters.toString());
        assertEquals(0, counters.path("replyQueue.owed").asLong(), counters.toString());
    }

    @Test
    void repliesInOneConversationAreSpacedWhileOtherConversationsGoOn() throws Exception {
        start(Map.of("TEAMS_REPLY_CONVERSATION_SPACING_MS", "1000"));
        for (String code : List.of("50126", "50076", "53003")) {
            assertEquals(200, post(messageIn("a:paced", "AADSTS" + code)).statusCode());
        }
        assertEquals(200, post(messageIn("a:elsewhere", "AADSTS700016")).statusCode());
        List<ConnectorStandIn.Call> paced = new ArrayList<>();
        ConnectorStandIn.Call elsewhere = null;
        for (int i = 0; i < 4; i++) {
            ConnectorStandIn.Call call = connector.next(WAIT);
            if (call.conversationId().equals("a:paced")) {
                paced.add(call);
            } else {
                elsewhere = call;
            }
        }
        assertEquals(3, paced.size());
        for (int i = 1; i < paced.size(); i++) {
            long gap = paced.get(i).atMillis() - paced.get(i - 1).atMillis();
            assertTrue(gap >= 950, "one reply a second in a conversation, as set, not " + gap + " ms apart");
        }
        assertTrue(paced.get(0).body().toString().contains("50126") && paced.get(2).body().toString()
                .contains("53003"), "in the order they were asked");
        assertTrue(elsewhere != null && elsewhere.atMillis() - paced.get(0).atMillis() < 900,
                "another conversation is not held up by the pacing");
    }

    @Test
    void aThrottledConversationWaitsForRetryAfterAndA5xxIsRetried() throws Exception {
        start(Map.of());
        connector.refuseNext(1, 429, "Throttled", "3");
        assertEquals(200, post(messageIn("a:throttled", "AADSTS50105")).statusCode());
        ConnectorStandIn.Call limited = connector.next(WAIT);
        assertEquals(429, limited.status());

        connector.refuseNext(2, 502, "BadGateway", null);
        assertEquals(200, post(messageIn("a:flaky", "AADSTS50034")).statusCode());
        assertEquals(502, connector.next(WAIT).status());
        assertEquals(502, connector.next(WAIT).status());
        ConnectorStandIn.Call flaky = connector.next(WAIT);
        assertEquals("a:flaky", flaky.conversationId(), "the other conversation goes on meanwhile");
        assertEquals(200, flaky.status());

        ConnectorStandIn.Call retried = connector.next(WAIT);
        assertEquals("a:throttled", retried.conversationId());
        assertEquals(200, retried.status());
        assertTrue(retried.atMillis() - limited.atMillis() >= 3000, "waited for Retry-After: 3, not "
                + (retried.atMillis() - limited.atMillis()) + " ms");
        connector.expectNothing(Duration.ofMillis(800));
        JsonNode counters = counters();
        assertEquals(1, counters.path("replyQueue.rateLimited").asLong(), counters.toString());
        assertEquals(2, counters.path("replyQueue.retried").asLong(), counters.toString());
        assertEquals(2, counters.path("replyQueue.delivered").asLong(), counters.toString());
    }

    @Test
    void aFullQueueAnswers503SoTheConnectorRetriesAndTheRetryIsAnsweredOnce() throws Exception {
        start(Map.of("TEAMS_REPLY_QUEUE", "2"));
        connector.hold();
        assertEquals(200, post(messageIn("a:full-1", "AADSTS50126")).statusCode());
        assertEquals(200, post(messageIn("a:full-2", "AADSTS50076")).statusCode());
        ObjectNode third = messageIn("a:full-3", "AADSTS53003 blocked by conditional access");
        HttpResponse<String> refused = post(third);
        assertEquals(503, refused.statusCode(), "not acknowledged: the Bot Connector sends it again");
        assertEquals(200, post(activities.channelMessage("lunch at noon?")).statusCode(),
                "a message without a code is decided at once and never queued");
        JsonNode counters = counters();
        assertEquals(1, counters.path("replyQueue.overflowed").asLong(), counters.toString());
        assertEquals(2, counters.path("replyQueue.owed").asLong(), counters.toString());

        connector.release();
        Set<String> answered = new HashSet<>(List.of(connector.next(WAIT).conversationId(),
                connector.next(WAIT).conversationId()));
        assertEquals(Set.of("a:full-1", "a:full-2"), answered);
        long end = System.nanoTime() + WAIT.toNanos();
        while (counters().path("replyQueue.owed").asLong() > 0 && System.nanoTime() < end) {
            Thread.sleep(20); // places are given back as the delivered rows go
        }

        assertEquals(200, post(third).statusCode(), "the connector's retry of the refused activity");
        ConnectorStandIn.Call reply = connector.next(WAIT);
        assertEquals("a:full-3", reply.conversationId());
        assertEquals(third.get("id").asText(), reply.activityId());
        assertTrue(reply.body().toString().contains("53003"));
        assertEquals(200, post(third).statusCode());
        connector.expectNothing(Duration.ofMillis(1500));
    }

    @Test
    void aPasteWhoseCardsDoNotAllFitIsRefusedWithNothingRecordedAndItsRetryGetsEveryCard() throws Exception {
        start(Map.of("TEAMS_REPLY_QUEUE", "3"));
        connector.hold();
        assertEquals(200, post(messageIn("a:one-card", "AADSTS50126")).statusCode());
        // Three cards need three places; two are left: all or none.
        ObjectNode threeCards = messageIn("a:three-cards", dev.aadsts.core.SampleReplies.THREE_CODES);
        assertEquals(503, post(threeCards).statusCode());
        assertEquals(1, app.store().pendingReplies().count("teams"), "none of the refused activity's cards");
        assertEquals(1, counters().path("replyQueue.owed").asLong());

        connector.release();
        assertEquals("a:one-card", connector.next(WAIT).conversationId());
        long end = System.nanoTime() + WAIT.toNanos();
        while (counters().path("replyQueue.owed").asLong() > 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        // Its id was not recorded as seen either: the Bot Connector's retry is answered in full, once.
        assertEquals(200, post(threeCards).statusCode());
        for (String code : List.of("50076", "50053", "700082")) {
            ConnectorStandIn.Call card = connector.next(WAIT);
            assertEquals("a:three-cards", card.conversationId());
            assertTrue(card.body().path("summary").asText().startsWith("AADSTS" + code), card.body().toString());
        }
        end = System.nanoTime() + WAIT.toNanos();
        while (counters().path("replyQueue.owed").asLong() > 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(200, post(threeCards).statusCode(), "a later redelivery, with room in the queue");
        connector.expectNothing(Duration.ofMillis(1000));
    }
}
