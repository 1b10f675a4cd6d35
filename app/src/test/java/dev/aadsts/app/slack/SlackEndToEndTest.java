package dev.aadsts.app.slack;

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
import dev.aadsts.core.BotCore;
import dev.aadsts.core.store.Store;
import dev.aadsts.store.Stores;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real server with the Slack adapter mounted, driven with requests signed exactly as Slack signs
 * them, against a local stand-in for Slack's Web API that records what the bot posted.
 */
class SlackEndToEndTest {
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration SETTLE = Duration.ofMillis(600);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger IDS = new AtomicInteger();

    private static SlackStandIn slack;
    private static BotServer server;
    private static SlackMount mount;
    private static Store store;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        slack = new SlackStandIn();
        Map<String, String> env = Map.of("PORT", "0", "BIND_ADDRESS", "127.0.0.1", "SLACK_BOT_TOKEN", "xoxb-test",
                "SLACK_SIGNING_SECRET", SECRET, "SLACK_API_URL", slack.apiUrl());
        store = Stores.embedded(java.nio.file.Files.createTempDirectory("slack-e2e"));
        BotCore core = BotCore.load();
        // An organization's overlay for one code no other test pastes (AADSTS50020).
        java.nio.file.Path overlay = java.nio.file.Files.createTempDirectory("slack-overlay");
        java.nio.file.Files.writeString(overlay.resolve("org.yaml"), """
                organization: Contoso <!here>
                rules:
                  - codes: [50020]
                    note: "Guests are invited only by the service desk, never <@U0ANYONE>."
                    contact: {slack: C0HELPDESK1}
                    links: [{label: Guest access form, url: "https://contoso.example/forms/guest"}]
                """);
        core.useOverlay(new dev.aadsts.core.overlay.OverlayLoader(core.catalog()).load(overlay));
        mount = SlackMount.fromEnvironment(env, core, store);
        server = BotServer.start(ServerConfig.fromEnvironment(env, true), core, mount::mount);
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
    void forgetEarlierCalls() throws InterruptedException {
        Thread.sleep(SETTLE.toMillis());
        slack.drain("/api/chat.postMessage");
        slack.drain("/respond/share");
        slack.drain("/respond/feedback");
        slack.drain("/api/chat.unfurl");
        slack.drain("/api/views.publish");
    }

    static String sign(String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body)
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> post(String body, String contentType, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/slack/events"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> signed(String body, String contentType, String... extraHeaders)
            throws Exception {
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        Map<String, String> headers = new java.util.HashMap<>(Map.of(
                "X-Slack-Request-Timestamp", ts, "X-Slack-Signature", sign(ts, body)));
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            headers.put(extraHeaders[i], extraHeaders[i + 1]);
        }
        return post(body, contentType, headers);
    }

    private static String messageEvent(String eventId, String channel, String channelType, String text,
                                       String ts, String threadTs, String extra) throws Exception {
        ObjectNode event = JSON.createObjectNode();
        event.put("type", "message").put("channel", channel).put("user", "U0USER1").put("text", text)
                .put("ts", ts).put("event_ts", ts).put("channel_type", channelType).put("team", "T0001");
        if (threadTs != null) {
            event.put("thread_ts", threadTs);
        }
        event.putArray("blocks").addObject().put("type", "rich_text").put("block_id", "b" + eventId)
                .putArray("elements").addObject().put("type", "rich_text_section")
                .putArray("elements").addObject().put("type", "text").put("text", text);
        if (extra != null) {
            event.setAll((ObjectNode) JSON.readTree(extra));
        }
        return callback(eventId, event);
    }

