package dev.aadsts.app.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aadsts.app.BotApp;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.store.TeamsConversation;
import dev.aadsts.teams.TeamsDeliveryException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server with the Teams adapter mounted, driven with Teams-shaped activities; replies land on a
 * local stand-in for the Bot Connector.
 */
class TeamsEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP_ID = "2b1f6a4e-8f52-4f53-9d2e-7f0c2a0f7b11";
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
    void setUp() throws IOException {
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

    private void start(Map<String, String> extra) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("DATA_DIR", dataDir.toString());
        env.putAll(extra);
        app = BotApp.start(env, core);
    }

    private HttpResponse<String> post(JsonNode activity, String authorization) throws Exception {
        return post(JSON.writeValueAsString(activity), authorization);
    }

    private HttpResponse<String> post(String body, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.server().port()
                + "/api/messages")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode card(ConnectorStandIn.Call call) {
        JsonNode attachment = call.body().path("attachments").path(0);
        assertEquals("application/vnd.microsoft.card.adaptive", attachment.path("contentType").asText(), call.body()
                .toString());
        JsonNode content = attachment.path("content");
        assertEquals("AdaptiveCard", content.path("type").asText());
        assertEquals("1.4", content.path("version").asText());
        return content;
    }

    @Test
    void personalChatPasteGetsACardWithFixStepsAndLookupLink() throws Exception {
        start(Map.of());
        ObjectNode msg = activities.personalMessage("Got this from MSAL:\nAADSTS700027: Client assertion contains an "
                + "invalid signature. Trace ID: 0b7f3c1e-5a9d-4b6e-8f2a-1c3d5e7f9a0b Correlation ID: "
                + "4f1e2d3c-b5a6-4978-8e9d-0a1b2c3d4e5f Timestamp: 2026-11-20 09:14:03Z");
        assertEquals(200, post(msg, null).statusCode());

        ConnectorStandIn.Call reply = connector.next(WAIT);
        assertEquals("POST", reply.method());
        assertEquals(TeamsActivities.PERSONAL, reply.conversationId());
        assertEquals(msg.get("id").asText(), reply.activityId(), "answered as a reply to the message");
        JsonNode card = card(reply);
        String text = card.toString();
        assertTrue(text.contains("AADSTS700027"), text);
        assertTrue(text.contains("4f1e2d3c-b5a6-4978-8e9d-0a1b2c3d4e5f"), "correlation id in the facts: " + text);
        assertTrue(text.contains("How to fix") && text.contains("\"fontType\":\"Monospace\""),
                "a chat with the bot gets the full card, commands in monospace: " + text);
        assertTrue(card.path("actions").size() <= 3, "at most three buttons: " + card.path("actions"));
        assertFalse(text.contains("`"), "no backticks in Teams output");
        assertTrue(text.contains("Action.OpenUrl") && text.contains("login.microsoftonline.com/error?code=700027"), text);
        assertFalse(reply.body().path("summary").asText().isBlank(), "plain-text fallback for notifications");
        connector.expectNothing(Duration.ofMillis(300));
    }

    @Test
    void personalChatCommandsWorkWithAndWithoutTheCommandWord() throws Exception {
        start(Map.of());
        post(activities.personalMessage("aadsts 50011"), null);
        assertTrue(card(connector.next(WAIT)).toString().contains("AADSTS50011"));
        post(activities.personalMessage("search expired secret"), null);
        String results = card(connector.next(WAIT)).toString();
        assertTrue(results.contains("7000222") || results.contains("7000215"), results);
        post(activities.personalMessage("help"), null);
        assertTrue(card(connector.next(WAIT)).toString().toLowerCase().contains("search"));
    }

    @Test
    void channelMentionIsAnsweredInTheSameReplyChainWithoutTheMentionText() throws Exception {
        start(Map.of());
        ObjectNode msg = activities.channelMention("aadsts 50011");
        assertEquals(200, post(msg, null).statusCode());
        ConnectorStandIn.Call reply = connector.next(WAIT);
        assertEquals(msg.at("/conversation/id").asText(), reply.conversationId(), "reply goes into the thread");
        assertTrue(reply.conversationId().contains(";messageid="));
        assertTrue(card(reply).toString().contains("AADSTS50011"));
    }

    @Test
    void unmentionedChannelMessagesAreAnsweredOnlyWhenTheyCarryCodes() throws Exception {
        start(Map.of());
        post(activities.channelMessage("Anyone around for lunch? Search later"), null);
        connector.expectNothing(Duration.ofMillis(800));
        post(activities.channelMessage("users get AADSTS50126 since this morning"), null);
        JsonNode compact = card(connector.next(WAIT));
        assertTrue(compact.toString().contains("AADSTS50126"));
        assertTrue(compact.toString().contains("First thing to try"), "a channel gets the compact card");
        assertEquals("Playbook", compact.path("actions").get(0).path("title").asText(), compact.toString());
    }

    @Test
    void severalCodesInAChannelAreOneCardListingEachWithItsOwnMessage() throws Exception {
        start(Map.of());
        post(activities.channelMessage(dev.aadsts.core.SampleReplies.SEVEN_CODES), null);
        JsonNode list = card(connector.next(WAIT));
        connector.expectNothing(Duration.ofMillis(500));
        String text = list.toString();
        assertTrue(text.contains("7 sign-in errors in this message"), text);
        for (String code : List.of("50011", "90002", "50126", "700016", "50058", "7000215", "65001")) {
            assertTrue(text.contains("AADSTS" + code), code);
        }
        // Each row quotes its own code's message, never the rest of the paste.
        for (JsonNode row : list.path("body")) {
            StringBuilder rowText = new StringBuilder();
            row.path("items").forEach(item -> rowText.append(item.path("text").asText()).append('\n'));
            boolean tenantRow = rowText.toString().contains("AADSTS90002");
            assertEquals(tenantRow, rowText.toString().contains("contoso' not found"), rowText.toString());
            assertEquals(rowText.toString().contains("AADSTS50126"), rowText.toString().contains("alice@"),
                    rowText.toString());
        }
        assertTrue(text.contains("Action.ShowCard") && text.contains("\"Details\""), text);
    }

    @Test
    void groupChatMentionWithoutACodeGetsHelp() throws Exception {
        start(Map.of());
        post(activities.groupChatMention("hello there"), null);
        ConnectorStandIn.Call reply = connector.next(WAIT);
        assertEquals(TeamsActivities.GROUP_CHAT, reply.conversationId());
        assertTrue(card(reply).toString().toLowerCase().contains("aadsts 50011") || card(reply).toString()
                .contains("700027"), "help lists the commands");
    }

    @Test
    void aBareEmulatorMessageIsAnswered() throws Exception {
        start(Map.of());
        String minimal = "{\"type\":\"message\",\"id\":\"1\",\"channelId\":\"emulator\",\"serviceUrl\":\""
                + connector.serviceUrl() + "\",\"conversation\":{\"id\":\"emu-1\"},\"from\":{\"id\":\"user-1\"},"
                + "\"recipient\":{\"id\":\"bot-1\"},\"text\":\"aadsts 50011\"}";
        assertEquals(200, post(minimal, null).statusCode());
        assertTrue(card(connector.next(WAIT)).toString().contains("AADSTS50011"));
    }

    @Test
    void theBotsOwnMessagesAreNeverAnswered() throws Exception {
        start(Map.of());
        ObjectNode own = activities.personalMessage("AADSTS50011 explained below");
        own.putObject("from").put("id", TeamsActivities.BOT_ID).put("name", TeamsActivities.BOT_NAME);
        post(own, null);
        connector.expectNothing(Duration.ofMillis(800));
    }

    @Test
    void aRedeliveredActivityIsAnsweredOnce() throws Exception {
        start(Map.of());
        ObjectNode msg = activities.personalMessage("AADSTS50011");
        post(msg, null);
        post(msg, null);
        connector.next(WAIT);
        connector.expectNothing(Duration.ofMillis(800));
    }

    @Test
    void aMultiCardPasteRedeliveredWhileItIsTakenOnIsAnsweredWithEachCardOnce() throws Exception {
        start(Map.of());
        ObjectNode msg = activities.personalMessage(dev.aadsts.core.SampleReplies.THREE_CODES);
        // The Bot Connector's retries racing the first delivery: one of them records the activity and its cards.
        List<CompletableFuture<HttpResponse<String>>> deliveries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            deliveries.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.server().port()
                    + "/api/messages")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(msg))).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (var delivery : deliveries) {
            assertEquals(200, delivery.get().statusCode());
        }
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ConnectorStandIn.Call reply = connector.next(WAIT);
            assertEquals(msg.get("id").asText(), reply.activityId());
            card(reply);
            // Each card's notification text starts with its own code; the card itself may name related ones.
            Matcher code = Pattern.compile("^AADSTS(\\d+)")
                    .matcher(reply.body().path("summary").asText());
            assertTrue(code.find(), reply.body().path("summary").asText());
            codes.add(code.group(1));
        }
        assertEquals(List.of("50076", "50053", "700082"), codes, "each card once, in the order of the paste");
        assertEquals(200, post(msg, null).statusCode());
        connector.expectNothing(Duration.ofMillis(800));
    }

    @Test
    void userTextCannotInjectMarkdownLinksOrMentionsAndSecretsAreNotEchoed() throws Exception {
        start(Map.of());
        String secret = "Qx58Q~Zk3vN1pL0aB9cD7eF5gH3iJ1kL9mN7oP5q";
        post(activities.personalMessage("AADSTS7000215: Invalid client secret provided. client_secret=" + secret
                + "\nCorrelation ID: [click me](https://evil.example/phish) <at>Everyone</at> **urgent**"), null);
        String card = card(connector.next(WAIT)).toString();
        assertFalse(card.contains(secret), "a pasted secret must never be echoed");
        assertFalse(card.contains("[click me](https://evil.example"), card);
        assertFalse(card.contains("<at>"), card);
        assertFalse(card.contains("https://evil.example"), "user-typed links are defused: " + card);
    }

    @Test
    void installSendsAWelcomeCardAndTheReferenceSurvivesARestart() throws Exception {
        start(Map.of());
        assertEquals(200, post(activities.installedInTeam(), null).statusCode());
        ConnectorStandIn.Call welcome = connector.next(WAIT);
        assertEquals(TeamsActivities.CHANNEL_ID, welcome.conversationId());
        card(welcome);

        TeamsConversation stored = awaitReference(TeamsActivities.CHANNEL_ID);
        assertEquals("Identity Helpdesk", stored.teamName());
        assertEquals("Sign-in alerts", stored.channelName());
        assertEquals(TeamsActivities.TENANT, stored.tenantId());
        assertEquals(connector.serviceUrl(), stored.serviceUrl());

        // A later message without names refreshes the reference but keeps the names.
        post(activities.channelMessage("nothing to see"), null);
        Thread.sleep(300);

        app.close();
        app = null;
        start(Map.of());
        TeamsConversation again = app.store().conversations().find(TeamsActivities.CHANNEL_ID).orElseThrow();
        assertEquals("Identity Helpdesk", again.teamName());
        assertEquals("Sign-in alerts", again.channelName());

        // And the bot can post there on its own after the restart.
        ObjectNode alertCard = JSON.createObjectNode().put("type", "AdaptiveCard").put("version", "1.4");
        alertCard.putArray("body").addObject().put("type", "TextBlock").put("text", "proactive");
        String id = app.teamsOutbox().post(TeamsActivities.CHANNEL_ID, alertCard, "proactive");
        assertNotNull(id);
        ConnectorStandIn.Call posted = connector.next(WAIT);
        assertEquals(TeamsActivities.CHANNEL_ID, posted.conversationId());
        assertNull(posted.activityId(), "a new root post, not a reply");
        app.teamsOutbox().update(TeamsActivities.CHANNEL_ID, id, alertCard, "proactive, updated");
        ConnectorStandIn.Call updated = connector.next(WAIT);
        assertEquals("PUT", updated.method());
        assertEquals(id, updated.activityId());
    }

    @Test
    void aBlockedConversationIsForgottenInsteadOfRetried() throws Exception {
        start(Map.of());
        post(activities.installedInTeam(), null);
        connector.next(WAIT);
        awaitReference(TeamsActivities.CHANNEL_ID);
        connector.refuseNext(1, 403, "BotNotInConversationRoster", null);
        ObjectNode c = JSON.createObjectNode().put("type", "AdaptiveCard").put("version", "1.4");
        TeamsDeliveryException e = assertThrows(TeamsDeliveryException.class,
                () -> app.teamsOutbox().post(TeamsActivities.CHANNEL_ID, c, "x"));
        assertTrue(e.gone());
        assertEquals(1, connector.drain().size(), "refused once, never retried");
        assertTrue(app.store().conversations().find(TeamsActivities.CHANNEL_ID).isEmpty());
    }

    @Test
    void throttledRepliesAreRetriedAfterRetryAfterAndCounted() throws Exception {
        start(Map.of());
        connector.refuseNext(1, 429, "Throttled", "1");
        connector.refuseNext(1, 503, "ServiceUnavailable", null);
        long t0 = System.nanoTime();
        post(activities.personalMessage("AADSTS50011"), null);
        assertEquals(429, connector.next(WAIT).status());
        assertEquals(503, connector.next(WAIT).status());
        ConnectorStandIn.Call ok = connector.next(WAIT);
        assertEquals(200, ok.status());
        assertTrue(System.nanoTime() - t0 >= 900_000_000L, "waited for Retry-After");
        connector.expectNothing(Duration.ofMillis(300));
        String health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.server().port()
                + "/healthz")).build(), HttpResponse.BodyHandlers.ofString()).body();
        JsonNode teams = JSON.readTree(health).path("teams");
        assertEquals(2, teams.path("replies.retried").asLong(), health);
        assertEquals(1, teams.path("replies.sent").asLong(), health);
    }

    @Test
    void composeExtensionQueryAnswersWithTheShapeTeamsExpects() throws Exception {
        start(Map.of());
        HttpResponse<String> r = post(activities.composeQuery("expired secret"), null);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = JSON.readTree(r.body());
        assertEquals(1, body.size(), "only composeExtension at the top: " + r.body());
        JsonNode ext = body.path("composeExtension");
        assertEquals("result", ext.path("type").asText());
        assertEquals("list", ext.path("attachmentLayout").asText());
        assertTrue(ext.path("attachments").size() > 0, r.body());
        for (JsonNode a : ext.path("attachments")) {
            assertEquals("application/vnd.microsoft.card.adaptive", a.path("contentType").asText());
            assertEquals("1.4", a.path("content").path("version").asText());
            assertEquals("application/vnd.microsoft.card.thumbnail", a.path("preview").path("contentType").asText());
            assertFalse(a.path("preview").path("content").path("title").asText().isBlank());
        }
        JsonNode byCode = JSON.readTree(post(activities.composeQuery("AADSTS50011"), null).body());
        assertTrue(byCode.at("/composeExtension/attachments/0/content").toString().contains("AADSTS50011"));
        connector.expectNothing(Duration.ofMillis(200));
    }

    @Test
    void aLookupLinkInTheComposeBoxUnfurlsIntoACard() throws Exception {
        start(Map.of());
        HttpResponse<String> r = post(activities.linkQuery("https://login.microsoftonline.com/error?code=50011"), null);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode ext = JSON.readTree(r.body()).path("composeExtension");
        assertEquals("result", ext.path("type").asText(), r.body());
        assertEquals(1, ext.path("attachments").size(), r.body());
        JsonNode attachment = ext.path("attachments").path(0);
        assertEquals("application/vnd.microsoft.card.adaptive", attachment.path("contentType").asText());
        assertTrue(attachment.path("content").toString().contains("AADSTS50011"), r.body());
        assertEquals("application/vnd.microsoft.card.thumbnail", attachment.path("preview").path("contentType").asText());

        JsonNode other = JSON.readTree(post(activities.linkQuery("https://learn.microsoft.com/en-us/entra/"), null)
                .body()).path("composeExtension");
        assertEquals(0, other.path("attachments").size(), "a link about no code stays a plain link");
        connector.expectNothing(Duration.ofMillis(200));
    }

    @Test
    void feedbackButtonsCountOneVotePerPersonAndStatsReportsThem() throws Exception {
        start(Map.of());
        post(activities.personalMessage("aadsts 50126"), null);
        JsonNode card = card(connector.next(WAIT));
        JsonNode helpful = null;
        JsonNode notHelpful = null;
        for (JsonNode block : card.path("body")) {
            for (JsonNode action : block.path("actions")) {
                if ("feedback".equals(action.at("/data/action").asText())) {
                    if ("helpful".equals(action.at("/data/vote").asText())) {
                        helpful = action.get("data");
                    } else {
                        notHelpful = action.get("data");
                    }
                }
            }
        }
        assertNotNull(helpful, card.toString());
        assertNotNull(notHelpful, card.toString());
        assertEquals("50126", helpful.path("code").asText());

        post(activities.cardSubmit(helpful, "aad-voter-1"), null);
        assertTrue(card(connector.next(WAIT)).toString().contains("Thanks for the feedback on AADSTS50126"));
        post(activities.cardSubmit(notHelpful, "aad-voter-1"), null);
        assertTrue(card(connector.next(WAIT)).toString().contains("one vote per person"));
        post(activities.cardSubmit(helpful, "aad-voter-2"), null);
        connector.next(WAIT);
        assertEquals(java.util.List.of(new dev.aadsts.core.stats.Helpfulness("50126", 1, 1)),
                app.store().stats().helpfulness(10));

        post(activities.personalMessage("aadsts stats"), null);
        String stats = card(connector.next(WAIT)).toString();
        assertTrue(stats.contains("Codes pasted most, last 7 days"), stats);
        assertTrue(stats.contains("AADSTS50126  1"), stats);
        assertTrue(stats.contains("AADSTS50126  1 helpful, 1 not helpful"), stats);
    }

    @Test
    void malformedBodiesAre400() throws Exception {
        start(Map.of());
        HttpResponse<String> r = post("{\"type\": \"message\", ", null);
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("error"));
        assertEquals(400, post("{\"type\":\"message\"}", null).statusCode(), "no serviceUrl or conversation");
        connector.expectNothing(Duration.ofMillis(200));
    }

    @Test
    void withoutValidationAWebPageCannotUseTheBotAsARelay() throws Exception {
        start(Map.of());
        String body = JSON.writeValueAsString(activities.personalMessage("AADSTS50011"));
        URI endpoint = URI.create("http://127.0.0.1:" + app.server().port() + "/api/messages");
        // What a page's fetch(..., {mode: 'no-cors'}) sends: a "simple" request that needs no preflight.
        HttpResponse<String> simple = http.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(415, simple.statusCode(), simple.body());
        HttpResponse<String> withOrigin = http.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, withOrigin.statusCode(), withOrigin.body());
        connector.expectNothing(Duration.ofMillis(500));
        assertEquals(200, post(body, null).statusCode(), "the Emulator's own requests still work");
    }

    @Test
    void withAnAppIdEveryRequestNeedsAValidBotFrameworkToken() throws Exception {
        start(Map.of("MicrosoftAppId", APP_ID, "MicrosoftAppPassword", "not-used-in-this-test",
                "BotOpenIdMetadata", connector.openIdMetadataUrl(), "BIND_ADDRESS", "127.0.0.1"));
        ObjectNode msg = activities.personalMessage("AADSTS50011");
        assertEquals(401, post(msg, null).statusCode(), "no Authorization header");
        assertEquals(401, post(msg, "Bearer not.a.jwt").statusCode(), "malformed token");
        assertEquals(401, post(msg, "Bearer " + ConnectorStandIn.tokenFromUnknownKey(APP_ID, connector.serviceUrl()))
                .statusCode(), "signed by a key nobody published");
        assertEquals(401, post(msg, "Bearer " + connector.token("11111111-2222-3333-4444-555555555555",
                connector.serviceUrl())).statusCode(), "issued for another bot");
        long now = Instant.now().getEpochSecond();
        assertEquals(401, post(msg, "Bearer " + connector.tokenWithLifetime(APP_ID, connector.serviceUrl(), ""))
                .statusCode(), "correctly signed but without exp: it would never expire");
        assertEquals(401, post(msg, "Bearer " + connector.tokenWithLifetime(APP_ID, connector.serviceUrl(),
                ",\"exp\":" + (now + 3600) + ",\"nbf\":" + (now + 3600))).statusCode(), "not valid for an hour yet");
        assertEquals(401, post(msg, "Bearer " + connector.tokenWithLifetime(APP_ID, connector.serviceUrl(),
                ",\"exp\":" + (now - 600))).statusCode(), "expired ten minutes ago");
        connector.expectNothing(Duration.ofMillis(500));
        assertTrue(app.store().conversations().all().isEmpty(), "nothing stored from refused requests");

        // A properly signed token passes; an invoke answers inline, so no outbound token is needed here.
        HttpResponse<String> ok = post(activities.composeQuery("50011"),
                "Bearer " + connector.token(APP_ID, connector.serviceUrl()));
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().contains("composeExtension"));
    }

    private TeamsConversation awaitReference(String id) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            var found = app.store().conversations().find(id);
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no stored reference for " + id);
    }

    @Test
    void theOrganizationsSectionComesFromKnowledgeOverlay(@TempDir Path overlay) throws Exception {
        java.nio.file.Files.writeString(overlay.resolve("org.yaml"), """
                organization: Contoso IT
                rules:
                  - categories: [client-credentials]
                    note: "Secrets live in Key Vault kv-identity-prod; see **the runbook**."
                    contact: {teams: "IT Help > Identity", email: identity@contoso.example}
                """);
        start(Map.of("KNOWLEDGE_OVERLAY", overlay.toString()));
        post(activities.personalMessage("AADSTS7000222: The provided client secret keys for app are expired."), null);
        JsonNode card = card(connector.next(WAIT));
        JsonNode org = null;
        for (JsonNode element : card.path("body")) {
            if ("emphasis".equals(element.path("style").asText())) {
                org = element;
            }
        }
        assertNotNull(org, card.toString());
        String text = org.toString();
        assertTrue(text.contains("At Contoso IT"), text);
        assertTrue(text.contains("see \\\\*\\\\*the runbook\\\\*\\\\*"), "operator markdown shown literally: " + text);
        assertTrue(text.contains("IT Help \u203a Identity"), text);
        assertTrue(text.contains("mailto:identity@contoso.example"), text);
        app.close();
        app = null;
        start(Map.of());
        post(activities.personalMessage("AADSTS7000222: The provided client secret keys for app are expired."), null);
        assertFalse(card(connector.next(WAIT)).toString().contains("At Contoso IT"), "gone without the overlay");
    }
}
