package dev.aadsts.app.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aadsts.app.server.BotServer;
import dev.aadsts.app.server.ServerConfig;
import dev.aadsts.app.slack.SlackMount;
import dev.aadsts.app.slack.SlackStandIn;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.store.SignInAudit;
import dev.aadsts.core.store.Store;
import dev.aadsts.signin.testing.TlsStandIn;
import dev.aadsts.store.Stores;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Sign-in investigations in Slack, through the real server: signed events, clicks and commands in; Slack's
 * Web API and response URLs on a local stand-in; Graph and its token endpoint on the HTTPS stand-in.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlackSignInEndToEndTest {
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger EVENTS = new AtomicInteger();
    private static final String ALLOWED = "U0ALLOWED";
    private static final String GROUPIE = "U0GROUPIE";
    private static final String STRANGER = "U0STRANGER";

    private static SignInFixtures fixtures;
    private static SlackStandIn slack;
    private static BotServer server;
    private static SlackMount mount;
    private static SignInMount signIn;
    private static Store store;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<SignInAudit.Outcome, AtomicInteger> COUNTED = new EnumMap<>(SignInAudit.Outcome.class);

    @BeforeAll
    static void start() throws Exception {
        fixtures = new SignInFixtures();
        slack = new SlackStandIn();
        slack.userGroups.put("S0HELPDESK", List.of("U0SOMEONE", GROUPIE));
        Map<String, String> env = new HashMap<>(fixtures.graph.env());
        env.putAll(Map.of("PORT", "0", "BIND_ADDRESS", "127.0.0.1", "SLACK_BOT_TOKEN", "xoxb-test",
                "SLACK_SIGNING_SECRET", SECRET, "SLACK_API_URL", slack.apiUrl(),
                "SIGNIN_SLACK_USERS", ALLOWED, "SIGNIN_SLACK_USERGROUPS", "S0HELPDESK"));
        store = Stores.embedded(Files.createTempDirectory("slack-signin"));
        BotCore core = BotCore.load();
        mount = SlackMount.fromEnvironment(env, core, store);
        server = BotServer.start(ServerConfig.fromEnvironment(env, true), core, mount::mount);
        // Polls every 200 ms for up to 6 s instead of 30 s doubling for 15 minutes.
        signIn = new SignInMount(SignInMount.settings(env), core, store, TlsStandIn.clientTls(),
                Duration.ofSeconds(6), Duration.ofMillis(200));
        for (SignInAudit.Outcome o : SignInAudit.Outcome.values()) {
            COUNTED.put(o, new AtomicInteger());
        }
    }

    @AfterAll
    static void stop() {
        server.stop();
        signIn.close();
        mount.close();
        store.close();
        slack.close();
        fixtures.close();
    }

    @BeforeEach
    void forgetEarlierCalls() throws InterruptedException {
        Thread.sleep(300);
        for (String path : List.of("/api/chat.postMessage", "/api/chat.update", "/api/conversations.open",
                "/api/usergroups.users.list")) {
            slack.drain(path);
        }
    }

    /** Wired once the first test has seen a card without the button. */
    private static synchronized void wire() {
        if (!wired) {
            signIn.wire(mount.bot(), null);
            signIn.countWith(o -> COUNTED.get(o).incrementAndGet());
            wired = true;
        }
    }

    private static boolean wired;

    @Test
    @Order(1)
    void theButtonAppearsOnlyOnceTheLookupIsOnAndOnlyForPastesWithAnId() throws Exception {
        assertFalse(wired, "this test runs first");
        JsonNode before = pasteAndReadCard("C0BEFORE", BLOCKED_PASTE);
        assertFalse(before.toString().contains("aadsts_investigate"), "off until wired: " + before);
        wire();
        JsonNode card = pasteAndReadCard("C0AFTER", BLOCKED_PASTE);
        JsonNode button = investigateButton(card);
        assertNotNull(button, card.toString());
        assertEquals(SignInFixtures.BLOCKED, button.get("value").asText());
        assertEquals("Investigate this sign-in", button.path("text").path("text").asText());
        JsonNode plain = pasteAndReadCard("C0PLAIN", "AADSTS50126: Error validating credentials due to invalid "
                + "username or password.");
        assertFalse(plain.toString().contains("aadsts_investigate"), "no id, no button: " + plain);
    }

    @Test
    void anAllowedPersonGetsThePrivateAnswerAndCanShareARedactedVersion() throws Exception {
        wire();
        JsonNode card = pasteAndReadCard("C0HELP", BLOCKED_PASTE);
        String threadTs = "1700000300.1";
        click(ALLOWED, "C0HELP", threadTs, investigateButton(card), "investigate-ok");

        SlackStandIn.Call open = slack.next("/api/conversations.open", WAIT);
        assertNotNull(open, "a DM is opened");
        assertEquals(ALLOWED, open.form().get("users"));
        SlackStandIn.Call dm = slack.next("/api/chat.postMessage", WAIT);
        assertEquals("D0" + ALLOWED, dm.form().get("channel"));
        String blocks = dm.form().get("blocks");
        assertTrue(blocks.contains("adele.vance@contoso.com"), "the private answer is not masked: " + blocks);
        assertTrue(blocks.contains("Require compliant device") && blocks.contains("What happened"), blocks);
        SlackStandIn.Call pointer = slack.next("/respond/investigate-ok", WAIT);
        assertTrue(pointer.body().contains("direct message") && pointer.body().contains("ephemeral"), pointer.body());

        SignInAudit.Entry audit = store.signInAudit().latest(1).get(0);
        assertEquals("slack:" + ALLOWED, audit.who());
        assertEquals(SignInAudit.Outcome.FOUND, audit.outcome());

        // "Share redacted" in the DM: the masked version goes into the card's thread.
        JsonNode share = null;
        for (JsonNode block : JSON.readTree(blocks)) {
            for (JsonNode e : block.path("elements")) {
                if ("aadsts_signin_share".equals(e.path("action_id").asText())) {
                    share = e;
                }
            }
        }
        assertNotNull(share, blocks);
        click(ALLOWED, "D0" + ALLOWED, null, share, "share-ok");
        SlackStandIn.Call shared = slack.next("/api/chat.postMessage", WAIT);
        assertEquals("C0HELP", shared.form().get("channel"));
        assertEquals(threadTs, shared.form().get("thread_ts"));
        String redacted = JSON.readTree(shared.form().get("blocks")).toString();
        assertFalse(redacted.contains("adele.vance"), redacted);
        assertTrue(redacted.contains("ad…@contoso.com"), redacted);
        assertFalse(redacted.contains("2001:db8:85a3:1234"), redacted);
        assertTrue(redacted.contains("2001:db8:85a3::/48"), redacted);
        assertTrue(redacted.contains("Shared by <@" + ALLOWED + ">"), redacted);
        assertFalse(redacted.contains("aadsts_signin_share"), "no share button on the shared copy");
        assertNotNull(slack.next("/respond/share-ok", WAIT));
        assertNoPersonalDataLogged();
    }

    @Test
    void aPersonNotAllowedIsRefusedPolitelyNothingIsFetchedAndTheRefusalIsAudited() throws Exception {
        wire();
        JsonNode card = pasteAndReadCard("C0DENY", BLOCKED_PASTE);
        long fetchedBefore = fixtures.graphLookups();
        int deniedBefore = COUNTED.get(SignInAudit.Outcome.DENIED).get();
        click(STRANGER, "C0DENY", "1700000400.1", investigateButton(card), "denied");
        SlackStandIn.Call refusal = slack.next("/respond/denied", WAIT);
        assertNotNull(refusal);
        assertTrue(refusal.body().contains("limited to the people your administrators named"), refusal.body());
        assertTrue(refusal.body().contains("\"response_type\":\"ephemeral\""), refusal.body());
        assertEquals(fetchedBefore, fixtures.graphLookups(), "nothing fetched for a refused person");
        assertEquals(deniedBefore + 1, COUNTED.get(SignInAudit.Outcome.DENIED).get());
        boolean audited = store.signInAudit().latest(20).stream().anyMatch(e -> e.who().equals("slack:" + STRANGER)
                && e.outcome() == SignInAudit.Outcome.DENIED && e.lookedUpId().equals(SignInFixtures.BLOCKED));
        assertTrue(audited, store.signInAudit().latest(20).toString());
    }

    @Test
    void aUserGroupMemberIsAllowedThroughUsergroupsUsersList() throws Exception {
        wire();
        slashCommand(GROUPIE, "C0GROUP", "signin " + SignInFixtures.BLOCKED, "groupie");
        SlackStandIn.Call members = slack.next("/api/usergroups.users.list", WAIT);
        assertNotNull(members);
        assertEquals("S0HELPDESK", members.form().get("usergroup"));
        SlackStandIn.Call dm = slack.next("/api/chat.postMessage", WAIT);
        assertEquals("D0" + GROUPIE, dm.form().get("channel"));
        assertTrue(dm.form().get("blocks").contains("Require compliant device"));
    }

    @Test
    void slashSigninSaysStillLookingThenUpdatesTheMessageWhenTheRecordArrives() throws Exception {
        wire();
        int foundBefore = COUNTED.get(SignInAudit.Outcome.FOUND).get();
        HttpResponse<String> ack = slashCommand(ALLOWED, "C0LATE", "signin " + SignInFixtures.LATE, "late");
        assertTrue(ack.body().contains("Looking up"), ack.body());
        SlackStandIn.Call first = slack.next("/api/chat.postMessage", WAIT);
        assertEquals("D0" + ALLOWED, first.form().get("channel"));
        assertTrue(first.form().get("text").contains("No sign-in record for " + SignInFixtures.LATE + " yet"),
                first.form().get("text"));
        SlackStandIn.Call update = slack.next("/api/chat.update", WAIT);
        assertNotNull(update, "the DM is updated when the record appears");
        assertEquals("D0" + ALLOWED, update.form().get("channel"));
        assertNotNull(update.form().get("ts"));
        assertTrue(update.form().get("blocks").contains("Require compliant device"), update.form().get("blocks"));
        assertTrue(fixtures.asked.get(SignInFixtures.LATE).get() > SignInFixtures.LATE_AFTER);
        assertEquals(foundBefore + 1, COUNTED.get(SignInAudit.Outcome.FOUND).get());
        assertTrue(store.signInAudit().latest(20).stream().anyMatch(e -> e.lookedUpId().equals(SignInFixtures.LATE)
                && e.outcome() == SignInAudit.Outcome.FOUND));
        assertNoPersonalDataLogged();
    }

    @Test
    void onlyAnIdMakesTheCommandALookup() throws Exception {
        wire();
        HttpResponse<String> usage = slashCommand(ALLOWED, "C0USAGE", "signin", "usage");
        assertTrue(usage.body().contains("Usage: /aadsts signin"), usage.body());
        HttpResponse<String> words = slashCommand(ALLOWED, "C0USAGE", "sign-in failed", "words");
        assertFalse(words.body().contains("Looking up"), "plain words are still explained: " + words.body());
        assertTrue(words.body().contains("\"response_type\":\"ephemeral\""), words.body());
    }

    @Test
    void aTenantWithoutP1OrP2IsToldSoPlainly() throws Exception {
        wire();
        slashCommand(ALLOWED, "C0LIC", "signin " + SignInFixtures.UNLICENSED, "licence");
        SlackStandIn.Call dm = slack.next("/api/chat.postMessage", WAIT);
        assertTrue(dm.form().get("text").contains("no Microsoft Entra ID P1 or P2 licence"), dm.form().get("text"));
        assertTrue(store.signInAudit().latest(20).stream().anyMatch(e -> e.lookedUpId().equals(
                SignInFixtures.UNLICENSED) && e.outcome() == SignInAudit.Outcome.LICENSING));
    }

    private static final String BLOCKED_PASTE = "Sign-in failed for a user: AADSTS53000: Device is not in required "
            + "device state. Trace ID: 9a3c0e7f-5b1d-4c2a-8e6f-0d4b3a2c1e00 Correlation ID: "
            + SignInFixtures.BLOCKED + " Timestamp: 2026-11-30 09:14:03Z";

    private static void assertNoPersonalDataLogged() {
        String logs = fixtures.logText();
        for (String personal : SignInFixtures.PERSONAL) {
            assertFalse(logs.contains(personal), "logged '" + personal + "': " + logs);
        }
    }

    private static JsonNode investigateButton(JsonNode blocks) {
        for (JsonNode block : blocks) {
            for (JsonNode e : block.path("elements")) {
                if (e.path("action_id").asText().startsWith("aadsts_investigate_")) {
                    return e;
                }
            }
        }
        return null;
    }

    /** Posts a paste in a channel and returns the blocks of the card the bot answers with in the thread. */
    private static JsonNode pasteAndReadCard(String channel, String text) throws Exception {
        String ts = "1700000" + (100 + EVENTS.incrementAndGet()) + ".1";
        ObjectNode event = JSON.createObjectNode();
        event.put("type", "message").put("channel", channel).put("user", "U0POSTER").put("text", text)
                .put("ts", ts).put("event_ts", ts).put("channel_type", "channel").put("team", "T0001");
        ObjectNode root = JSON.createObjectNode();
        root.put("token", "legacy").put("team_id", "T0001").put("api_app_id", "A0001").set("event", event);
        root.put("type", "event_callback").put("event_id", "Ev0SIGNIN" + EVENTS.incrementAndGet())
                .put("event_time", 1700000100);
        assertEquals(200, signed(JSON.writeValueAsString(root), "application/json").statusCode());
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            SlackStandIn.Call post = slack.next("/api/chat.postMessage", WAIT);
            assertNotNull(post, "the bot answered the paste");
            if (channel.equals(post.form().get("channel"))) {
                return JSON.readTree(post.form().get("blocks"));
            }
        }
        throw new AssertionError("no card in " + channel);
    }

    private static void click(String user, String channel, String threadTs, JsonNode button, String respond)
            throws Exception {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("type", "block_actions").put("api_app_id", "A0001").put("token", "legacy")
                .put("trigger_id", "1.2.3").put("response_url", slack.responseUrl(respond));
        payload.putObject("user").put("id", user).put("username", "someone").put("team_id", "T0001");
        payload.putObject("team").put("id", "T0001").put("domain", "contoso");
        payload.putObject("channel").put("id", channel).put("name", "identity");
        ObjectNode container = payload.putObject("container").put("type", "message").put("channel_id", channel)
                .put("is_ephemeral", false).put("message_ts", "1700000999.1");
        if (threadTs != null) {
            container.put("thread_ts", threadTs);
        }
        payload.putArray("actions").addObject().put("type", "button").put("action_id",
                button.get("action_id").asText()).put("block_id", "b").put("value", button.get("value").asText())
                .put("action_ts", "1700000200.1");
        HttpResponse<String> r = signed("payload=" + URLEncoder.encode(JSON.writeValueAsString(payload),
                StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
        assertEquals(200, r.statusCode(), r.body());
    }

    private static HttpResponse<String> slashCommand(String user, String channel, String text, String respond)
            throws Exception {
        String form = "token=legacy&team_id=T0001&team_domain=contoso&channel_id=" + channel + "&channel_name=x"
                + "&user_id=" + user + "&user_name=someone&command=%2Faadsts&text="
                + URLEncoder.encode(text, StandardCharsets.UTF_8) + "&api_app_id=A0001&response_url="
                + URLEncoder.encode(slack.responseUrl(respond), StandardCharsets.UTF_8) + "&trigger_id=1.2.3";
        HttpResponse<String> r = signed(form, "application/x-www-form-urlencoded");
        assertEquals(200, r.statusCode(), r.body());
        return r;
    }

    private static HttpResponse<String> signed(String body, String contentType) throws Exception {
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + ts + ":" + body)
                .getBytes(StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/slack/events"))
                .header("Content-Type", contentType).header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
