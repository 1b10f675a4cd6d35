package dev.aadsts.app.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aadsts.app.BotApp;
import dev.aadsts.app.slack.SlackStandIn;
import dev.aadsts.app.teams.ConnectorStandIn;
import dev.aadsts.app.teams.TeamsActivities;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.store.AlertGroup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert webhook through the real server: authentication, every payload format, routing to Slack and
 * Teams stand-ins, grouping into one updated card, a storm, and muting.
 */
class AlertsEndToEndTest {
    static final String TOKEN = "alert-token-4f1e2d3c-b5a6-4978";
    static final String SIGNING_SECRET = "signing-secret-0b7f3c1e5a9d";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static BotCore core;

    @TempDir
    Path dir;
    private SlackStandIn slack;
    private ConnectorStandIn teams;
    private BotApp app;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void loadCore() {
        core = BotCore.load();
    }

    @BeforeEach
    void setUp() throws Exception {
        slack = new SlackStandIn();
        teams = new ConnectorStandIn();
        Path routes = dir.resolve("routes.yaml");
        Files.writeString(routes, """
                defaults:
                  group_wait: 300ms
                  group_interval: 1s
                  repeat_interval: 4h
                routes:
                  - name: password-problems
                    match:
                      codes: [50126, AADSTS50053]
                    slack: [C0CREDS001]
                  - name: access-policies
                    match:
                      categories: [conditional-access]
                    teams:
                      - team: Identity Helpdesk
                        channel: Sign-in alerts
                default_route:
                  slack: [C0DEFAULT01]
                """);
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("BIND_ADDRESS", "127.0.0.1");
        env.put("DATA_DIR", dir.resolve("data").toString());
        env.put("SLACK_BOT_TOKEN", "xoxb-test-token");
        env.put("SLACK_SIGNING_SECRET", "slack-signing-secret");
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("ALERTS_TOKEN", TOKEN);
        env.put("ALERTS_SIGNING_SECRET", SIGNING_SECRET);
        env.put("ALERTS_ROUTES", routes.toString());
        env.put("ALERTS_POLL_MILLIS", "100");
        app = BotApp.start(env, core);
    }

    @AfterEach
    void tearDown() {
        if (app != null) {
            app.close();
        }
        slack.close();
        teams.close();
    }