    private static String callback(String eventId, JsonNode event) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put("token", "legacy").put("team_id", "T0001").put("api_app_id", "A0001").set("event", event);
        root.put("type", "event_callback").put("event_id", eventId).put("event_time", 1700000100);
        root.putArray("authorizations").addObject().put("team_id", "T0001").put("user_id", "UBOT0001")
                .put("is_bot", true);
        return JSON.writeValueAsString(root);
    }

    private static String nextEventId() {
        return "Ev" + (100000 + IDS.incrementAndGet());
    }

    private static String nextTs() {
        return "1700000100." + (100000 + IDS.incrementAndGet());
    }

    /** Every text value in the blocks, decoded from JSON: what Slack would read as mrkdwn. */
    private static String texts(JsonNode node) {
        StringBuilder all = new StringBuilder();
        if (node.isTextual()) {
            all.append(node.asText()).append('\n');
        }
        node.forEach(child -> all.append(texts(child)));
        return all.toString();
    }

    private static JsonNode blocksOf(SlackStandIn.Call call) throws Exception {
        return JSON.readTree(call.form().get("blocks"));
    }

    @Test
    void answersUrlVerification() throws Exception {
        HttpResponse<String> r = signed("{\"token\":\"x\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\","
                + "\"type\":\"url_verification\"}", "application/json");
        assertEquals(200, r.statusCode());
        assertEquals("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", r.body());
    }

    @Test
    void aPastedErrorInAChannelIsAnsweredInItsThread() throws Exception {
        String ts = nextTs();
        HttpResponse<String> ack = signed(messageEvent(nextEventId(), "C0001", "channel",
                "anyone seen this? AADSTS700016: Application with identifier 'abc' was not found in the directory "
                        + "'contoso'. Trace ID: 0b5a3f2e-1111-2222-3333-444455556666", ts, null, null),
                "application/json");
        assertEquals(200, ack.statusCode());
        SlackStandIn.Call post = slack.next("/api/chat.postMessage", WAIT);
        assertNotNull(post, "the bot posted");
        assertEquals("C0001", post.form().get("channel"));
        assertEquals(ts, post.form().get("thread_ts"), "answers in a thread under the message");
        JsonNode blocks = blocksOf(post);
        assertEquals("header", blocks.get(0).get("type").asText());
        assertTrue(blocks.get(0).get("text").get("text").asText().startsWith("AADSTS700016 · "));
        assertTrue(blocks.toString().contains("0b5a3f2e-1111-2222-3333-444455556666"), "trace id shown");
        assertTrue(blocks.toString().contains("https://login.microsoftonline.com/error?code=700016"));
        assertTrue(blocks.size() <= 50);
        assertTrue(post.form().get("text").contains("AADSTS700016"), "fallback text for notifications");
    }

    @Test
    void repliesInsideAnExistingThreadAndInDirectMessages() throws Exception {
        String parent = nextTs();
        signed(messageEvent(nextEventId(), "C0002", "channel", "AADSTS50126: Error validating credentials", nextTs(),
                parent, null), "application/json");
        SlackStandIn.Call post = slack.next("/api/chat.postMessage", WAIT);
        assertEquals(parent, post.form().get("thread_ts"));
        String dmTs = nextTs();
        signed(messageEvent(nextEventId(), "D0001", "im", "got aadsts50058 when opening teams", dmTs, null, null),
                "application/json");
        SlackStandIn.Call dm = slack.next("/api/chat.postMessage", WAIT);
        assertEquals("D0001", dm.form().get("channel"));
        assertEquals(dmTs, dm.form().get("thread_ts"));
        assertTrue(texts(blocksOf(dm)).contains("How to fix"), "a direct message gets the full card");
        assertFalse(dm.form().get("blocks").contains("aadsts_expand_"), dm.form().get("blocks"));
        assertTrue(texts(blocksOf(post)).contains("First thing to try"), "a channel gets the compact card");
        assertTrue(post.form().get("blocks").contains("aadsts_expand_50126"), post.form().get("blocks"));
    }

    @Test
    void severalCodesInAChannelAreOneShortListThatExpandsInPlace() throws Exception {
        signed(messageEvent(nextEventId(), "C0009", "channel", dev.aadsts.core.SampleReplies.SEVEN_CODES, nextTs(),
                null, null), "application/json");
        SlackStandIn.Call post = slack.next("/api/chat.postMessage", WAIT);
        JsonNode blocks = blocksOf(post);
        assertTrue(blocks.size() <= 10, "one short message: " + blocks.size() + " blocks");
        assertTrue(post.form().get("blocks").length() < 8_000, post.form().get("blocks").length() + " characters");
        assertTrue(texts(blocks).contains("7 sign-in errors in this message"), texts(blocks));
        JsonNode row = null;
        for (JsonNode b : blocks) {
            if (b.path("block_id").asText().equals("aadsts_card_50126_c0")) {
                row = b;
            }
        }
        assertNotNull(row, blocks.toString());
        JsonNode expand = row.get("accessory");
        assertEquals("aadsts_expand_50126", expand.get("action_id").asText());

        // Slack sends the message the button sits in along with the click.
        ObjectNode payload = JSON.createObjectNode();
        payload.put("type", "block_actions").put("api_app_id", "A0001").put("token", "legacy")
                .put("trigger_id", "1.2.3").put("response_url", slack.responseUrl("expand"));
        payload.putObject("user").put("id", "U0USER2").put("username", "sam").put("team_id", "T0001");
        payload.putObject("team").put("id", "T0001").put("domain", "contoso");
        payload.putObject("channel").put("id", "C0009").put("name", "identity");
        payload.putObject("container").put("type", "message").put("message_ts", "1700000100.5")
                .put("channel_id", "C0009").put("is_ephemeral", false);
        ObjectNode message = payload.putObject("message");
        message.put("type", "message").put("ts", "1700000100.5").put("text", post.form().get("text"))
                .put("bot_id", "B0001").set("blocks", blocks);
        payload.putArray("actions").addObject().put("type", "button").put("action_id", "aadsts_expand_50126")
                .put("block_id", "aadsts_card_50126_c0").put("value", expand.get("value").asText())
                .put("action_ts", "1700000200.1");
        HttpResponse<String> click = signed("payload=" + URLEncoder.encode(JSON.writeValueAsString(payload),
                StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
        assertEquals(200, click.statusCode());
        SlackStandIn.Call replaced = slack.next("/respond/expand", WAIT);
        assertNotNull(replaced, "the message is replaced through the click's response URL");
        JsonNode response = JSON.readTree(replaced.body());
        assertTrue(response.get("replace_original").asBoolean(), replaced.body());
        JsonNode after = response.get("blocks");
        String text = texts(after);
        assertTrue(text.contains("AADSTS50126 · ") && text.contains("How to fix"), text);
        assertTrue(text.contains("alice@contoso.com"), "the row's own facts come back");
        assertTrue(after.toString().contains("aadsts_card_90002_c0"), "the other rows stay");
        assertTrue(after.size() <= 50);
        assertFalse(after.toString().contains("aadsts_expand_50126"), "nothing left to expand for that code");
    }

    @Test
    void readsCodesFromBlocksAndAttachmentsToo() throws Exception {
        String extra = "{\"attachments\":[{\"fallback\":\"x\",\"text\":\"AADSTS7000222: secret expired\"}]}";
        signed(messageEvent(nextEventId(), "C0003", "channel", "see attachment", nextTs(), null, extra),
                "application/json");
        SlackStandIn.Call post = slack.next("/api/chat.postMessage", WAIT);
        assertNotNull(post);
        assertTrue(blocksOf(post).get(0).toString().contains("AADSTS7000222"));
    }

    @Test
    void staysSilentForBotsEditsAndTextWithoutCodes() throws Exception {
        signed(messageEvent(nextEventId(), "C0004", "channel", "AADSTS50011: from another bot", nextTs(), null,
                "{\"bot_id\":\"B0OTHER\"}"), "application/json");
        signed(messageEvent(nextEventId(), "C0004", "channel", "AADSTS50011: from us", nextTs(), null,
                "{\"user\":\"UBOT0001\"}"), "application/json");
        signed(messageEvent(nextEventId(), "C0004", "channel", "AADSTS50011: edited", nextTs(), null,
                "{\"subtype\":\"message_changed\"}"), "application/json");
        signed(messageEvent(nextEventId(), "C0004", "channel", "AADSTS50011 bot message", nextTs(), null,
                "{\"subtype\":\"bot_message\",\"bot_id\":\"B0OTHER\"}"), "application/json");
        signed(messageEvent(nextEventId(), "C0004", "channel", "lunch at noon? error code 404", nextTs(), null, null),
                "application/json");
        assertNull(slack.next("/api/chat.postMessage", SETTLE.multipliedBy(2)));
    }

    @Test
    void aRetriedEventGetsOneReplyAndACodeIsAnsweredOncePerThread() throws Exception {
        String eventId = nextEventId();
        String ts = nextTs();
        String body = messageEvent(eventId, "C0005", "channel", "AADSTS50076: MFA required", ts, null, null);
        assertEquals(200, signed(body, "application/json").statusCode());
        assertEquals(200, signed(body, "application/json", "X-Slack-Retry-Num", "1",
                "X-Slack-Retry-Reason", "http_timeout").statusCode());
        assertNotNull(slack.next("/api/chat.postMessage", WAIT));
        signed(messageEvent(nextEventId(), "C0005", "channel", "still AADSTS50076 here", nextTs(), ts, null),
                "application/json");
        assertNull(slack.next("/api/chat.postMessage", SETTLE.multipliedBy(2)), "one reply in all");
    }

    @Test
    void escapesWhatUsersTyped() throws Exception {
        signed(messageEvent(nextEventId(), "C0006", "channel",
                "AADSTS90014: <!channel> <@U0BOSS> <https://evil.example|login here> & more", nextTs(), null, null),
                "application/json");
        SlackStandIn.Call post = slack.next("/api/chat.postMessage", WAIT);
        String texts = texts(blocksOf(post));
        assertFalse(texts.contains("<!channel>"), texts);
        assertFalse(texts.contains("<@U0BOSS>"), texts);
        assertFalse(texts.contains("<https://evil.example"), texts);
        assertTrue(texts.contains("&lt;!channel&gt; &lt;@U0BOSS&gt;"), texts);
        assertFalse(post.form().get("text").contains("<!channel>"));
    }

    @Test
    void aMentionWithoutACodeGetsHelp() throws Exception {
        ObjectNode event = JSON.createObjectNode();
        String ts = nextTs();
        event.put("type", "app_mention").put("user", "U0USER1").put("text", "<@UBOT0001> hi there")
                .put("ts", ts).put("channel", "C0007").put("event_ts", ts);
        signed(callback(nextEventId(), event), "application/json");
        SlackStandIn.Call post = slack.next("/api/chat.postMessage", WAIT);
        assertTrue(texts(blocksOf(post)).contains("/aadsts search"), post.form().get("blocks"));
        assertEquals(ts, post.form().get("thread_ts"));
    }

    @Test
    void slashCommandAnswersEphemerallyAndSharesOnRequest() throws Exception {
        String form = "token=legacy&team_id=T0001&team_domain=contoso&channel_id=C0008&channel_name=identity"
                + "&user_id=U0USER1&user_name=alex&command=%2Faadsts&text=700027&api_app_id=A0001"
                + "&response_url=" + URLEncoder.encode(slack.responseUrl("cmd"), StandardCharsets.UTF_8)
                + "&trigger_id=123.456.abc";
        HttpResponse<String> r = signed(form, "application/x-www-form-urlencoded");
        assertEquals(200, r.statusCode());
        JsonNode answer = JSON.readTree(r.body());
        assertEquals("ephemeral", answer.get("response_type").asText());
        JsonNode blocks = answer.get("blocks");
        assertTrue(blocks.get(0).get("text").get("text").asText().startsWith("AADSTS700027 · "));
        JsonNode share = blocks.get(blocks.size() - 1).get("elements").get(0);
        assertEquals("aadsts_share", share.get("action_id").asText());

        ObjectNode payload = JSON.createObjectNode();
        payload.put("type", "block_actions").put("api_app_id", "A0001").put("token", "legacy")
                .put("trigger_id", "1.2.3").put("response_url", slack.responseUrl("share"));
        payload.putObject("user").put("id", "U0USER1").put("username", "alex").put("team_id", "T0001");
        payload.putObject("team").put("id", "T0001").put("domain", "contoso");
        payload.putObject("channel").put("id", "C0008").put("name", "identity");
        payload.putObject("container").put("type", "message").put("is_ephemeral", true).put("channel_id", "C0008");
        payload.putArray("actions").addObject().put("type", "button").put("action_id", "aadsts_share")
                .put("block_id", "x").put("value", share.get("value").asText()).put("action_ts", "1700000200.1");
        HttpResponse<String> click = signed("payload=" + URLEncoder.encode(JSON.writeValueAsString(payload),
                StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
        assertEquals(200, click.statusCode());
        SlackStandIn.Call shared = slack.next("/api/chat.postMessage", WAIT);
        assertEquals("C0008", shared.form().get("channel"));
        assertNull(shared.form().get("thread_ts"));
        assertTrue(texts(blocksOf(shared)).contains("Shared by <@U0USER1>"));
        assertFalse(shared.form().get("blocks").contains("aadsts_share"), "no share button once shared");
        SlackStandIn.Call deleted = slack.next("/respond/share", WAIT);
        assertTrue(deleted.body().contains("\"delete_original\":true"), deleted.body());
    }

    /** A block_actions payload as Slack sends it for a click on one button. */
    private static String click(String actionId, String value, String responseUrl, String user, String channel,
                                boolean inHome) throws Exception {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("type", "block_actions").put("api_app_id", "A0001").put("token", "legacy")
                .put("trigger_id", "1.2.3");
        if (responseUrl != null) {
            payload.put("response_url", responseUrl);
        }
        payload.putObject("user").put("id", user).put("username", "alex").put("team_id", "T0001");
        payload.putObject("team").put("id", "T0001").put("domain", "contoso");
        if (channel != null) {
            payload.putObject("channel").put("id", channel).put("name", "identity");
            payload.putObject("container").put("type", "message").put("is_ephemeral", true)
                    .put("channel_id", channel);
        }
        if (inHome) {
            payload.putObject("container").put("type", "view").put("view_id", "V0HOME");
            payload.putObject("view").put("id", "V0HOME").put("type", "home").put("team_id", "T0001");
        }
        payload.putArray("actions").addObject().put("type", "button").put("action_id", actionId)
                .put("block_id", "x").put("value", value).put("action_ts", "1700000200.1");
        return "payload=" + URLEncoder.encode(JSON.writeValueAsString(payload), StandardCharsets.UTF_8);
    }

    private static String slash(String text, String channel) {
        return "token=legacy&team_id=T0001&team_domain=contoso&channel_id=" + channel + "&channel_name=identity"
                + "&user_id=U0USER1&user_name=alex&command=%2Faadsts&text=" + URLEncoder.encode(text,
                StandardCharsets.UTF_8) + "&api_app_id=A0001&response_url="
                + URLEncoder.encode(slack.responseUrl("cmd"), StandardCharsets.UTF_8) + "&trigger_id=123.456.abc";
    }

    @Test
    void aReplayedOrDoubleClickedShareIsPostedOnce() throws Exception {
        JsonNode blocks = JSON.readTree(signed(slash("50126", "C0020"), "application/x-www-form-urlencoded").body())
                .get("blocks");
        String shareId = blocks.get(blocks.size() - 1).get("elements").get(0).get("value").asText();
        String body = click("aadsts_share", shareId, slack.responseUrl("share"), "U0USER1", "C0020", false);
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        Map<String, String> headers = Map.of("X-Slack-Request-Timestamp", ts, "X-Slack-Signature", sign(ts, body));
        // The very same signed request twice, as a replay (or Slack's retry of a double click) delivers it.
        assertEquals(200, post(body, "application/x-www-form-urlencoded", headers).statusCode());
        assertEquals(200, post(body, "application/x-www-form-urlencoded", headers).statusCode());
        assertNotNull(slack.next("/api/chat.postMessage", WAIT), "shared once");
        assertNull(slack.next("/api/chat.postMessage", SETTLE.multipliedBy(2)), "and only once");
        List<SlackStandIn.Call> responses = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            responses.add(slack.next("/respond/share", WAIT));
        }
        assertTrue(responses.stream().anyMatch(r -> r.body().contains("\"delete_original\":true")),
                responses.toString());
        assertTrue(responses.stream().anyMatch(r -> r.body().contains("already shared")
                && r.body().contains("\"response_type\":\"ephemeral\"")), responses.toString());
    }

    @Test
    void feedbackIsOneVotePerPersonAndCodeAndStoresNoUserId() throws Exception {
        JsonNode blocks = JSON.readTree(signed(slash("7000222", "C0021"), "application/x-www-form-urlencoded")
                .body()).get("blocks");
        JsonNode buttons = null;
        for (JsonNode b : blocks) {
            if (b.path("type").asText().equals("actions")
                    && b.path("elements").path(0).path("action_id").asText().startsWith("aadsts_feedback_")) {
                buttons = new ObjectMapper().createArrayNode();
                for (JsonNode e : b.get("elements")) {
                    if (e.path("action_id").asText().startsWith("aadsts_feedback_")) {
                        ((com.fasterxml.jackson.databind.node.ArrayNode) buttons).add(e);
                    }
                }
            }
        }
        assertNotNull(buttons, "the card has feedback buttons: " + blocks);
        String helpful = buttons.get(0).get("value").asText();
        String notHelpful = buttons.get(1).get("value").asText();
        signed(click(buttons.get(0).get("action_id").asText(), helpful, slack.responseUrl("feedback"), "U0VOTER1",
                "C0021", false), "application/x-www-form-urlencoded");
        assertTrue(slack.next("/respond/feedback", WAIT).body().contains("Thanks for the feedback on AADSTS7000222"));
        signed(click(buttons.get(1).get("action_id").asText(), notHelpful, slack.responseUrl("feedback"),
                "U0VOTER1", "C0021", false), "application/x-www-form-urlencoded");
        assertTrue(slack.next("/respond/feedback", WAIT).body().contains("one vote per person"));
        signed(click(buttons.get(0).get("action_id").asText(), helpful, slack.responseUrl("feedback"), "U0VOTER2",
                "C0021", false), "application/x-www-form-urlencoded");
        assertNotNull(slack.next("/respond/feedback", WAIT));
        assertEquals(List.of(new dev.aadsts.core.stats.Helpfulness("7000222", 1, 1)),
                store.stats().helpfulness(10).stream().filter(h -> h.code().equals("7000222")).toList());
    }

    @Test
    void slashCommandStatsShowsTheCodesSeen() throws Exception {
        signed(slash("AADSTS99999990 something new", "C0022"), "application/x-www-form-urlencoded");
        Thread.sleep(SETTLE.toMillis());
        JsonNode answer = JSON.readTree(signed(slash("stats", "C0022"), "application/x-www-form-urlencoded").body());
        assertEquals("ephemeral", answer.get("response_type").asText());
        String text = texts(answer.get("blocks"));
        assertTrue(text.contains("Codes pasted most, last 7 days"), text);
        assertTrue(text.contains("Codes not in the catalog yet, last 30 days\n  AADSTS99999990"), text);
        assertTrue(text.contains("Helpful / not helpful, per code"), text);
    }

    @Test
    void theWeeklyDigestIsPostedToTheConfiguredChannelOnce() throws Exception {
        var target = dev.aadsts.app.stats.StatsDigestSetting.parse(Map.of("STATS_DIGEST_CHANNEL", "C0DIGEST1"));
        // A Monday morning a year from now: a week no other test has claimed.
        java.time.Clock monday = java.time.Clock.fixed(java.time.Instant.parse("2027-11-29T09:00:00Z"),
                java.time.ZoneOffset.UTC);
        var digest = dev.aadsts.app.stats.StatsDigestSetting.digest(target, BotCore.load(), store, mount.bot(), null,
                monday);
        assertTrue(digest.sendIfDue());
        assertFalse(digest.sendIfDue(), "once a week");
        SlackStandIn.Call post = slack.next("/api/chat.postMessage", WAIT);
        assertEquals("C0DIGEST1", post.form().get("channel"));
        assertTrue(post.form().get("text").startsWith("AADSTS codes, week 2027-W48"), post.form().get("text"));
        assertTrue(post.form().get("text").contains("Helpful / not helpful, per code"), post.form().get("text"));
    }

    @Test
    void aLinkToMicrosoftsLookupGetsAPreview() throws Exception {
        ObjectNode event = JSON.createObjectNode();
        String ts = nextTs();
        event.put("type", "link_shared").put("channel", "C0023").put("user", "U0USER1").put("message_ts", ts)
                .put("event_ts", ts).put("unfurl_id", "U123").put("source", "conversations_history");
        var links = event.putArray("links");
        links.addObject().put("domain", "login.microsoftonline.com")
                .put("url", "https://login.microsoftonline.com/error?code=50011");
        links.addObject().put("domain", "learn.microsoft.com")
                .put("url", "https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes");
        assertEquals(200, signed(callback(nextEventId(), event), "application/json").statusCode());
        SlackStandIn.Call unfurl = slack.next("/api/chat.unfurl", WAIT);
        assertNotNull(unfurl);
        assertEquals("C0023", unfurl.form().get("channel"));
        assertEquals(ts, unfurl.form().get("ts"));
        JsonNode unfurls = JSON.readTree(unfurl.form().get("unfurls"));
        assertEquals(1, unfurls.size(), "only the link about one code: " + unfurls);
        assertTrue(texts(unfurls.get("https://login.microsoftonline.com/error?code=50011")).contains("AADSTS50011 · "),
                unfurls.toString());
    }

    @Test
    void theHomeTabShowsTopCodesAndAnswersItsSearchBox() throws Exception {
        ObjectNode event = JSON.createObjectNode();
        event.put("type", "app_home_opened").put("user", "U0USER1").put("channel", "D0HOME").put("tab", "home")
                .put("event_ts", nextTs());
        signed(messageEvent(nextEventId(), "C0024", "channel", "AADSTS50058 again", nextTs(), null, null),
                "application/json");
        assertNotNull(slack.next("/api/chat.postMessage", WAIT));
        signed(callback(nextEventId(), event), "application/json");
        SlackStandIn.Call published = slack.next("/api/views.publish", WAIT);
        assertNotNull(published);
        assertEquals("U0USER1", published.form().get("user_id"));
        JsonNode view = JSON.readTree(published.form().get("view"));
        assertEquals("home", view.get("type").asText());
        assertTrue(view.toString().contains("\"dispatch_action\":true"), view.toString());
        assertTrue(texts(view).contains("This week's top codes in this workspace"), view.toString());
        assertTrue(texts(view).contains("*AADSTS50058*"), view.toString());

        signed(click("aadsts_home_search", "expired secret", null, "U0USER1", null, true),
                "application/x-www-form-urlencoded");
        JsonNode results = JSON.readTree(slack.next("/api/views.publish", WAIT).form().get("view"));
        assertTrue(results.toString().contains("\"action_id\":\"aadsts_explain_7000222\""), results.toString());

        signed(click("aadsts_explain_7000222", "7000222", null, "U0USER1", null, true),
                "application/x-www-form-urlencoded");
        JsonNode card = JSON.readTree(slack.next("/api/views.publish", WAIT).form().get("view"));
        assertTrue(texts(card).contains("AADSTS7000222 · "), card.toString());
        assertEquals("home", card.get("type").asText());
    }

    @Test
    void slashCommandSearchAndHelp() throws Exception {
        for (String[] c : new String[][] {{"search+expired+secret", "7000222"}, {"help", "/aadsts search"}}) {
            String form = "command=%2Faadsts&text=" + c[0] + "&team_id=T0001&channel_id=C0009&user_id=U0USER1"
                    + "&response_url=" + URLEncoder.encode(slack.responseUrl("x"), StandardCharsets.UTF_8);
            HttpResponse<String> r = signed(form, "application/x-www-form-urlencoded");
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains(c[1]), r.body());
        }
    }

    @Test
    void refusesUnsignedStaleAndForgedRequests() throws Exception {
        String body = messageEvent(nextEventId(), "C0010", "channel", "AADSTS50011: x", nextTs(), null, null);
        assertEquals(401, post(body, "application/json", Map.of()).statusCode());
        String old = Long.toString(System.currentTimeMillis() / 1000 - 6 * 60);
        assertEquals(401, post(body, "application/json",
                Map.of("X-Slack-Request-Timestamp", old, "X-Slack-Signature", sign(old, body))).statusCode());
        String now = Long.toString(System.currentTimeMillis() / 1000);
        HttpResponse<String> forged = post(body, "application/json",
                Map.of("X-Slack-Request-Timestamp", now, "X-Slack-Signature", sign(now, body + " ")));
        assertEquals(401, forged.statusCode());
        assertTrue(JSON.readTree(forged.body()).get("error").asText().contains("signature"));
        assertNull(slack.next("/api/chat.postMessage", SETTLE.multipliedBy(2)), "nothing posted");
    }

    @Test
    void malformedBodiesAre400() throws Exception {
        assertEquals(400, signed("{\"type\": \"event_callback\", ", "application/json").statusCode());
        assertEquals(400, signed("hello=world", "application/x-www-form-urlencoded").statusCode());
        assertEquals(400, signed("payload=%7Bnot-json", "application/x-www-form-urlencoded").statusCode());
    }

    @Test
    void serverErrorsAreRetriedWithBackoffAndCounted() throws Exception {
        slack.failNext(2);
        signed(messageEvent(nextEventId(), "C0012", "channel", "AADSTS50034: no such user", nextTs(), null, null),
                "application/json");
        SlackStandIn.Call first = slack.next("/api/chat.postMessage", WAIT);
        SlackStandIn.Call second = slack.next("/api/chat.postMessage", WAIT);
        SlackStandIn.Call third = slack.next("/api/chat.postMessage", WAIT);
        assertEquals(List.of(503, 503, 200), List.of(first.status(), second.status(), third.status()));
        assertTrue(third.atMillis() - second.atMillis() > second.atMillis() - first.atMillis(), "backs off");
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode counters = JSON.readTree(health.body()).get("slack");
        // Thread replies go through the reply queue, which counts its own retries.
        assertTrue(counters.get("replies.retried").asLong() >= 2, health.body());
        assertTrue(counters.get("replies.delivered").asLong() >= 1, health.body());
    }

    @Test
    void aRateLimitedReplyIsDeliveredOnceAfterRetryAfter() throws Exception {
        slack.rateLimitNext(1);
        signed(messageEvent(nextEventId(), "C0011", "channel", "AADSTS50105: not assigned", nextTs(), null, null),
                "application/json");
        SlackStandIn.Call limited = slack.next("/api/chat.postMessage", WAIT);
        assertEquals(429, limited.status());
        SlackStandIn.Call delivered = slack.next("/api/chat.postMessage", WAIT);
        assertEquals(200, delivered.status());
        assertTrue(delivered.atMillis() - limited.atMillis() >= 1000, "waited for Retry-After");
        assertNull(slack.next("/api/chat.postMessage", SETTLE), "delivered exactly once");
    }

    @Test
    void theOrganizationsSectionIsPostedEscapedWithItsContactAndLinks() throws Exception {
        signed(messageEvent(nextEventId(), "C0OVERLAY", "channel", "AADSTS50020: User account from identity "
                + "provider does not exist in tenant", nextTs(), null, null), "application/json");
        SlackStandIn.Call post = slack.next("/api/chat.postMessage", WAIT);
        assertNotNull(post);
        String texts = texts(blocksOf(post));
        assertTrue(texts.contains(":office: *At Contoso &lt;!here&gt;*\nGuests are invited only by the service "
                + "desk, never &lt;@U0ANYONE&gt;."), texts);
        assertTrue(texts.contains("*Contact:* Slack: <#C0HELPDESK1>"), texts);
        assertTrue(texts.contains("*Links:* <https://contoso.example/forms/guest|Guest access form>"), texts);
        assertFalse(texts.contains("<!here>"), texts);
        assertTrue(blocksOf(post).size() <= 50);
    }
}
