package dev.aadsts.app.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.app.BotApp;
import dev.aadsts.core.BotCore;
import dev.aadsts.store.testing.PostgresServer;
import dev.aadsts.store.testing.TestDatabase;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the Slack side remembers lives in the store, not in one process: a second bot instance on the same
 * database does not answer a thread the first answered, and a share button made before a restart still
 * shares after it. Real servers, signed requests, a stand-in for Slack's Web API; PostgreSQL and embedded H2.
 */
class SlackStateAcrossInstancesTest {
    private static final String SECRET = "5f0c1e2d3c4b5a69788796a5b4c3d2e1";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration QUIET = Duration.ofSeconds(2);

    private static BotCore core;
    private final SignedSlackRequests slackSends = new SignedSlackRequests(SECRET);

    @BeforeAll
    static void loadCore() {
        core = BotCore.load();
    }

    private static Map<String, String> env(SlackStandIn slack) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("BIND_ADDRESS", "127.0.0.1");
        env.put("SLACK_BOT_TOKEN", "xoxb-state");
        env.put("SLACK_SIGNING_SECRET", SECRET);
        env.put("SLACK_API_URL", slack.apiUrl());
        return env;
    }

    @Test
    void aSecondInstanceDoesNotAnswerAThreadTheFirstAnswered() throws Exception {
        try (TestDatabase db = PostgresServer.shared().createDatabase(); SlackStandIn slack = new SlackStandIn()) {
            Map<String, String> env = env(slack);
            env.put("DATABASE_URL", db.url());
            try (BotApp first = BotApp.start(env, core); BotApp second = BotApp.start(env, core)) {
                String thread = "1700000300.000100";
                slackSends.post(first.server().port(), SignedSlackRequests.message("EvState1", "C0STATE1",
                        "AADSTS50126: Error validating credentials", thread, null), "application/json");
                SlackStandIn.Call answer = slack.next("/api/chat.postMessage", WAIT);
                assertNotNull(answer, "the first instance answers");
                assertEquals(thread, answer.form().get("thread_ts"));

                // The same code pasted again in that thread, as a new event that reaches the other instance.
                assertEquals(200, slackSends.post(second.server().port(), SignedSlackRequests.message("EvState2",
                        "C0STATE1", "still AADSTS50126 for me", "1700000300.000200", thread), "application/json")
                        .statusCode());
                assertNull(slack.next("/api/chat.postMessage", QUIET), "not answered twice in one thread");

                // The second instance does answer a code the thread has not had.
                slackSends.post(second.server().port(), SignedSlackRequests.message("EvState3", "C0STATE1",
                        "and now AADSTS700016", "1700000300.000300", thread), "application/json");
                SlackStandIn.Call other = slack.next("/api/chat.postMessage", WAIT);
                assertNotNull(other, "a new code in the thread is answered");
                assertTrue(other.form().get("text").contains("700016"), other.form().get("text"));
            }
        }
    }

    @Test
    void aShareMadeOnOneInstanceIsPostedOnceFromTheOther() throws Exception {
        try (TestDatabase db = PostgresServer.shared().createDatabase(); SlackStandIn slack = new SlackStandIn()) {
            Map<String, String> env = env(slack);
            env.put("DATABASE_URL", db.url());
            try (BotApp first = BotApp.start(env, core); BotApp second = BotApp.start(env, core)) {
                String shareId = SignedSlackRequests.shareIdOf(slackSends.post(first.server().port(),
                        SignedSlackRequests.slash("50126", "C0STATE2", slack.responseUrl("cmd")),
                        "application/x-www-form-urlencoded").body());
                String click = SignedSlackRequests.shareClick(shareId, "C0STATE2", slack.responseUrl("share"));
                slackSends.post(second.server().port(), click, "application/x-www-form-urlencoded");
                SlackStandIn.Call shared = slack.next("/api/chat.postMessage", WAIT);
                assertNotNull(shared, "shared from the other instance");
                assertEquals("C0STATE2", shared.form().get("channel"));
                assertTrue(shared.form().get("text").contains("50126"), shared.form().get("text"));

                slackSends.post(first.server().port(), click, "application/x-www-form-urlencoded");
                assertNull(slack.next("/api/chat.postMessage", QUIET), "a click on either instance shares once");
            }
        }
    }

    @Test
    void aShareButtonAndTheThreadsAnswersSurviveARestartOnTheEmbeddedStore() throws Exception {
        try (SlackStandIn slack = new SlackStandIn()) {
            Map<String, String> env = env(slack);
            env.put("DATA_DIR", Files.createTempDirectory("slack-state").resolve("data").toString());
            restartKeepsState(env, slack);
        }
    }

    @Test
    void aShareButtonAndTheThreadsAnswersSurviveARestartOnPostgres() throws Exception {
        try (TestDatabase db = PostgresServer.shared().createDatabase(); SlackStandIn slack = new SlackStandIn()) {
            Map<String, String> env = env(slack);
            env.put("DATABASE_URL", db.url());
            restartKeepsState(env, slack);
        }
    }

    private void restartKeepsState(Map<String, String> env, SlackStandIn slack) throws Exception {
        String shareId;
        String thread = "1700000400.000100";
        try (BotApp before = BotApp.start(env, core)) {
            shareId = SignedSlackRequests.shareIdOf(slackSends.post(before.server().port(),
                    SignedSlackRequests.slash("700016", "C0STATE3", slack.responseUrl("cmd")),
                    "application/x-www-form-urlencoded").body());
            slackSends.post(before.server().port(), SignedSlackRequests.message("EvRestart1", "C0STATE3",
                    "AADSTS53003 blocked by conditional access", thread, null), "application/json");
            assertNotNull(slack.next("/api/chat.postMessage", WAIT), "answered before the restart");
        }
        try (BotApp after = BotApp.start(env, core)) {
            // Slack's retry of the event answered before the restart: the store recorded its id with the reply.
            assertEquals(200, slackSends.post(after.server().port(), SignedSlackRequests.message("EvRestart1",
                    "C0STATE3", "AADSTS53003 blocked by conditional access", thread, null), "application/json")
                    .statusCode());
            assertNull(slack.next("/api/chat.postMessage", QUIET), "a retried event is not answered again");

            slackSends.post(after.server().port(), SignedSlackRequests.message("EvRestart2", "C0STATE3",
                    "AADSTS53003 again", "1700000400.000200", thread), "application/json");
            assertNull(slack.next("/api/chat.postMessage", QUIET), "the restarted bot knows the thread was answered");

            slackSends.post(after.server().port(), SignedSlackRequests.shareClick(shareId, "C0STATE3",
                    slack.responseUrl("share")), "application/x-www-form-urlencoded");
            SlackStandIn.Call shared = slack.next("/api/chat.postMessage", WAIT);
            assertNotNull(shared, "a share button from before the restart still works");
            assertEquals("C0STATE3", shared.form().get("channel"));
            assertTrue(shared.form().get("text").contains("700016"), shared.form().get("text"));
            SlackStandIn.Call deleted = slack.next("/respond/share", WAIT);
            assertTrue(deleted.body().contains("\"delete_original\":true"), deleted.body());
        }
    }
}
