package dev.aadsts.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.slack.api.model.block.LayoutBlock;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.SampleReplies;
import dev.aadsts.core.command.Reply;
import dev.aadsts.slack.handler.ExpandCardHandler;
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
        Reply reply = CORE.router().handle(paste);
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

    /** The blocks as JSON, without Gson's HTML escaping of quotes and angle brackets. */
    private static String all(List<LayoutBlock> blocks) {
        return json(blocks).toString();
    }

    @Test
    void aChannelGetsACompactCardWithTheFullPlaybookOneClickAway() {
        List<LayoutBlock> compact = cards.render(CORE.router().paste(SampleReplies.ONE_CODE), null);
        List<LayoutBlock> full = cards.render(CORE.router().handle(SampleReplies.ONE_CODE), null);
        String text = all(compact);
        assertTrue(text.contains("Most likely causes") && text.contains("First thing to try"), text);
        assertFalse(text.contains("How to fix"), "fix steps beyond the first wait behind the button");
        assertTrue(text.contains("0b5a3f2e-1111-2222-3333-444455556666"), "facts stay on the compact card");
        assertTrue(text.contains(BlockKitCards.EXPAND_ACTION_PREFIX + "50011"), text);
        assertTrue(compact.size() < full.size(), compact.size() + " vs " + full.size());
        assertTrue(all(full).contains("How to fix"));
        assertFalse(all(full).contains(BlockKitCards.EXPAND_ACTION_PREFIX), "a full card has nothing to expand");
    }

    @Test
    void severalCodesInAChannelAreOneShortListAndExpandInPlace() {
        Reply reply = CORE.router().paste(SampleReplies.SEVEN_CODES);
        List<LayoutBlock> list = cards.render(reply, null);
        assertEquals(8, list.size(), all(list));
        assertTrue(all(list).contains("7 sign-in errors"), all(list));
        for (dev.aadsts.core.card.Card c : reply.cards()) {
            long rows = list.stream().filter(b -> b.getBlockId() != null
                    && b.getBlockId().startsWith(BlockKitCards.CARD_BLOCK_PREFIX + c.code() + "_")).count();
            assertEquals(1, rows, c.code());
        }
        // The tenant from the 90002 part is on 90002's row only.
        List<String> shown = new java.util.ArrayList<>();
        strings(json(list), "text", shown);
        assertEquals(1, String.join("\n", shown).split("contoso'", -1).length - 1, String.join("\n", shown));

        dev.aadsts.core.card.Card third = reply.cards().get(2);
        String value = ExpandValue.encode(third, BlockKitCards.MAX_VALUE);
        dev.aadsts.core.card.Card fromClick = CORE.cards().forCode(ExpandValue.decode(value).orElseThrow().code())
                .withPaste(ExpandValue.decode(value).orElseThrow().facts(), List.of());
        List<LayoutBlock> expanded = ExpandCardHandler.expanded(list, fromClick, cards);
        assertTrue(expanded.size() > list.size() && expanded.size() <= BlockKitCards.MAX_BLOCKS);
        assertEquals(list.get(0), expanded.get(0), "the heading stays");
        assertEquals(list.get(1), expanded.get(1), "earlier rows stay");
        assertEquals(list.get(list.size() - 1), expanded.get(expanded.size() - 1), "later rows stay");
        String text = all(expanded);
        assertTrue(text.contains("AADSTS50126 · ") && text.contains("How to fix"), text);
        assertTrue(text.contains("alice@contoso.com"), "the paste's facts come back with the click");
    }

    @Test
    void theSecretWarningIsShownOncePerMessage() {
        String text = all(cards.render(CORE.router().paste(SampleReplies.WITH_SECRET), null));
        assertEquals(1, text.split("Your paste contained", -1).length - 1, text);
        assertFalse(text.contains("SuperSecretValue"));
    }

    @Test
    void sourcesAndTheReviewDateShowAsASmallLineOfLinks() {
        Reply sourced = SampleReplies.all(CORE).stream().filter(s -> s.name().equals("sourced-full")).findFirst()
                .orElseThrow().reply();
        String text = all(cards.render(sourced, null));
        assertTrue(text.contains("Checked November 2026 · Sources: <https://learn.microsoft.com/en-us/entra/"
                + "identity-platform/how-to-add-credentials|Add and manage application credentials>"), text);
        assertTrue(all(cards.render(CORE.router().handle("50011"), null)).contains("Checked December 2026 · Sources"),
                "every catalog entry names its sources");
        // The feedback row sits after everything else of the card.
        List<LayoutBlock> blocks = cards.render(sourced.compacted(), null);
        assertTrue(all(blocks.subList(blocks.size() - 1, blocks.size())).contains("feedback_0_7000222"),
                all(blocks));
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
