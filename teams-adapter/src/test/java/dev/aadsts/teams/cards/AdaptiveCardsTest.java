package dev.aadsts.teams.cards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.card.Card;
import dev.aadsts.core.card.CardAction;
import dev.aadsts.core.card.Fact;
import dev.aadsts.core.command.Reply;
import dev.aadsts.knowledge.Audience;
import dev.aadsts.knowledge.CatalogEntry;
import dev.aadsts.knowledge.Category;
import dev.aadsts.knowledge.SearchHit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Adaptive Cards for Teams from real catalog replies: schema, layout, buttons, escaping and size. */
class AdaptiveCardsTest {
    private static final BotCore CORE = BotCore.load();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String LOOKUP = "https://login.microsoftonline.com/error?code=";
    /** Adaptive Cards 1.4 elements and actions, and the only ones this renderer may use. */
    private static final Set<String> ALLOWED_TYPES = Set.of("AdaptiveCard", "TextBlock", "FactSet", "Container",
            "ColumnSet", "Column", "ActionSet", "Action.OpenUrl", "Action.ShowCard", "Action.Submit", "RichTextBlock",
            "TextRun");

    private final AdaptiveCards cards = new AdaptiveCards();

    // ---- helpers ----------------------------------------------------------------------------------------

    private static String json(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Every node (at any depth) whose "type" is the given one. */
    private static List<JsonNode> ofType(JsonNode node, String type) {
        List<JsonNode> out = new ArrayList<>();
        collect(node, type, out);
        return out;
    }

    private static void collect(JsonNode node, String type, List<JsonNode> out) {
        if (node.isObject() && type.equals(node.path("type").asText(null))) {
            out.add(node);
        }
        node.forEach(child -> collect(child, type, out));
    }

    /** The text of every TextBlock and every fact value, outside any ShowCard (what shows before a click). */
    private static String visibleText(JsonNode card) {
        StringBuilder s = new StringBuilder();
        for (JsonNode element : card.path("body")) {
            for (JsonNode t : ofType(element, "TextBlock")) {
                s.append(t.path("text").asText()).append('\n');
            }
            for (JsonNode f : ofType(element, "FactSet")) {
                f.path("facts").forEach(x -> s.append(x.path("title").asText()).append(": ")
                        .append(x.path("value").asText()).append('\n'));
            }
        }
        return s.toString();
    }

    private static void assertValidCard(JsonNode card) {
        assertEquals("AdaptiveCard", card.path("type").asText(), json(card));
        assertEquals("http://adaptivecards.io/schemas/adaptive-card.json", card.path("$schema").asText());
        assertEquals("1.4", card.path("version").asText());
        assertTrue(card.path("body").isArray() && card.path("body").size() > 0, "has a body");
        assertTrue(AdaptiveCards.bytes(card) <= AdaptiveCards.MAX_BYTES, "size " + AdaptiveCards.bytes(card));
        assertTrue(card.path("actions").size() <= AdaptiveCards.MAX_ACTIONS, "buttons: " + card.path("actions"));
        assertTypesAllowed(card);
    }

    private static void assertTypesAllowed(JsonNode node) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("type")) {
                    assertTrue(ALLOWED_TYPES.contains(e.getValue().asText()), "type " + e.getValue());
                } else if (!e.getKey().equals("msteams")) {
                    assertTypesAllowed(e.getValue());
                }
            });
        } else if (node.isArray()) {
            node.forEach(AdaptiveCardsTest::assertTypesAllowed);
        }
    }

    private static JsonNode showCard(JsonNode card, String title) {
        for (JsonNode a : card.path("actions")) {
            if (a.path("type").asText().equals("Action.ShowCard") && a.path("title").asText().equals(title)) {
                return a.path("card");
            }
        }
        throw new AssertionError("no ShowCard \"" + title + "\" in " + json(card));
    }

    private static List<JsonNode> explainButtons(JsonNode card) {
        return ofType(card, "Action.Submit").stream()
                .filter(a -> a.path("data").path("action").asText().equals("explain")).toList();
    }

    private static void assertExplainButton(JsonNode button, String code) {
        JsonNode data = button.path("data");
        assertEquals("explain", data.path("action").asText());
        assertEquals(code, data.path("code").asText());
        JsonNode teams = data.path("msteams");
        assertEquals("messageBack", teams.path("type").asText(), json(button));
        assertEquals("aadsts " + code, teams.path("text").asText());
        assertEquals("aadsts " + code, teams.path("displayText").asText());
    }

    private static Card only(Reply reply) {
        assertEquals(Reply.Kind.CARDS, reply.kind(), reply.text());
        return reply.cards().get(0);
    }

    // ---- tests ------------------------------------------------------------------------------------------

    @Test
    void everyKindOfCardStatesSchemaAndVersionAndUsesOnly14Elements() {
        List<ObjectNode> all = new ArrayList<>();
        all.addAll(cards.reply(CORE.router().handle("700027")));
        all.addAll(cards.reply(CORE.router().handle("AADSTS99999991")));
        all.addAll(cards.reply(CORE.router().paste("AADSTS50011 AADSTS50012 AADSTS50020 AADSTS50034 AADSTS50053 "
                + "AADSTS50055 AADSTS50057")));
        all.addAll(cards.reply(CORE.router().handle("AADSTS50011 AADSTS50012 AADSTS50020 AADSTS50034 AADSTS50053 "
                + "AADSTS50055 AADSTS50057")));
        all.addAll(cards.reply(CORE.router().paste("AADSTS50011: The redirect URI does not match.")));
        all.addAll(cards.reply(CORE.router().handle("search expired secret")));
        all.addAll(cards.reply(CORE.router().handle("help")));
        all.addAll(cards.reply(CORE.router().handle("search")));
        all.add(cards.welcome());
        all.add(cards.preview(CORE.cards().forCode("50011")));
        assertEquals(15, all.size());
        for (ObjectNode card : all) {
            assertValidCard(card);
            assertFalse(json(card).contains("Action.Execute"), "no universal actions");
        }
    }

    /** Every TextBlock text (and TextRun) at any depth of a node, one a line. */
    private static String allText(JsonNode node) {
        StringBuilder s = new StringBuilder();
        ofType(node, "TextBlock").forEach(t -> s.append(t.path("text").asText()).append('\n'));
        ofType(node, "TextRun").forEach(t -> s.append(t.path("text").asText()).append('\n'));
        return s.toString();
    }

    private static List<String> actionTitles(JsonNode card) {
        List<String> titles = new ArrayList<>();
        card.path("actions").forEach(a -> titles.add(a.path("title").asText()));
        return titles;
    }

    @Test
    void fullCardShowsCausesAndFixesWithThreeShortActions() {
        Card c = only(CORE.router().handle("7000222"));
        ObjectNode card = cards.card(c);
        assertEquals("Full", card.path("msteams").path("width").asText());
        JsonNode body = card.path("body");
        assertTrue(body.get(0).path("text").asText().startsWith("AADSTS7000222"), json(body.get(0)));
        assertEquals(c.title(), body.get(1).path("text").asText());
        assertEquals("Bolder", body.get(1).path("weight").asText());
        assertEquals("Large", body.get(1).path("size").asText());
        String visible = visibleText(card);
        assertTrue(visible.contains("Who acts: "), visible);
        assertTrue(visible.contains("Likely causes") && visible.contains("How to fix"), visible);
        assertFalse(visible.contains("Shortened"), "a catalog card fits whole");
        List<String> titles = actionTitles(card);
        assertEquals(List.of("Checklist", "More", "Look up"), titles);
        titles.forEach(t -> assertTrue(t.length() <= 10, t));
        String checklist = allText(showCard(card, "Checklist"));
        assertTrue(checklist.contains("What to collect for a ticket"), checklist);
    }

    @Test
    void commandsGetMonospaceBlocksOfTheirOwnWithoutBackticks() {
        Card c = only(CORE.router().handle("7000222"));
        ObjectNode card = cards.card(c);
        List<JsonNode> mono = ofType(card.path("body"), "TextBlock").stream()
                .filter(t -> t.path("fontType").asText().equals("Monospace")).toList();
        assertTrue(mono.size() >= 3, json(card));
        for (JsonNode t : mono) {
            assertTrue(t.path("wrap").asBoolean());
            assertFalse(t.path("text").asText().contains("`"), t.toString());
        }
        assertTrue(mono.stream().anyMatch(t -> t.path("text").asText()
                .equals("az ad app credential reset --id \u2039appId\u203A --append --display-name \u2039name\u203A "
                        + "--years 1")), mono.toString());
        assertFalse(json(card).contains("`"), "no backticks anywhere in a Teams card");
        assertFalse(allText(card).contains("\\_"), "identifiers read without stray backslashes");
    }

    @Test
    void aChannelCardIsCompactWithThePlaybookInAShowCard() {
        Card c = only(CORE.router().handle("7000222"));
        ObjectNode card = cards.card(c, true);
        String visible = visibleText(card);
        assertTrue(visible.contains("Most likely causes") && visible.contains("First thing to try"), visible);
        assertFalse(visible.contains("How to fix"), visible);
        assertEquals(List.of("Playbook", "More", "Look up"), actionTitles(card));
        String playbook = allText(showCard(card, "Playbook"));
        assertTrue(playbook.contains("How to fix") && playbook.contains("What to collect for a ticket"), playbook);
    }

    @Test
    void severalCodesInAChannelAreOneCardWithDetailsPerCode() {
        Reply reply = CORE.router().paste(dev.aadsts.core.SampleReplies.SEVEN_CODES);
        List<ObjectNode> rendered = cards.reply(reply);
        assertEquals(1, rendered.size());
        ObjectNode list = rendered.get(0);
        assertValidCard(list);
        assertTrue(visibleText(list).startsWith("7 sign-in errors in this message"), visibleText(list));
        List<JsonNode> details = ofType(list, "Action.ShowCard");
        assertEquals(7, details.size());
        details.forEach(d -> assertEquals("Details", d.path("title").asText()));
        String shown = visibleText(list.deepCopy().put("x", 0));
        int tenants = 0;
        for (JsonNode row : list.path("body")) {
            for (JsonNode t : ofType(row.path("items"), "TextBlock")) {
                tenants += t.path("text").asText().contains("contoso'") ? 1 : 0;
            }
        }
        assertEquals(1, tenants, "each code shows its own message: " + shown);
    }

    @Test
    void linksOpenMicrosoftsLookupAndTheReferenceIsUnderMore() {
        ObjectNode card = cards.card(CORE.cards().forCode("700016"));
        List<String> urls = new ArrayList<>();
        card.path("actions").forEach(a -> {
            if (a.path("type").asText().equals("Action.OpenUrl")) {
                urls.add(a.path("url").asText());
            }
        });
        assertEquals(List.of(LOOKUP + "700016"), urls);
        assertTrue(allText(showCard(card, "More")).contains(
                "](https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes)"));
    }

    @Test
    void relatedCodesAreTappableRowsUnderMoreThatPostTheCommandBack() {
        CatalogEntry entry = CORE.catalog().entries().stream()
                .filter(e -> e.playbook() != null && e.related().size() >= 4).findFirst().orElseThrow();
        ObjectNode card = cards.card(CORE.cards().forCode(entry.code()));
        JsonNode more = showCard(card, "More");
        List<JsonNode> buttons = explainButtons(more);
        assertEquals(AdaptiveCards.MAX_RELATED, buttons.size(), json(more));
        for (int i = 0; i < buttons.size(); i++) {
            assertExplainButton(buttons.get(i), entry.related().get(i));
        }
        card.path("actions").forEach(a -> assertFalse(a.path("type").asText().equals("Action.Submit"),
                "related codes never take a top-level button"));
    }

    @Test
    void hostilePasteIsInertInFacts() {
        String paste = "AADSTS50011: The redirect URI **bold** [x](https://evil.example) _it_ www.evil.example "
                + "{{DATE(2017-02-14T06:00:00Z, SHORT)}}\nTrace ID: 4c6a4b2e-35d1-4bd3-a3f2-0c7b1c2d3e00\n"
                + "Timestamp: 2026-11-20 08:02:11Z";
        Reply reply = CORE.router().paste(paste);
        Card c = only(reply);
        String raw = c.facts().stream().map(Fact::value).collect(Collectors.joining("\n"));
        assertTrue(raw.contains("[x](https://evil.example)") && raw.contains("**bold**"), "reached the facts: " + raw);

        ObjectNode card = cards.reply(reply).get(0);
        String all = json(card);
        for (String bad : List.of("[x](", "https://evil", "**bold**", "_it_", "www.evil", "{{DATE")) {
            assertFalse(all.contains(bad), bad + " in " + all);
        }
        List<JsonNode> facts = ofType(card, "FactSet");
        assertEquals(1, facts.size());
        List<String> values = new ArrayList<>();
        facts.get(0).path("facts").forEach(f -> values.add(f.path("value").asText()));
        assertTrue(values.contains("4c6a4b2e-35d1-4bd3-a3f2-0c7b1c2d3e00"), "ids stay copyable: " + values);
        assertTrue(values.contains("2026-11-20 08:02:11Z"), values.toString());
        assertTrue(values.stream().anyMatch(v -> v.contains("\\[x\\]\\(https:")), "still readable: " + values);
    }

    @Test
    void hostileFactAndWarningValuesCannotMentionLinkOrFormat() {
        // Facts as any caller could hand them over, beyond what bot-core's decoder lets through today.
        Card base = CORE.cards().forCode("50011");
        List<String> hostile = List.of("**bold**", "[click](https://evil.example)", "<at>Everyone</at>",
                "<script>alert(1)</script>", "https://evil.example", "# heading", "1. list", "a\n- item",
                "&lt;at&gt;all&lt;/at&gt;");
        List<Fact> facts = IntStream.range(0, hostile.size())
                .mapToObj(i -> new Fact("f" + i, "Field " + i, hostile.get(i))).toList();
        Card c = new Card(base.code(), true, base.name(), base.title(), base.summary(), base.audience(),
                base.category(), base.retryable(), base.causes(), base.fixes(), base.collect(), base.scenario(),
                facts, base.links(), base.actions(),
                List.of("You pasted <at>Everyone</at> and [x](https://evil.example)"));
        ObjectNode card = cards.card(c);
        String all = json(card);
        for (String bad : List.of("**bold**", "[click](", "<at>", "<script>", "https://evil", "&lt;at")) {
            assertFalse(all.contains(bad), bad + " in " + all);
        }
        List<String> values = new ArrayList<>();
        ofType(card, "FactSet").get(0).path("facts").forEach(f -> values.add(f.path("value").asText()));
        assertEquals(hostile.size(), values.size());
        assertEquals("\\# heading", values.get(5));
        assertEquals("1\\. list", values.get(6));
        assertEquals("a\n\\- item", values.get(7));
        assertTrue(values.get(2).contains("\u2039at\u203AEveryone"), values.get(2));
    }

    @Test
    void aPastedSecretNeverAppearsAnywhere() {
        String secret = "Abc8Q~Zq3xVbN7mKpL2rT9wYhD4sF6gJ1cE5uR0o";
        String paste = "POST /token client_id=6731de76-14a6-49ae-97bc-6eba6914391e&client_secret=" + secret
                + "&grant_type=client_credentials\nAADSTS7000215: Invalid client secret provided. Ensure the secret "
                + "being sent in the request is the client secret value. Trace ID: 4c6a4b2e-35d1-4bd3-a3f2-"
                + "0c7b1c2d3e00 Correlation ID: 8a1f2b3c-4d5e-6f70-8192-a3b4c5d6e7f8 secret was " + secret;
        Reply reply = CORE.router().paste(paste);
        Card c = only(reply);
        List<ObjectNode> rendered = cards.reply(reply);
        String all = rendered.stream().map(AdaptiveCardsTest::json).collect(Collectors.joining())
                + json(cards.preview(c)) + json(cards.thumbnailPreview(c)) + cards.fallbackText(c);
        assertFalse(all.contains(secret), all);
        assertFalse(all.contains("Zq3xVbN7mKpL2rT9"), all);
        List<JsonNode> warnings = ofType(rendered.get(0), "TextBlock").stream()
                .filter(t -> t.path("color").asText().equals("Attention")).toList();
        assertEquals(1, warnings.size(), all);
        assertTrue(warnings.get(0).path("text").asText().contains("client secret"), json(warnings.get(0)));
    }

    @Test
    void aHugeCardIsShortenedUnderTheLimitAndSaysSo() {
        Card base = CORE.cards().forCode("700027");
        String big = "x".repeat(250) + " [x](https://evil.example) " + "y".repeat(240);
        List<Fact> facts = IntStream.range(0, 200).mapToObj(i -> new Fact("f" + i, "Field " + i, big)).toList();
        List<String> items = Collections.nCopies(60, "z".repeat(1900));
        Card huge = new Card(base.code(), true, base.name(), base.title(), base.summary(), base.audience(),
                base.category(), base.retryable(), items, items, items, "s".repeat(3000), facts, base.links(),
                base.actions(), List.of("w".repeat(5000)));
        assertTrue(AdaptiveCards.bytes(MAPPER.valueToTree(huge)) > 300_000, "really huge");

        ObjectNode card = cards.card(huge);
        assertValidCard(card);
        String visible = visibleText(card);
        assertTrue(visible.contains(AdaptiveCards.SHORTENED), visible);
        assertTrue(visible.contains("](" + LOOKUP + "700027)"), "points to the full entry: " + visible);
        assertTrue(visible.contains("Field 0"), "keeps the first facts");
        assertFalse(json(card).contains("https://evil"), "escaped after cutting too");
        assertTrue(ofType(card, "Action.OpenUrl").size() >= 1, "keeps the lookup button");
        assertTrue(explainButtons(card).isEmpty(), "related buttons go first");
    }

    @Test
    void everyCatalogEntryFitsWhole() {
        for (CatalogEntry e : CORE.catalog().entries()) {
            ObjectNode card = cards.card(CORE.cards().forCode(e.code()));
            assertTrue(AdaptiveCards.bytes(card) <= AdaptiveCards.MAX_BYTES, e.code());
            assertFalse(visibleText(card).contains(AdaptiveCards.SHORTENED), e.code());
            assertFalse(json(card).contains("<"), e.code() + " shows a raw '<'");
        }
    }

    @Test
    void fiveLongPastedCardsEachFitAndTheRestAreNamed() {
        String paste = CORE.catalog().entries().stream().filter(e -> e.playbook() != null).limit(7)
                .map(e -> "AADSTS" + e.code() + ": " + "long message ".repeat(120) + "Trace ID: "
                        + "4c6a4b2e-35d1-4bd3-a3f2-0c7b1c2d3e00")
                .collect(Collectors.joining("\n"));
        Reply reply = CORE.router().handle(paste);
        assertEquals(2, reply.omittedCodes().size());
        List<ObjectNode> rendered = cards.reply(reply);
        assertEquals(6, rendered.size());
        rendered.forEach(AdaptiveCardsTest::assertValidCard);
        ObjectNode more = rendered.get(5);
        assertTrue(visibleText(more).contains("2 more codes not shown: AADSTS" + reply.omittedCodes().get(0)),
                visibleText(more));
        List<JsonNode> buttons = explainButtons(more);
        assertEquals(2, buttons.size());
        assertExplainButton(buttons.get(0), reply.omittedCodes().get(0));
    }

    @Test
    void unknownCodeGetsAShortCardWithTheLookupLink() {
        assertTrue(CORE.catalog().find("99999991").isEmpty());
        ObjectNode card = cards.reply(CORE.router().handle("AADSTS99999991: Something odd happened")).get(0);
        String visible = visibleText(card);
        assertTrue(visible.contains("AADSTS99999991 is not in our catalog"), visible);
        assertTrue(ofType(card, "Action.OpenUrl").stream()
                .anyMatch(a -> a.path("url").asText().equals(LOOKUP + "99999991")), json(card));
        assertEquals(List.of("More"), ofType(card, "Action.ShowCard").stream().map(a -> a.path("title").asText())
                .toList(), "no playbook or checklist to show");
        assertTrue(explainButtons(card).isEmpty());
    }

    @Test
    void searchResultsListCodesWithExplainButtonsAndAnEscapedHeading() {
        Reply reply = CORE.router().handle("search expired secret <at>all</at> **now**");
        assertEquals(Reply.Kind.SEARCH_RESULTS, reply.kind(), reply.text());
        List<ObjectNode> rendered = cards.reply(reply);
        assertEquals(1, rendered.size());
        ObjectNode card = rendered.get(0);
        assertValidCard(card);
        String heading = card.path("body").get(0).path("text").asText();
        assertTrue(heading.contains("expired secret"), heading);
        assertFalse(heading.contains("<at>") || heading.contains("**now**"), heading);

        List<JsonNode> rows = ofType(card, "ColumnSet");
        assertEquals(reply.results().size(), rows.size());
        assertTrue(rows.size() <= AdaptiveCards.MAX_SEARCH_RESULTS);
        List<JsonNode> buttons = explainButtons(card);
        assertEquals(rows.size(), buttons.size());
        for (int i = 0; i < rows.size(); i++) {
            SearchHit hit = reply.results().get(i);
            String rowText = ofType(rows.get(i), "TextBlock").get(0).path("text").asText();
            assertTrue(rowText.contains("AADSTS" + hit.entry().code()), rowText);
            assertExplainButton(buttons.get(i), hit.entry().code());
        }
    }

    @Test
    void helpCardListsEveryCommand() {
        Reply reply = CORE.router().handle("help");
        ObjectNode card = cards.reply(reply).get(0);
        String visible = visibleText(card);
        assertTrue(visible.contains("**aadsts 700027**\n"), visible);
        assertTrue(visible.contains("**aadsts \u2039pasted error\u203A**\n"), visible);
        for (dev.aadsts.core.command.HelpLine line : reply.help()) {
            assertTrue(visible.contains(TeamsText.catalog(line.description())), line.description());
        }
        assertTrue(visibleText(card).contains(TeamsText.catalog(reply.text())));
    }

    @Test
    void nothingFoundIsASmallEscapedTextCard() {
        Reply reply = CORE.router().handle("search zzqqxx **qqzzv** [yyqq](zzvv)");
        assertEquals(Reply.Kind.NOTHING_FOUND, reply.kind(), reply.text());
        List<ObjectNode> rendered = cards.reply(reply);
        assertEquals(1, rendered.size());
        assertValidCard(rendered.get(0));
        String all = json(rendered.get(0));
        assertTrue(all.contains("zzqqxx"), all);
        assertFalse(all.contains("**qqzzv**") || all.contains("[yyqq]("), all);
        assertEquals(1, rendered.get(0).path("body").size());
        assertFalse(rendered.get(0).has("actions"));

        String hostile = json(cards.reply(Reply.nothing("Nothing for <at>all</at> [x](https://evil.example)")).get(0));
        assertFalse(hostile.contains("<at>") || hostile.contains("[x](") || hostile.contains("https://evil"), hostile);
    }

    @Test
    void welcomeSaysWhatToTypeAndThatSecretsAreNotRepeated() {
        ObjectNode card = cards.welcome();
        assertValidCard(card);
        String visible = visibleText(card);
        for (String command : List.of("aadsts 50011", "search expired secret", "help", "AADSTS")) {
            assertTrue(visible.contains(command), command + " in " + visible);
        }
        assertTrue(visible.contains("never repeat"), visible);
        assertExplainButton(explainButtons(card).get(0), "50011");
    }

    @Test
    void previewsCarryTheCatalogHalfOnly() {
        Card c = only(CORE.router().paste("AADSTS50011: The redirect URI 'https://app.contoso.example/cb' does not "
                + "match. Trace ID: 4c6a4b2e-35d1-4bd3-a3f2-0c7b1c2d3e00"));
        assertFalse(c.facts().isEmpty());
        ObjectNode preview = cards.preview(c);
        assertValidCard(preview);
        assertTrue(preview.path("actions").isMissingNode(), "nothing to click in a result list");
        assertTrue(visibleText(preview).contains(c.title()));
        assertFalse(json(preview).contains("4c6a4b2e"), "no paste facts in a preview");

        ObjectNode thumb = cards.thumbnailPreview(c);
        assertEquals("AADSTS50011", thumb.path("title").asText());
        assertEquals(c.title(), thumb.path("subtitle").asText());
        assertTrue(thumb.path("text").asText().length() <= 200);
        assertFalse(json(thumb).contains("4c6a4b2e"));
    }

    @Test
    void fallbackTextIsShortPlainAndNamesCodeAndTitle() {
        Card c = CORE.cards().forCode("700027");
        String text = cards.fallbackText(c);
        assertTrue(text.startsWith("AADSTS700027 \u2014 " + c.title() + ": "), text);
        assertTrue(text.length() <= AdaptiveCards.FALLBACK_CHARS, text);
        assertFalse(text.contains("**") || text.contains("\n"), text);
        Card wordy = new Card("50011", true, null, "A title", "word ".repeat(200), List.of(Audience.END_USER),
                Category.ACCOUNT, false, List.of(), List.of(), List.of(), null, List.of(), List.of(),
                List.of(new CardAction(CardAction.Kind.EXPLAIN_CODE, "AADSTS50012", "50012")), List.of());
        String cut = cards.fallbackText(wordy);
        assertTrue(cut.length() <= AdaptiveCards.FALLBACK_CHARS && cut.endsWith("\u2026"), cut);
        assertNotNull(cards.card(wordy));
    }

    @Test
    void theOrganizationSectionIsAnEscapedContainerWithItsOwnButtons(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("o.yaml"), """
                organization: "Contoso <at>IT</at>"
                rules:
                  - codes: [50011]
                    note: "See [this](https://evil.example) **now**"
                    fixes_after: ["Open a ticket"]
                    contact:
                      teams: https://teams.microsoft.com/l/channel/19%3aabc%40thread.tacv2/Identity
                      email: help@contoso.example
                    links: [{label: Runbook, url: "https://wiki.contoso.example/rb"}]
                    hide: {causes: [1]}
                """);
        BotCore core = new BotCore(CORE.catalog());
        core.useOverlay(new dev.aadsts.core.overlay.OverlayLoader(core.catalog()).load(dir));
        ObjectNode card = cards.card(core.cards().forCode("50011"));
        JsonNode container = ofType(card, "Container").stream()
                .filter(c -> c.get("style") != null && c.get("style").asText().equals("emphasis")).findFirst()
                .orElseThrow();
        String inside = json(container);
        List<String> texts = ofType(container, "TextBlock").stream().map(t -> t.get("text").asText()).toList();
        assertEquals("\uD83C\uDFE2 At Contoso \u2039at\u203aIT\u2039/at\u203a", texts.get(0));
        assertEquals("See \\[this\\]\\(https:\u200B//evil.\u200Bexample\\) \\*\\*now\\*\\*", texts.get(1));
        assertTrue(inside.contains("If our steps below don't solve it"), inside);
        List<String> urls = ofType(container, "Action.OpenUrl").stream().map(a -> a.get("url").asText()).toList();
        assertEquals(List.of("https://teams.microsoft.com/l/channel/19%3aabc%40thread.tacv2/Identity",
                "mailto:help@contoso.example", "https://wiki.contoso.example/rb"), urls);
        assertTrue(inside.contains("Hidden here: 1 cause of ours"), inside);
        assertValidCard(card);
        String whole = json(card);
        assertTrue(whole.indexOf("emphasis") < whole.indexOf("Likely causes"), "section before our causes");
    }
}
