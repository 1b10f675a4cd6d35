package dev.aadsts.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.slack.api.model.block.LayoutBlock;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.command.Reply;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Block Kit output stays inside Slack's limits however much there is to say, and escapes user text. */
class BlockKitCardsTest {
    private static final BotCore CORE = BotCore.load();
    private static final com.google.gson.Gson GSON = com.slack.api.util.json.GsonFactory.createSnakeCase();
    private final BlockKitCards cards = new BlockKitCards();

    private static JsonArray json(List<LayoutBlock> blocks) {
        return JsonParser.parseString(GSON.toJson(blocks)).getAsJsonArray();
    }

    private static void strings(JsonElement node, String key, List<String> out) {
        if (node.isJsonArray()) {
            node.getAsJsonArray().forEach(n -> strings(n, key, out));
        } else if (node.isJsonObject()) {
            node.getAsJsonObject().entrySet().forEach(e -> {
                if (e.getKey().equals(key) && e.getValue().isJsonPrimitive()) {
                    out.add(e.getValue().getAsString());
                } else {
                    strings(e.getValue(), key, out);
                }
            });
        }
    }

    @Test
    void fiveLongCardsFitSlacksLimits() {
        // The five codes with the longest playbooks, with a long pasted message each.
        String paste = CORE.catalog().entries().stream()
                .filter(e -> e.playbook() != null)
                .sorted((a, b) -> Integer.compare(length(b), length(a)))
                .limit(7)
                .map(e -> "AADSTS" + e.code() + ": " + "x".repeat(550))
                .collect(Collectors.joining("\n"));
        Reply reply = CORE.router().paste(paste);
        assertEquals(5, reply.cards().size());
        List<LayoutBlock> blocks = cards.render(reply, "share-id");
        assertTrue(blocks.size() <= BlockKitCards.MAX_BLOCKS, "blocks: " + blocks.size());
        JsonArray json = json(blocks);
        List<String> texts = new java.util.ArrayList<>();
        strings(json, "text", texts);
        texts.forEach(t -> assertTrue(t.length() <= BlockKitCards.MAX_TEXT, "text of " + t.length()));
        json.forEach(b -> {
            if (b.getAsJsonObject().get("type").getAsString().equals("header")) {
                assertTrue(b.getAsJsonObject().get("text").getAsJsonObject().get("text").getAsString().length()
                        <= BlockKitCards.MAX_HEADER);
            }
        });
        assertTrue(GSON.toJson(blocks).contains("2 more codes not shown"), "names the rest");
        assertTrue(GSON.toJson(blocks).contains(BlockKitCards.SHARE_ACTION), "share button kept");
    }

    private static int length(dev.aadsts.knowledge.CatalogEntry e) {
        return Stream.of(e.playbook().causes(), e.playbook().fixes(), e.playbook().collect())
                .flatMap(List::stream).mapToInt(String::length).sum();
    }

    @Test
    void escapesUserTextSoItCannotMentionOrLink() {
        Reply reply = CORE.router().paste("AADSTS50011: <!here> <@U123> <https://x.example|click> a & b `tick`");
        List<String> texts = new java.util.ArrayList<>();
        strings(json(cards.render(reply, null)), "text", texts);
        String all = String.join("\n", texts);
        assertFalse(all.contains("<!here>"), all);
        assertFalse(all.contains("<@U123>"), all);
        assertFalse(all.contains("<https://x.example"), all);
        assertTrue(all.contains("`&lt;!here&gt; &lt;@U123&gt;"), all);
        assertFalse(cards.fallback(reply).contains("<!here>"));
    }

    @Test
    void escapingCoversTheThreeControlCharacters() {
        assertEquals("&lt;!channel&gt; &amp;", Mrkdwn.escape("<!channel> &"));
        assertEquals("`it's`", Mrkdwn.literal("it`s"));
    }

    @Test
    void settingsSayWhySlackIsOff() {
        StringBuilder why = new StringBuilder();
        assertEquals(null, SlackSettings.fromEnvironment(java.util.Map.of(), why));
        assertTrue(why.toString().contains("SLACK_BOT_TOKEN"));
        why.setLength(0);
        assertEquals(null, SlackSettings.fromEnvironment(java.util.Map.of("SLACK_BOT_TOKEN", "xoxb-1"), why));
        assertTrue(why.toString().contains("SLACK_SIGNING_SECRET"), why.toString());
        SlackSettings socket = SlackSettings.fromEnvironment(
                java.util.Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1"), why);
        assertTrue(socket.socketMode());
        assertEquals(SlackSettings.DEFAULT_API_URL, socket.apiUrl());
        assertFalse(socket.toString().contains("xoxb"), "no token in toString");
    }

    @Test
    void signatureCheckMatchesSlacksScheme() {
        RequestSignature signature = new RequestSignature("8f742231b10e8888abcd99yyyzzz85a5");
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fweather&text=94070";
        // Slack's own SDK computes the same signature independently.
        assertEquals(new com.slack.api.app_backend.SlackSignature.Generator("8f742231b10e8888abcd99yyyzzz85a5")
                .generate("1531420618", body), signature.sign("1531420618", body));
        assertEquals(null, signature.check("1531420618", signature.sign("1531420618", body), body, 1531420618L + 299));
        assertTrue(signature.check("1531420618", signature.sign("1531420618", body), body, 1531420618L + 301)
                .contains("window"));
    }

    @Test
    void theOrganizationSectionIsOneEscapedBlockBeforeOurCauses(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("o.yaml"), """
                organization: "Contoso <!channel> & Co"
                rules:
                  - codes: [50011]
                    note: "Ping <@U0BOSS> or <https://evil.example|here>"
                    fixes_before: ["Run `Get-MgApplication` first"]
                    contact: {slack: C0IDENTITY1, email: help@contoso.example}
                    links: [{label: "Runbook <b>", url: "https://wiki.contoso.example/rb"}]
                    hide: {fixes: [5]}
                """);
        BotCore core = new BotCore(CORE.catalog());
        core.useOverlay(new dev.aadsts.core.overlay.OverlayLoader(core.catalog()).load(dir));
        JsonArray blocks = json(cards.render(core.router().handle("50011"), null));
        List<String> texts = new java.util.ArrayList<>();
        strings(blocks, "text", texts);
        String org = texts.stream().filter(t -> t.startsWith(":office: ")).findFirst().orElseThrow();
        assertTrue(org.startsWith(":office: *At Contoso &lt;!channel&gt; &amp; Co*\nPing &lt;@U0BOSS&gt; or "
                + "&lt;https://evil.example|here&gt;\n*First, before our steps below*\n1. Run `Get-MgApplication` first"),
                org);
        assertTrue(org.contains("*Contact:* Slack: <#C0IDENTITY1> · Email: <mailto:help@contoso.example|"
                + "help@contoso.example>"), org);
        assertTrue(org.contains("*Links:* <https://wiki.contoso.example/rb|Runbook &lt;b&gt;>"), org);
        assertTrue(org.endsWith("_Hidden here: 1 fix step of ours that does not apply at Contoso &lt;!channel&gt; "
                + "&amp; Co._"), org);
        assertTrue(texts.indexOf(org) < texts.stream().filter(t -> t.startsWith("*Likely causes*")).findFirst()
                .map(texts::indexOf).orElseThrow(), texts.toString());
        assertFalse(texts.stream().anyMatch(t -> t.startsWith("*How to fix*") && t.contains("\n5. ")));
    }
}