    HttpResponse<String> postAlert(String body, String query, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.server().port()
                + "/api/alerts" + (query == null ? "" : "?" + query)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postAlert(String body) throws Exception {
        return postAlert(body, null, Map.of("Authorization", "Bearer " + TOKEN));
    }

    static String logAlertV2(String code, int metricValue, String monitorCondition) {
        return """
                {"schemaId":"azureMonitorCommonAlertSchema","data":{"essentials":{
                  "alertId":"/subscriptions/11111111-2222-3333-4444-555555555555/providers/Microsoft.AlertsManagement/alerts/abc",
                  "alertRule":"Entra sign-in failures by ResultType","severity":"Sev2","signalType":"Log",
                  "monitorCondition":"%s","monitoringService":"Log Alerts V2",
                  "firedDateTime":"2026-11-23T09:00:12.000Z","configurationItems":["law-identity"]},
                 "alertContext":{"conditionType":"LogQueryCriteria","condition":{"windowSize":"PT5M","allOf":[{
                   "searchQuery":"SigninLogs | where ResultType != \\"0\\"","metricMeasureColumn":null,
                   "targetResourceTypes":"['Microsoft.OperationalInsights/workspaces']","operator":"GreaterThan",
                   "threshold":"0","timeAggregation":"Count","metricValue":%d,"failingPeriods":{"numberOfEvaluationPeriods":1,"minFailingPeriodsToAlert":1},
                   "dimensions":[{"name":"ResultType","value":"%s"},{"name":"AppDisplayName","value":"Payroll Portal"}],
                   "linkToSearchResultsUI":"https://portal.azure.com/#@contoso.onmicrosoft.com/blade/Microsoft_Azure_Monitoring_Logs/LogsBlade"}]}}}}
                """.formatted(monitorCondition, metricValue, code);
    }

    static String graphSignIns(String code, int count, int offset) {
        StringBuilder b = new StringBuilder("{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns\",\"value\":[");
        for (int i = 0; i < count; i++) {
            b.append(i == 0 ? "" : ",").append("""
                    {"id":"66ea54eb-6301-4ee5-be62-ff5a759b%04d","createdDateTime":"2026-11-23T08:59:0%dZ",
                     "userPrincipalName":"user%d@contoso.com","appId":"de8bc8b5-d9f9-48b1-a8ad-b748da725064",
                     "appDisplayName":"Graph Explorer","ipAddress":"203.0.113.%d","correlationId":"5b3c6d2e-0000-4000-8000-%012d",
                     "status":{"errorCode":%s,"failureReason":"Sign-in was blocked","additionalDetails":null}}
                    """.formatted((offset + i) % 10000, i % 10, (offset + i) % 50, (offset + i) % 250, offset + i, code));
        }
        return b.append("]}").toString();
    }

    private long storedAlerts() {
        return app.store().alertGroups().storedAlerts();
    }

    @Test
    void withoutTheTokenOrAValidSignatureNothingIsStored() throws Exception {
        String body = logAlertV2("50126", 3, "Fired");
        assertEquals(401, postAlert(body, null, Map.of()).statusCode());
        assertEquals(401, postAlert(body, null, Map.of("Authorization", "Bearer wrong")).statusCode());
        assertEquals(401, postAlert(body, "token=wrong", Map.of()).statusCode());
        long now = System.currentTimeMillis() / 1000;
        assertEquals(401, postAlert(body, null, Map.of("X-Aadsts-Timestamp", Long.toString(now - 600),
                "X-Aadsts-Signature", "v1=" + WebhookAuth.sign(SIGNING_SECRET.getBytes(StandardCharsets.UTF_8),
                        now - 600, body.getBytes(StandardCharsets.UTF_8)))).statusCode(), "replayed");
        assertEquals(401, postAlert(body, null, Map.of("X-Aadsts-Timestamp", Long.toString(now),
                "X-Aadsts-Signature", "v1=" + WebhookAuth.sign(SIGNING_SECRET.getBytes(StandardCharsets.UTF_8),
                        now, "{}".getBytes(StandardCharsets.UTF_8)))).statusCode(), "signature of another body");
        assertEquals(0, storedAlerts());

        assertEquals(202, postAlert(body, "token=" + TOKEN, Map.of()).statusCode(), "?token= for Azure Monitor");
        assertEquals(202, postAlert(body, null, Map.of("X-Aadsts-Timestamp", Long.toString(now),
                "X-Aadsts-Signature", "v1=" + WebhookAuth.sign(SIGNING_SECRET.getBytes(StandardCharsets.UTF_8),
                        now, body.getBytes(StandardCharsets.UTF_8)))).statusCode(), "HMAC-signed");
        assertEquals(2, storedAlerts());
    }

    @Test
    void badBodiesGetAReasonAndNothingIsStored() throws Exception {
        HttpResponse<String> r = postAlert("{\"schemaId\": \"azureMonitorCommonAlertSchema\", ");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("error"), r.body());
        // A body over the limit is refused on its declared length, before it is read. Sent by hand: a client that
        // keeps writing the body can lose the 413 to the reset when the server closes, and the JDK 17 client
        // waits for ever on "Expect: 100-continue" answered with a final status.
        String declaredTooBig = "POST /api/alerts HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Type: application/json\r\nContent-Length: 1200001\r\n\r\n[";
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.server().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(declaredTooBig.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 413 Payload Too Large", status);
        }
        assertEquals(0, storedAlerts());
    }

    @Test
    void aLogSearchAlertBecomesOneCardInTheRoutedSlackChannelAndLaterAlertsUpdateIt() throws Exception {
        HttpResponse<String> r = postAlert(logAlertV2("50126", 7, "Fired"));
        assertEquals(202, r.statusCode(), r.body());
        JsonNode answer = JSON.readTree(r.body());
        assertEquals(1, answer.path("accepted").asInt());
        assertEquals("50126", answer.path("codes").path(0).asText());

        SlackStandIn.Call post = slack.next("/api/chat.postMessage", Duration.ofSeconds(10));
        assertNotNull(post, "an alert card was posted");
        assertEquals("C0CREDS001", post.form().get("channel"));
        assertTrue(post.form().get("text").contains("AADSTS50126 × 7"), post.form().get("text"));
        assertTrue(post.form().get("blocks").contains("Payroll Portal"), "context sample on the card");
        assertTrue(post.form().get("blocks").contains("aadsts_alert_mute_1h"), "mute buttons");

        assertEquals(202, postAlert(logAlertV2("50126", 5, "Fired")).statusCode());
        SlackStandIn.Call update = slack.next("/api/chat.update", Duration.ofSeconds(10));
        assertNotNull(update, "the same card is updated rather than a new one posted");
        assertTrue(update.form().get("text").contains("× 12"), update.form().get("text"));
        assertNull(slack.next("/api/chat.postMessage", Duration.ofMillis(1500)));
    }

