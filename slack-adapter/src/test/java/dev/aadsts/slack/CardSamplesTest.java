package dev.aadsts.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.SampleReplies;
import dev.aadsts.core.alert.delivery.AlertCard;
import dev.aadsts.core.card.Card;
import dev.aadsts.slack.handler.ExpandCardHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Writes every kind of Slack message the bot sends to {@code target/card-samples/slack/} (the render check
 * type-checks them against {@code @slack/types}), and holds each to Slack's limits on the way.
 */
class CardSamplesTest {
    static final Gson GSON = GsonFactory.createSnakeCase();
    private static final BotCore CORE = BotCore.load();
    private final BlockKitCards cards = new BlockKitCards();

    static Path folder(String platform) throws IOException {
        Path dir = Path.of(System.getProperty("card.samples.dir", "../target/card-samples")).resolve(platform);
        Files.createDirectories(dir);
        return dir;
    }

    static AlertCard alert() {
        Map<String, List<String>> samples = new LinkedHashMap<>();
        samples.put("Apps", List.of("Contoso HR portal", "11112222-3333-4444-5555-666677778888"));
        samples.put("Users", List.of("alice@contoso.com", "bob@contoso.com"));
        return new AlertCard(7, "slack:C0ALERTS", "50126", "Wrong user name or password",
                "The user typed a wrong password or user name, or the account's password changed.",
                "Ask the user to sign in again at https://myaccount.microsoft.com and reset the password if needed.",
                1284, Instant.parse("2026-11-20T08:00:00Z"), Instant.parse("2026-11-20T09:12:00Z"), samples,
                "sign-ins", "https://login.microsoftonline.com/error?code=50126", List.of(1, 24));
    }

    @Test
    void everyKindOfMessageIsWrittenAndKeepsSlacksLimits() throws IOException {
        Map<String, List<LayoutBlock>> messages = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (SampleReplies.Sample s : SampleReplies.all(CORE)) {
            messages.put(s.name(), cards.render(s.reply(), s.reply().compact() ? null : "share-id"));
            texts.put(s.name(), cards.fallback(s.reply()));
        }
        List<LayoutBlock> list = messages.get("several-compact");
        Card expandedCard = CORE.router().handle(SampleReplies.SEVEN_CODES).cards().get(2);
        messages.put("several-expanded", ExpandCardHandler.expanded(list, expandedCard, cards));
        texts.put("several-expanded", texts.get("several-compact"));
        messages.put("alert", new AlertBlocks().render(alert()));
        texts.put("alert", "AADSTS50126 alerts");

        Path dir = folder("slack");
        for (var e : messages.entrySet()) {
            JsonArray blocks = JsonParser.parseString(GSON.toJson(e.getValue())).getAsJsonArray();
            assertWithinLimits(e.getKey(), blocks);
            JsonObject message = new JsonObject();
            message.addProperty("text", texts.get(e.getKey()));
            message.add("blocks", blocks);
            Files.writeString(dir.resolve(e.getKey() + ".json"), GSON.toJson(message), StandardCharsets.UTF_8);
        }
        // The review's complaint: a seven-code paste was one 46-block, 19 KB message.
        int listBytes = GSON.toJson(list).getBytes(StandardCharsets.UTF_8).length;
        assertTrue(list.size() <= 12 && listBytes < 8_000, list.size() + " blocks, " + listBytes + " bytes");
    }

    static void assertWithinLimits(String name, JsonArray blocks) {
        assertTrue(blocks.size() <= BlockKitCards.MAX_BLOCKS, name + ": " + blocks.size() + " blocks");
        Set<String> ids = new HashSet<>();
        for (JsonElement b : blocks) {
            JsonObject block = b.getAsJsonObject();
            if (block.has("block_id")) {
                assertTrue(ids.add(block.get("block_id").getAsString()), name + ": duplicate block id " + block);
            }
            if (block.get("type").getAsString().equals("header")) {
                assertTrue(text(block.get("text")).length() <= BlockKitCards.MAX_HEADER, name);
            }
            walk(name, block);
        }
    }

    private static void walk(String name, JsonElement node) {
        if (node.isJsonArray()) {
            node.getAsJsonArray().forEach(n -> walk(name, n));
        } else if (node.isJsonObject()) {
            JsonObject o = node.getAsJsonObject();
            String type = o.has("type") ? o.get("type").getAsString() : "";
            if (type.equals("mrkdwn") || type.equals("plain_text")) {
                assertTrue(text(o).length() <= BlockKitCards.MAX_TEXT, name + ": text of " + text(o).length());
            }
            if (type.equals("button")) {
                assertTrue(text(o.get("text")).length() <= BlockKitCards.MAX_BUTTON, name + ": " + o);
                if (o.has("value")) {
                    assertTrue(o.get("value").getAsString().length() <= BlockKitCards.MAX_VALUE, name + ": " + o);
                }
                assertTrue(o.get("action_id").getAsString().length() <= 255, name);
            }
            o.entrySet().forEach(e -> walk(name, e.getValue()));
        }
    }

    private static String text(JsonElement textObject) {
        return textObject.getAsJsonObject().get("text").getAsString();
    }

    @Test
    void anExpandValueSurvivesTheRoundTripAndFitsSlacksLimit() {
        Card c = CORE.router().paste(SampleReplies.ONE_CODE).cards().get(0);
        String value = ExpandValue.encode(c, BlockKitCards.MAX_VALUE);
        ExpandValue back = ExpandValue.decode(value).orElseThrow();
        assertEquals(c.code(), back.code());
        assertEquals(c.facts(), back.facts());
        Card huge = c.withPaste(List.of(new dev.aadsts.core.card.Fact("message", "Message", "x".repeat(5000))),
                List.of());
        assertTrue(ExpandValue.encode(huge, BlockKitCards.MAX_VALUE).length() <= BlockKitCards.MAX_VALUE);
        assertTrue(ExpandValue.decode("{\"code\":\"<!here>\"}").isEmpty(), "only codes");
        assertTrue(ExpandValue.decode("not json").isEmpty());
    }
}
