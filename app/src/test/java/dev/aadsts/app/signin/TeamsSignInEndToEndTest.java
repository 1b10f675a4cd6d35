package dev.aadsts.app.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aadsts.app.server.BotServer;
import dev.aadsts.app.server.ServerConfig;
import dev.aadsts.app.teams.ConnectorStandIn;
import dev.aadsts.app.teams.TeamsActivities;
import dev.aadsts.app.teams.TeamsMount;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.store.SignInAudit;
import dev.aadsts.core.store.Store;
import dev.aadsts.signin.testing.TlsStandIn;
import dev.aadsts.store.Stores;
import dev.aadsts.teams.TeamsSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Sign-in investigations in Teams, through the real server: Teams-shaped activities in, the Bot Connector on
 * a local stand-in, Graph (records and group membership) on the HTTPS stand-in.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TeamsSignInEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** TeamsActivities' default sender, named in SIGNIN_TEAMS_USERS. */
    private static final String ALLOWED = "6b9f1a4c-2f2c-4e7e-9a57-0f9a6c0c9a11";
    private static final String GROUP = "0f1e2d3c-4b5a-4968-8776-655443322110";
    private static final String GROUPIE = "7c0a2b5d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
    private static final String STRANGER = "8d1b3c6e-4f5a-4b6c-9d7e-8f9a0b1c2d3e";

    private static SignInFixtures fixtures;
    private static ConnectorStandIn connector;
    private static TeamsActivities activities;
    private static TeamsMount mount;
    private static BotServer server;
    private static SignInMount signIn;
    private static Store store;
    private static boolean wired;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        fixtures = new SignInFixtures();
        fixtures.graph.memberships.put(GROUPIE, Set.of(GROUP, "11111111-0000-4000-8000-000000000000"));
        connector = new ConnectorStandIn();
        activities = new TeamsActivities(connector.serviceUrl());
        Map<String, String> env = new HashMap<>(fixtures.graph.env());
        env.putAll(Map.of("PORT", "0", "SIGNIN_TEAMS_USERS", ALLOWED.toUpperCase(), "SIGNIN_TEAMS_GROUPS", GROUP));
        store = Stores.embedded(Files.createTempDirectory("teams-signin"));
        BotCore core = BotCore.load();
        mount = TeamsMount.create(TeamsSettings.fromEnv(env), true, core, store);
        server = BotServer.start(ServerConfig.fromEnvironment(env, false), core, mount::mount);
        signIn = new SignInMount(SignInMount.settings(env), core, store, TlsStandIn.clientTls(),
                Duration.ofSeconds(6), Duration.ofMillis(200));
    }

    @AfterAll
    static void stop() {
        server.stop();
        signIn.close();
        mount.close();
        store.close();
        connector.close();
        fixtures.close();
    }

    @BeforeEach
    void forgetEarlierCalls() throws InterruptedException {
        Thread.sleep(300);
        connector.drain();
    }

    private static synchronized void wire() {
        if (!wired) {
            signIn.wire(null, mount.endpoint());
            wired = true;
        }
    }

    @Test
    @Order(1)
    void theCardGetsTheActionOnlyOnceTheLookupIsOn() throws Exception {
        assertFalse(wired, "this test runs first");
        post(activities.personalMessage(PASTE));
        assertFalse(card(connector.next(WAIT)).toString().contains("aadsts_investigate"), "off until wired");
        wire();
        post(activities.personalMessage(PASTE));
        JsonNode data = investigateData(card(connector.next(WAIT)));
        assertNotNull(data);
        assertEquals(SignInFixtures.BLOCKED, data.path("value").asText());
    }

    @Test
    void aClickInAChannelIsAnsweredInPersonalChatAndSharedRedactedInTheChannel() throws Exception {
        wire();
        ObjectNode click = channelClick(ALLOWED);
        String channelConversation = click.path("conversation").path("id").asText();
        post(click);

        ConnectorStandIn.Call create = connector.next(WAIT);
        assertNull(create.conversationId(), "a personal chat is created: " + create.body());
        assertEquals(click.path("from").path("id").asText(), create.body().path("members").path(0).path("id").asText());
        ConnectorStandIn.Call answer = connector.next(WAIT);
        String personal = "a:personal-" + click.path("from").path("id").asText();
        assertEquals(personal, answer.conversationId());
        String text = text(answer);
        assertTrue(text.contains("adele.vance@contoso.com"), "private, so not masked: " + text);
        assertTrue(text.contains("Require compliant device"), text);
        SignInAudit.Entry audit = store.signInAudit().latest(1).get(0);
        assertEquals("teams:" + ALLOWED, audit.who());
        assertEquals(SignInAudit.Outcome.FOUND, audit.outcome());

        JsonNode share = card(answer).path("actions").path(0).path("data");
        assertEquals("aadsts_signin_share", share.path("action").asText(), card(answer).toString());
        assertEquals(channelConversation, share.path("target").asText());
        post(activities.cardSubmit(share, ALLOWED));
        ConnectorStandIn.Call shared = connector.next(WAIT);
        assertEquals(channelConversation, shared.conversationId());
        String redacted = text(shared);
        assertFalse(redacted.contains("adele.vance"), redacted);
        assertTrue(redacted.contains("ad…@contoso.com"), redacted);
        assertTrue(redacted.contains("2001:db8:85a3::/48") && !redacted.contains("2001:db8:85a3:1234"), redacted);
        assertFalse(redacted.contains("aadsts_signin_share"));
        ConnectorStandIn.Call confirmed = connector.next(WAIT);
        assertEquals(TeamsActivities.PERSONAL, confirmed.conversationId());
        assertTrue(card(confirmed).toString().contains("Shared a redacted version"));
        assertNoPersonalDataLogged();
    }

    @Test
    void aPersonNotAllowedIsRefusedPrivatelyAndNothingIsFetched() throws Exception {
        wire();
        long before = fixtures.graphLookups();
        post(channelClick(STRANGER));
        connector.next(WAIT); // the personal chat is created
        ConnectorStandIn.Call refusal = connector.next(WAIT);
        assertTrue(refusal.conversationId().startsWith("a:personal-"), refusal.conversationId());
        assertTrue(card(refusal).toString().contains("limited to the people your administrators named"));
        assertEquals(before, fixtures.graphLookups(), "no sign-in fetched");
        assertTrue(fixtures.graph.graphRequests().stream().anyMatch(s -> s.uri().getPath()
                .equals("/v1.0/users/" + STRANGER + "/checkMemberGroups")), "membership was checked through Graph");
        assertTrue(store.signInAudit().latest(20).stream().anyMatch(e -> e.who().equals("teams:" + STRANGER)
                && e.outcome() == SignInAudit.Outcome.DENIED));
    }

    @Test
    void anEntraGroupMemberIsAllowed() throws Exception {
        wire();
        post(channelClick(GROUPIE));
        connector.next(WAIT);
        assertTrue(card(connector.next(WAIT)).toString().contains("Require compliant device"));
    }

    @Test
    void signinInPersonalChatSaysStillLookingThenUpdatesTheCard() throws Exception {
        wire();
        post(activities.personalMessage("aadsts signin " + SignInFixtures.LATE));
        ConnectorStandIn.Call first = connector.next(WAIT);
        assertEquals(TeamsActivities.PERSONAL, first.conversationId());
        assertTrue(card(first).toString().contains("No sign-in record for " + SignInFixtures.LATE + " yet"));
        ConnectorStandIn.Call update = connector.next(WAIT);
        assertEquals("PUT", update.method());
        assertEquals(TeamsActivities.PERSONAL, update.conversationId());
        assertNotNull(update.activityId());
        assertTrue(card(update).toString().contains("Require compliant device"), card(update).toString());
        assertNoPersonalDataLogged();
    }

    @Test
    void signinWithoutAnIdGetsTheUsage() throws Exception {
        wire();
        post(activities.personalMessage("signin"));
        String usage = text(connector.next(WAIT));
        assertTrue(usage.contains("Usage: aadsts signin"), usage);
    }

    private static final String PASTE = "AADSTS53000: Device is not in required device state. Trace ID: "
            + "9a3c0e7f-5b1d-4c2a-8e6f-0d4b3a2c1e00 Correlation ID: " + SignInFixtures.BLOCKED
            + " Timestamp: 2026-11-30 09:14:03Z";

    /** Someone clicks "Investigate this sign-in" on a card in a channel thread. */
    private static ObjectNode channelClick(String aadObjectId) {
        ObjectNode click = activities.channelMessage("");
        click.remove("text");
        click.putObject("value").put("action", "aadsts_investigate").put("value", SignInFixtures.BLOCKED)
                .put("code", "53000");
        ((ObjectNode) click.get("from")).put("aadObjectId", aadObjectId);
        return click;
    }

    private static JsonNode investigateData(JsonNode card) {
        for (JsonNode action : card.findValues("data")) {
            if ("aadsts_investigate".equals(action.path("action").asText())) {
                return action;
            }
        }
        return null;
    }

    private static void assertNoPersonalDataLogged() {
        String logs = fixtures.logText();
        for (String personal : SignInFixtures.PERSONAL) {
            assertFalse(logs.contains(personal), "logged '" + personal + "': " + logs);
        }
    }

    /** The card as text, without the zero-width spaces that keep Teams from linking addresses in user text. */
    private static String text(ConnectorStandIn.Call call) {
        return card(call).toString().replace("\u200B", "");
    }

    private static JsonNode card(ConnectorStandIn.Call call) {
        JsonNode attachment = call.body().path("attachments").path(0);
        assertEquals("application/vnd.microsoft.card.adaptive", attachment.path("contentType").asText(),
                call.body().toString());
        return attachment.path("content");
    }

    private static void post(JsonNode activity) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(activity))).build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }
}