    @Test
    void graphSignInsAreCountedPerSignInAndResolvedAlertsAddNothing() throws Exception {
        HttpResponse<String> r = postAlert(graphSignIns("53003", 3, 0));
        assertEquals(202, r.statusCode(), r.body());
        assertEquals(3, JSON.readTree(r.body()).path("accepted").asInt());
        assertEquals(202, postAlert(logAlertV2("53003", 4, "Resolved")).statusCode());

        // 53003 is a Conditional Access block: routed by category to the Teams channel, once the bot is there.
        HttpResponse<String> install = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + app.server().port() + "/api/messages")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        new TeamsActivities(teams.serviceUrl()).installedInTeam()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, install.statusCode());
        teams.next(Duration.ofSeconds(10)); // the welcome card
        List<AlertGroup> groups = awaitDelivered("teams:Identity Helpdesk » Sign-in alerts", 3);
        assertEquals(3, groups.get(0).count());
        ConnectorStandIn.Call card = lastTeamsPost();
        assertEquals(TeamsActivities.CHANNEL_ID, card.conversationId());
        String content = card.body().path("attachments").path(0).path("content").toString();
        assertTrue(content.contains("AADSTS53003 × 3"), content);
        assertTrue(content.contains("us…@contoso") && !content.contains("user1@"), "user names are shortened: " + content);
        assertTrue(content.contains("\"title\":\"Users\""), content);
        assertTrue(content.contains("\"action\":\"mute\""), content);
    }

    @Test
    void plainTextAndUnknownJsonAreScannedAndGoToTheDefaultRoute() throws Exception {
        HttpResponse<String> r = postAlert("{\"message\":\"nightly sync failed: AADSTS700016: Application with "
                + "identifier 'x' was not found\"}");
        assertEquals(202, r.statusCode(), r.body());
        SlackStandIn.Call post = slack.next("/api/chat.postMessage", Duration.ofSeconds(10));
        assertNotNull(post);
        assertEquals("C0DEFAULT01", post.form().get("channel"));
        assertTrue(post.form().get("text").contains("AADSTS700016"));
    }

    @Test
    void anAlertStormBecomesOneCardWithTheExactCountWithinRateLimits() throws Exception {
        int requests = 1000;
        int perRequest = 10;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> sent = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String body = graphSignIns("50053", perRequest, i * perRequest);
            sent.add(pool.submit(() -> postAlert(body).statusCode()));
        }
        for (Future<Integer> f : sent) {
            assertEquals(202, f.get());
        }
        pool.shutdown();
        List<AlertGroup> groups = awaitDelivered("slack:C0CREDS001", requests * perRequest);
        assertEquals(1, groups.size());
        assertEquals(10_000, groups.get(0).count());

        List<SlackStandIn.Call> posts = slack.drain("/api/chat.postMessage");
        assertEquals(1, posts.size(), "one card for the whole storm");
        List<SlackStandIn.Call> updates = slack.drain("/api/chat.update");
        assertTrue(updates.size() < 30, "a handful of updates, not thousands: " + updates.size());
        String last = updates.isEmpty() ? posts.get(0).form().get("text") : updates.get(updates.size() - 1)
                .form().get("text");
        assertTrue(last.contains("× 10,000"), last);
        List<SlackStandIn.Call> all = new ArrayList<>(posts);
        all.addAll(updates);
        all.sort(java.util.Comparator.comparingLong(SlackStandIn.Call::atMillis));
        for (int i = 1; i < all.size(); i++) {
            long gap = all.get(i).atMillis() - all.get(i - 1).atMillis();
            assertTrue(gap >= 950, "calls to one channel at most about once a second, got " + gap + " ms");
        }
    }

    @Test
    void mutedCodesAreCountedButNotPosted() throws Exception {
        assertEquals(202, postAlert(logAlertV2("50126", 2, "Fired")).statusCode());
        assertNotNull(slack.next("/api/chat.postMessage", Duration.ofSeconds(10)));
        app.store().silences().mute("slack:C0CREDS001", "50126", java.time.Instant.now().plusSeconds(3600), "test");
        assertEquals(202, postAlert(logAlertV2("50126", 40, "Fired")).statusCode());
        Thread.sleep(2500);
        assertNull(slack.next("/api/chat.update", Duration.ofMillis(10)));
        assertNull(slack.next("/api/chat.postMessage", Duration.ofMillis(10)));
        assertEquals(42, app.store().alertGroups().forTarget("slack:C0CREDS001").get(0).count());
    }

    @Test
    void theMuteButtonOnATeamsCardSilencesTheCodeForThatChannelOnly() throws Exception {
        TeamsActivities activities = new TeamsActivities(teams.serviceUrl());
        postActivity(activities.installedInTeam());
        teams.next(Duration.ofSeconds(10)); // the welcome card
        assertEquals(202, postAlert(graphSignIns("53003", 2, 0)).statusCode());
        awaitDelivered("teams:Identity Helpdesk » Sign-in alerts", 2);
        lastTeamsPost();

        // Clicking "Mute this code 1 h" sends the button's data back as a message activity's value.
        var click = activities.channelMessage("");
        click.remove("text");
        click.putObject("value").put("action", "mute").put("target", "teams:Identity Helpdesk » Sign-in alerts")
                .put("code", "53003").put("hours", 1);
        postActivity(click);
        ConnectorStandIn.Call confirmation = teams.next(Duration.ofSeconds(10));
        assertTrue(confirmation.body().toString().contains("muted here until"), confirmation.body().toString());
        assertTrue(app.store().silences().mutedUntil("teams:Identity Helpdesk » Sign-in alerts", "53003",
                java.time.Instant.now()).isPresent());

        // A forged button for another target changes nothing.
        var forged = activities.channelMessage("");
        forged.remove("text");
        forged.putObject("value").put("action", "mute").put("target", "slack:C0CREDS001").put("code", "50126")
                .put("hours", 24);
        postActivity(forged);
        assertTrue(teams.next(Duration.ofSeconds(10)).body().toString().contains("does not belong"));
        assertTrue(app.store().silences().mutedUntil("slack:C0CREDS001", "50126", java.time.Instant.now()).isEmpty());

        assertEquals(202, postAlert(graphSignIns("53003", 5, 100)).statusCode());
        Thread.sleep(2500);
        assertEquals(0, teams.drain().size(), "muted: counted, not posted");
        assertEquals(7, app.store().alertGroups().forTarget("teams:Identity Helpdesk » Sign-in alerts").get(0).count());
    }

    @Test
    void theMuteButtonOnASlackCardSilencesTheCodeInThatChannel() throws Exception {
        assertEquals(202, postAlert(logAlertV2("50126", 3, "Fired")).statusCode());
        assertNotNull(slack.next("/api/chat.postMessage", Duration.ofSeconds(10)));
        var payload = JSON.createObjectNode();
        payload.put("type", "block_actions").put("api_app_id", "A0001").put("token", "legacy")
                .put("trigger_id", "1.2.3").put("response_url", slack.responseUrl("mute"));
        payload.putObject("user").put("id", "U0ADMIN01").put("username", "ada").put("team_id", "T0001");
        payload.putObject("team").put("id", "T0001").put("domain", "contoso");
        payload.putObject("channel").put("id", "C0CREDS001").put("name", "identity-alerts");
        payload.putObject("container").put("type", "message").put("channel_id", "C0CREDS001");
        payload.putArray("actions").addObject().put("type", "button").put("action_id", "aadsts_alert_mute_24h")
                .put("block_id", "m").put("value", "24|slack:C0CREDS001|50126").put("action_ts", "1700000200.1");
        String body = "payload=" + java.net.URLEncoder.encode(JSON.writeValueAsString(payload), StandardCharsets.UTF_8);
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("slack-signing-secret".getBytes(StandardCharsets.UTF_8),
                "HmacSHA256"));
        String signature = "v0=" + java.util.HexFormat.of().formatHex(mac.doFinal(("v0:" + ts + ":" + body)
                .getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> click = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + app.server().port() + "/slack/events")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", ts).header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, click.statusCode());
        SlackStandIn.Call said = slack.next("/respond/mute", Duration.ofSeconds(10));
        assertNotNull(said);
        assertTrue(said.body().contains("muted in this channel") && said.body().contains("@U0ADMIN01"), said.body());
        assertTrue(app.store().silences().mutedUntil("slack:C0CREDS001", "50126", java.time.Instant.now()
                .plusSeconds(23 * 3600)).isPresent(), "muted for 24 h");
    }

    private void postActivity(JsonNode activity) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + app.server().port() + "/api/messages")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(activity))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    private List<AlertGroup> awaitDelivered(String target, long count) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            List<AlertGroup> groups = app.store().alertGroups().forTarget(target);
            if (!groups.isEmpty() && groups.stream().allMatch(g -> g.deliveredCount() == g.count())
                    && groups.stream().mapToLong(AlertGroup::count).sum() == count) {
                return groups;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not delivered in time: " + app.store().alertGroups().forTarget(target));
    }

    private ConnectorStandIn.Call lastTeamsPost() throws InterruptedException {
        ConnectorStandIn.Call last = null;
        for (ConnectorStandIn.Call c : teams.drain()) {
            last = c;
        }
        return last == null ? teams.next(Duration.ofSeconds(5)) : last;
    }
}
