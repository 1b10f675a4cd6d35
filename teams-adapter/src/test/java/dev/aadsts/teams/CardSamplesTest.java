package dev.aadsts.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.SampleReplies;
import dev.aadsts.core.alert.delivery.AlertCard;
import dev.aadsts.teams.cards.AdaptiveCards;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Writes every kind of Teams card the bot sends to {@code target/card-samples/teams/}, where the render
 * check draws them with Microsoft's renderer; on the way each is held to the rules that need no browser.
 */
class CardSamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BotCore CORE = BotCore.load();

    @Test
    void everyKindOfCardIsWrittenWithAtMostThreeActionsAndNoBackticks() throws IOException {
        AdaptiveCards cards = new AdaptiveCards();
        Map<String, ObjectNode> all = new LinkedHashMap<>();
        for (SampleReplies.Sample s : SampleReplies.all(CORE)) {
            List<ObjectNode> rendered = cards.reply(s.reply());
            for (int i = 0; i < rendered.size(); i++) {
                all.put(rendered.size() == 1 ? s.name() : s.name() + "-" + (i + 1), rendered.get(i));
            }
        }
        all.put("welcome", cards.welcome());
        all.put("alert", new AlertAdaptiveCard().render(alert()));
        all.put("preview", cards.preview(CORE.cards().forCode("50011")));

        Path dir = Path.of(System.getProperty("card.samples.dir", "../target/card-samples")).resolve("teams");
        Files.createDirectories(dir);
        for (var e : all.entrySet()) {
            JsonNode card = e.getValue();
            assertEquals("1.4", card.path("version").asText(), e.getKey());
            assertTrue(card.path("actions").size() <= 3, e.getKey() + " has " + card.path("actions").size()
                    + " actions");
            String json = JSON.writeValueAsString(card);
            assertTrue(json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= AdaptiveCards.MAX_BYTES,
                    e.getKey());
            assertFalse(texts(card).contains("`"), e.getKey() + " shows a backtick: " + texts(card));
            Files.writeString(dir.resolve(e.getKey() + ".json"), JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(card));
        }
    }

    private static String texts(JsonNode node) {
        StringBuilder s = new StringBuilder();
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if ((e.getKey().equals("text") || e.getKey().equals("value") || e.getKey().equals("title"))
                        && e.getValue().isTextual()) {
                    s.append(e.getValue().asText()).append('\n');
                } else {
                    s.append(texts(e.getValue()));
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> s.append(texts(n)));
        }
        return s.toString();
    }

    static AlertCard alert() {
        Map<String, List<String>> samples = new LinkedHashMap<>();
        samples.put("Apps", List.of("Contoso HR portal", "11112222-3333-4444-5555-666677778888"));
        samples.put("Users", List.of("alice@contoso.com", "bob@contoso.com"));
        return new AlertCard(7, "teams:19:abc@thread.tacv2", "50126", "Wrong user name or password",
                "The user typed a wrong password or user name, or the account's password changed.",
                "Ask the user to sign in again at https://myaccount.microsoft.com and reset the password if needed.",
                1284, Instant.parse("2026-11-20T08:00:00Z"), Instant.parse("2026-11-20T09:12:00Z"), samples,
                "sign-ins", "https://login.microsoftonline.com/error?code=50126", List.of(1, 24));
    }
}
