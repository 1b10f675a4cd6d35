package dev.aadsts.app.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aadsts.app.server.BotServer;
import dev.aadsts.app.server.ServerConfig;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.store.Store;
import dev.aadsts.store.Stores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Distribution mode through the real server: browsers install the app with the OAuth v2 flow, and events from
 * each workspace are answered with that workspace's own token. A local stand-in plays {@code oauth.v2.access}
 * and the Web API; the store is the real embedded database.
 */
class SlackDistributionEndToEndTest {
    private static final String SECRET = "5e1f0c2d9a8b7c6d5e4f3a2b1c0d9e8f";
    private static final String CLIENT_ID = "1111.2222";
    private static final String CLIENT_SECRET = "client-secret-for-tests";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final Pattern STATE = Pattern.compile("[?;]state=([^&\"]+)");
    private static final String PASTE = "AADSTS700016: Application with identifier 'abc' was not found";

    private static WorkspacesStandIn slack;
    private static BotServer server;
    private static SlackMount mount;
    private static Store store;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        slack = new WorkspacesStandIn();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> env = Map.of("PORT", "0", "BIND_ADDRESS", "127.0.0.1",
                "SLACK_CLIENT_ID", CLIENT_ID, "SLACK_CLIENT_SECRET", CLIENT_SECRET, "SLACK_SIGNING_SECRET", SECRET,
                "SLACK_STATE_KEY", Base64.getEncoder().encodeToString(key), "SLACK_API_URL", slack.apiUrl());
        store = Stores.embedded(Files.createTempDirectory("slack-distribution"));
        mount = SlackMount.fromEnvironment(env, BotCore.load(), store);
        server = BotServer.start(ServerConfig.fromEnvironment(env, true), BotCore.load(), mount::mount);
        client = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        server.stop();
        mount.close();
        store.close();
        slack.close();
    }

    @BeforeEach
    void forgetEarlierCalls() {
        slack.drain("/api/chat.postMessage");
        slack.drain("/api/oauth.v2.access");
    }

    // --- the install flow, as a browser goes through it

    private static HttpResponse<String> get(String pathAndQuery, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** "Add to Slack": the page links to Slack's authorize URL with a state, and the browser gets it as a cookie. */
    private static String startInstall() throws Exception {
        HttpResponse<String> page = get("/slack/install", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("https://slack.com/oauth/v2/authorize?client_id=" + CLIENT_ID), page.body());
        assertTrue(page.body().contains("scope=app_mentions%3Aread"), "asks for the manifest's bot scopes");
        Matcher state = STATE.matcher(page.body());
        assertTrue(state.find(), page.body());
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("slack-app-oauth-state=" + state.group(1) + ";"), cookie);
        assertTrue(cookie.contains("HttpOnly"));
        return state.group(1);
    }

    /** Slack sends the browser back with a code; the bot exchanges it and keeps the install. */
    private static HttpResponse<String> finishInstall(String code, String state) throws Exception {
        return get("/slack/oauth_redirect?code=" + code + "&state=" + state, "slack-app-oauth-state=" + state);
    }

    private static void install(String code, String accessJson) throws Exception {
        slack.onCode(code, accessJson);
        String state = startInstall();
        HttpResponse<String> done = finishInstall(code, state);
        assertEquals(200, done.statusCode(), done.body());
        WorkspacesStandIn.Call exchange = slack.next("/api/oauth.v2.access", WAIT);
        assertNotNull(exchange);
        assertEquals(code, exchange.form().get("code"));
        assertEquals("Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8)), exchange.authorization(), "the client authenticates the exchange");
    }

    private static String workspaceInstall(String team, String token, String refresh, Integer expiresIn,
                                           String userToken) {
        return "{\"ok\":true,\"app_id\":\"A0DIST\",\"access_token\":\"" + token + "\",\"token_type\":\"bot\","
                + "\"scope\":\"chat:write,commands\",\"bot_user_id\":\"UBOT" + team + "\","
                + (refresh == null ? "" : "\"refresh_token\":\"" + refresh + "\",\"expires_in\":" + expiresIn + ",")
                + "\"team\":{\"id\":\"" + team + "\",\"name\":\"Team " + team + "\"},\"enterprise\":null,"
                + "\"is_enterprise_install\":false,\"authed_user\":{\"id\":\"U0ADMIN" + team + "\""
                + (userToken == null ? "" : ",\"scope\":\"identify\",\"access_token\":\"" + userToken
                + "\",\"token_type\":\"user\"") + "}}";
    }

    private static void knowsWorkspaceToken(String team, String token) {
        slack.knowsToken(token, "{\"ok\":true,\"url\":\"https://" + team + ".slack.com/\",\"team\":\"Team\","
                + "\"user\":\"bot\",\"team_id\":\"" + team + "\",\"user_id\":\"UBOT" + team + "\",\"bot_id\":\"B"
                + team + "\",\"is_enterprise_install\":false}");
    }

    // --- signed events, as Slack sends them

    private static String sign(String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body)
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> signed(String body) throws Exception {
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/slack/events"))
                .header("Content-Type", "application/json").header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", sign(ts, body)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A message event from a workspace; {@code orgWide} as Slack sends it for an organization's install. */
    private static String message(String enterprise, String team, boolean orgWide, String channel, String text)
            throws Exception {
        String ts = "1700000100." + (100000 + IDS.incrementAndGet());
        ObjectNode event = JSON.createObjectNode();
        event.put("type", "message").put("channel", channel).put("user", "U0USER1").put("text", text)
                .put("ts", ts).put("event_ts", ts).put("channel_type", "channel").put("team", team);
        return callback(enterprise, team, orgWide, event);
    }

    private static String callback(String enterprise, String team, boolean orgWide, ObjectNode event)
            throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put("token", "legacy").put("team_id", team).put("api_app_id", "A0DIST").set("event", event);
        if (enterprise != null) {
            root.put("enterprise_id", enterprise);
        }
        root.put("type", "event_callback").put("event_id", "Ev" + (100000 + IDS.incrementAndGet()))
                .put("event_time", 1700000100);
        ObjectNode authorization = root.putArray("authorizations").addObject();
        if (enterprise != null) {
            authorization.put("enterprise_id", enterprise);
        } else {
            authorization.putNull("enterprise_id");
        }
        if (orgWide) {
            authorization.putNull("team_id");
        } else {
            authorization.put("team_id", team);
        }
        authorization.put("user_id", "UBOT").put("is_bot", true).put("is_enterprise_install", orgWide);
        return JSON.writeValueAsString(root);
    }

    /** The reply to one pasted error: which channel, and which token it was posted with. */
    private static WorkspacesStandIn.Call replyTo(String body) throws Exception {
        assertEquals(200, signed(body).statusCode());
        WorkspacesStandIn.Call post = slack.next("/api/chat.postMessage", WAIT);
        assertNotNull(post, "the bot answered");
        return post;
    }

    private static String sealedText(String enterprise, String team) {
        return new String(store.slackInstallations().bot(enterprise, team).orElseThrow().sealed(),
                StandardCharsets.ISO_8859_1);
    }

    // --- the tests

    @Test
    void twoWorkspacesInstallAndEachIsAnsweredWithItsOwnToken() throws Exception {
        knowsWorkspaceToken("T0AAAAAAA", "xoxb-team-a");
        knowsWorkspaceToken("T0BBBBBBB", "xoxb-team-b");
        install("code-a", workspaceInstall("T0AAAAAAA", "xoxb-team-a", null, null, null));
        install("code-b", workspaceInstall("T0BBBBBBB", "xoxb-team-b", null, null, null));

        assertFalse(sealedText(null, "T0AAAAAAA").contains("xoxb-team-a"), "tokens are encrypted at rest");

        WorkspacesStandIn.Call a = replyTo(message(null, "T0AAAAAAA", false, "C0AAAAAAA", PASTE));
        assertEquals("xoxb-team-a", a.token());
        assertEquals("C0AAAAAAA", a.form().get("channel"));
        WorkspacesStandIn.Call b = replyTo(message(null, "T0BBBBBBB", false, "C0BBBBBBB", PASTE));
        assertEquals("xoxb-team-b", b.token());
        assertEquals("C0BBBBBBB", b.form().get("channel"));

        // Outside any request (the weekly digest, alert cards), a target naming the workspace gets its token.
        assertTrue(mount.bot().postText("T0BBBBBBB/C0DIGEST1", "weekly figures"));
        WorkspacesStandIn.Call digest = slack.next("/api/chat.postMessage", WAIT);
        assertEquals("xoxb-team-b", digest.token());
        assertEquals("C0DIGEST1", digest.form().get("channel"));
        assertFalse(mount.bot().postText("C0DIGEST1", "which workspace?"), "a bare channel names no workspace");
    }

    @Test
    void aForgedOrReplayedStateIsRefusedBeforeAnyCodeIsExchanged() throws Exception {
        slack.onCode("code-forged", workspaceInstall("T0EVIL0001", "xoxb-evil", null, null, null));
        knowsWorkspaceToken("T0EVIL0001", "xoxb-evil");

        HttpResponse<String> forged = finishInstall("code-forged", "made-up-state");
        assertEquals(400, forged.statusCode());
        assertTrue(forged.body().contains("Start again at /slack/install"), forged.body());

        String state = startInstall();
        HttpResponse<String> noCookie = get("/slack/oauth_redirect?code=code-forged&state=" + state, null);
        assertEquals(400, noCookie.statusCode(), "a state from another browser is refused");
        HttpResponse<String> otherCookie = get("/slack/oauth_redirect?code=code-forged&state=" + state,
                "slack-app-oauth-state=someone-elses");
        assertEquals(400, otherCookie.statusCode());
        assertNull(slack.next("/api/oauth.v2.access", Duration.ofMillis(300)), "no code was exchanged");
        assertTrue(store.slackInstallations().bot(null, "T0EVIL0001").isEmpty());

        assertEquals(200, finishInstall("code-forged", state).statusCode(), "the real browser still finishes");
        assertNotNull(slack.next("/api/oauth.v2.access", WAIT));
        HttpResponse<String> replay = finishInstall("code-forged", state);
        assertEquals(400, replay.statusCode(), "a state is good for one install");
        assertNull(slack.next("/api/oauth.v2.access", Duration.ofMillis(300)));

        HttpResponse<String> hostile = get("/slack/oauth_redirect?error=%3Cscript%3Ealert(1)%3C/script%3E&state=x",
                null);
        assertEquals(400, hostile.statusCode());
        assertFalse(hostile.body().contains("<script>"), "what the browser sent is escaped");
    }

    @Test
    void anOrgWideGridInstallAnswersEveryWorkspaceOfTheOrganization() throws Exception {
        slack.knowsToken("xoxb-org-grid", "{\"ok\":true,\"url\":\"https://contoso.enterprise.slack.com/\","
                + "\"user\":\"bot\",\"team_id\":\"E0GRID001\",\"user_id\":\"UBOTGRID\",\"bot_id\":\"BGRID\","
                + "\"enterprise_id\":\"E0GRID001\",\"is_enterprise_install\":true}");
        install("code-grid", "{\"ok\":true,\"app_id\":\"A0DIST\",\"access_token\":\"xoxb-org-grid\","
                + "\"token_type\":\"bot\",\"scope\":\"chat:write\",\"bot_user_id\":\"UBOTGRID\",\"team\":null,"
                + "\"enterprise\":{\"id\":\"E0GRID001\",\"name\":\"Contoso Grid\"},\"is_enterprise_install\":true,"
                + "\"authed_user\":{\"id\":\"U0ORGADMIN\"}}");
        assertTrue(store.slackInstallations().bot("E0GRID001", null).orElseThrow().enterpriseInstall());

        WorkspacesStandIn.Call first = replyTo(message("E0GRID001", "T0GRIDWS1", true, "C0GRID001", PASTE));
        assertEquals("xoxb-org-grid", first.token());
        WorkspacesStandIn.Call second = replyTo(message("E0GRID001", "T0GRIDWS2", true, "C0GRID002", PASTE));
        assertEquals("xoxb-org-grid", second.token());
        assertEquals("C0GRID002", second.form().get("channel"));

        assertTrue(mount.bot().postText("E0GRID001/C0GRIDALRT", "alerts for the organization"));
        assertEquals("xoxb-org-grid", slack.next("/api/chat.postMessage", WAIT).token());
    }

    @Test
    void aTokenNearItsExpiryIsRefreshedOnceAndTheNewOneIsUsed() throws Exception {
        // Ten minutes left: inside the two hours before expiry in which a token is refreshed.
        knowsWorkspaceToken("T0ROTATE1", "xoxe.xoxb-rot-1");
        knowsWorkspaceToken("T0ROTATE1", "xoxe.xoxb-rot-2");
        install("code-rot", workspaceInstall("T0ROTATE1", "xoxe.xoxb-rot-1", "xoxe-1-refresh-1", 600, null));
        slack.onRefresh("xoxe-1-refresh-1", "{\"ok\":true,\"access_token\":\"xoxe.xoxb-rot-2\",\"token_type\":\"bot\","
                + "\"refresh_token\":\"xoxe-1-refresh-2\",\"expires_in\":43200,\"team\":{\"id\":\"T0ROTATE1\"}}");

        WorkspacesStandIn.Call reply = replyTo(message(null, "T0ROTATE1", false, "C0ROTATE1", PASTE));
        assertEquals("xoxe.xoxb-rot-2", reply.token(), "answered with the refreshed token");
        List<WorkspacesStandIn.Call> refreshes = slack.drain("/api/oauth.v2.access");
        assertEquals(1, refreshes.size(), "refreshed once");
        assertEquals("refresh_token", refreshes.get(0).form().get("grant_type"));
        assertEquals("xoxe-1-refresh-1", refreshes.get(0).form().get("refresh_token"));
        assertFalse(sealedText(null, "T0ROTATE1").contains("xoxe-1-refresh-2"), "the new refresh token is sealed too");

        WorkspacesStandIn.Call again = replyTo(message(null, "T0ROTATE1", false, "C0ROTATE1", PASTE));
        assertEquals("xoxe.xoxb-rot-2", again.token());
        assertTrue(slack.drain("/api/oauth.v2.access").isEmpty(), "a fresh token is not refreshed again");
    }

    @Test
    void concurrentEventsAndAnAlertOutsideAnyRequestShareOneRefresh() throws Exception {
        knowsWorkspaceToken("T0ROTATE2", "xoxe.xoxb-old");
        knowsWorkspaceToken("T0ROTATE2", "xoxe.xoxb-new");
        install("code-rot-2", workspaceInstall("T0ROTATE2", "xoxe.xoxb-old", "xoxe-1-old", 60, null));
        slack.onRefresh("xoxe-1-old", "{\"ok\":true,\"access_token\":\"xoxe.xoxb-new\",\"token_type\":\"bot\","
                + "\"refresh_token\":\"xoxe-1-new\",\"expires_in\":43200}");

        // Eight events at once with the token due: one of them refreshes it, all are answered with the new one.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> acks = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String body = message(null, "T0ROTATE2", false, "C0ROTATE2", PASTE);
                acks.add(pool.submit(() -> signed(body)));
            }
            for (var ack : acks) {
                assertEquals(200, ack.get().statusCode());
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < 8; i++) {
            WorkspacesStandIn.Call post = slack.next("/api/chat.postMessage", WAIT);
            assertNotNull(post, "reply " + i);
            assertEquals("xoxe.xoxb-new", post.token());
        }
        // Then a post outside any request (the digest, an alert card) finds the fresh token too.
        assertTrue(mount.bot().postText("T0ROTATE2/C0ALERTS02", "alert"));
        assertEquals("xoxe.xoxb-new", slack.next("/api/chat.postMessage", WAIT).token());
        assertEquals(1, slack.drain("/api/oauth.v2.access").stream()
                .filter(c -> "refresh_token".equals(c.form().get("grant_type"))).count(), "one refresh in all");
    }

    @Test
    void anAlertOutsideAnyRequestRefreshesADueTokenItself() throws Exception {
        knowsWorkspaceToken("T0ROTATE3", "xoxe.xoxb-alert-old");
        knowsWorkspaceToken("T0ROTATE3", "xoxe.xoxb-alert-new");
        install("code-rot-3", workspaceInstall("T0ROTATE3", "xoxe.xoxb-alert-old", "xoxe-1-alert-old", 60, null));
        slack.onRefresh("xoxe-1-alert-old", "{\"ok\":true,\"access_token\":\"xoxe.xoxb-alert-new\","
                + "\"token_type\":\"bot\",\"refresh_token\":\"xoxe-1-alert-new\",\"expires_in\":43200}");
        assertTrue(mount.bot().postText("T0ROTATE3/C0ALERTS03", "alert"));
        assertEquals("xoxe.xoxb-alert-new", slack.next("/api/chat.postMessage", WAIT).token());
        assertEquals(1, slack.drain("/api/oauth.v2.access").size());
    }

    @Test
    void uninstallAndRevocationDeleteWhatTheyName() throws Exception {
        knowsWorkspaceToken("T0GONE001", "xoxb-gone");
        knowsWorkspaceToken("T0GONE001", "xoxb-gone-2");
        knowsWorkspaceToken("T0STAY001", "xoxb-stay");
        install("code-gone", workspaceInstall("T0GONE001", "xoxb-gone", null, null, "xoxp-admin-gone"));
        install("code-stay", workspaceInstall("T0STAY001", "xoxb-stay", null, null, null));
        assertTrue(store.slackInstallations().installer(null, "T0GONE001", "U0ADMINT0GONE001").isPresent());

        // tokens_revoked naming the installing user's token: that grant goes, the bot stays.
        ObjectNode revoked = JSON.createObjectNode();
        revoked.put("type", "tokens_revoked").putObject("tokens").putArray("oauth").add("U0ADMINT0GONE001");
        assertEquals(200, signed(callback(null, "T0GONE001", false, revoked)).statusCode());
        assertTrue(store.slackInstallations().installer(null, "T0GONE001", "U0ADMINT0GONE001").isEmpty());
        assertTrue(store.slackInstallations().bot(null, "T0GONE001").isPresent());

        // tokens_revoked naming the bot: the bot goes.
        ObjectNode botRevoked = JSON.createObjectNode();
        botRevoked.put("type", "tokens_revoked").putObject("tokens").putArray("bot").add("UBOTT0GONE001");
        assertEquals(200, signed(callback(null, "T0GONE001", false, botRevoked)).statusCode());
        assertTrue(store.slackInstallations().bot(null, "T0GONE001").isEmpty());

        // app_uninstalled: everything of that workspace goes, and nothing of another.
        install("code-gone-2", workspaceInstall("T0GONE001", "xoxb-gone-2", null, null, "xoxp-admin-gone-2"));
        ObjectNode uninstalled = JSON.createObjectNode();
        uninstalled.put("type", "app_uninstalled");
        assertEquals(200, signed(callback(null, "T0GONE001", false, uninstalled)).statusCode());
        assertTrue(store.slackInstallations().bot(null, "T0GONE001").isEmpty());
        assertTrue(store.slackInstallations().installer(null, "T0GONE001", "U0ADMINT0GONE001").isEmpty());
        assertTrue(store.slackInstallations().bot(null, "T0STAY001").isPresent());

        // The uninstalled workspace is no longer answered; the other one still is.
        slack.drain("/api/chat.postMessage");
        signed(message(null, "T0GONE001", false, "C0GONE001", PASTE));
        assertNull(slack.next("/api/chat.postMessage", Duration.ofMillis(800)));
        assertEquals("xoxb-stay", replyTo(message(null, "T0STAY001", false, "C0STAY001", PASTE)).token());
    }
}
