package dev.aadsts.core.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.TestCore;
import dev.aadsts.core.card.Card;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The one grammar Slack's /aadsts, Teams messages and the CLI share. */
class CommandRouterTest {
    private final CommandRouter router = TestCore.get().router();

    @ParameterizedTest
    @ValueSource(strings = {"700027", "AADSTS700027", "aadsts 700027", "/aadsts 700027", "  700027.  "})
    void aCodeGivesItsCard(String input) {
        Reply r = router.handle(input);
        assertEquals(Reply.Kind.CARDS, r.kind());
        assertEquals("700027", r.cards().get(0).code());
        assertTrue(r.cards().get(0).known());
        assertFalse(r.cards().get(0).fixes().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "help", "aadsts help", "/aadsts", "?", "HELP"})
    void helpLists(String input) {
        Reply r = router.handle(input);
        assertEquals(Reply.Kind.HELP, r.kind());
        assertTrue(r.help().stream().anyMatch(h -> h.usage().startsWith("search")));
    }

    @Test
    void searchFindsEntriesForPlainWords() {
        Reply r = router.handle("search expired secret");
        assertEquals(Reply.Kind.SEARCH_RESULTS, r.kind());
        assertTrue(r.results().stream().anyMatch(h -> h.entry().code().equals("7000222")), r.text());
    }

    @Test
    void searchHeadingKeepsAQueryWithColons() {
        Reply r = router.handle("search error: expired secret");
        assertEquals("Best matches for \"error: expired secret\":", r.heading());
    }

    @Test
    void shortPlainWordsAreSearchedWithoutTheSearchWord() {
        Reply r = router.handle("redirect uri mismatch");
        assertEquals(Reply.Kind.SEARCH_RESULTS, r.kind());
        assertTrue(r.results().stream().anyMatch(h -> h.entry().code().equals("50011")), r.text());
    }

    @Test
    void longTextWithoutACodeIsNotASearch() {
        Reply r = router.handle("my users cannot sign in to the portal since this morning and nobody knows why at all");
        assertEquals(Reply.Kind.NOTHING_FOUND, r.kind());
    }

    @Test
    void aCommandWithManyCodesShowsFiveFullCardsAndNamesTheRest() {
        String paste = IntStream.of(50011, 50012, 50013, 50020, 50034, 50053, 50055, 50057)
                .mapToObj(c -> "AADSTS" + c + ": something").collect(Collectors.joining("\n"));
        Reply r = router.handle(paste);
        assertFalse(r.compact());
        assertEquals(Reply.MAX_CARDS, r.cards().size());
        assertEquals(List.of("50055", "50057", "50053").stream().sorted().toList(),
                r.omittedCodes().stream().sorted().toList());
        assertTrue(r.text().contains("3 more codes not shown: AADSTS50053, AADSTS50055, AADSTS50057"), r.text());
    }

    @Test
    void aChannelPasteIsCompactAndListsUpToTenCodes() {
        String paste = IntStream.of(50011, 50012, 50013, 50020, 50034, 50053, 50055, 50057, 50058, 50059, 50072,
                        50074)
                .mapToObj(c -> "AADSTS" + c + ": something").collect(Collectors.joining("\n"));
        Reply r = router.paste(paste);
        assertTrue(r.compact());
        assertEquals(Reply.MAX_LISTED, r.cards().size());
        assertEquals(2, r.omittedCodes().size());
        Reply dm = r.full();
        assertFalse(dm.compact(), "a direct message gets full cards");
        assertEquals(Reply.MAX_CARDS, dm.cards().size());
        assertEquals(7, dm.omittedCodes().size());
    }

    @Test
    void theSecretWarningIsSaidOncePerReply() {
        Reply r = router.paste("password=Sup3rSecretPw!\nAADSTS50126: Error validating credentials.\n"
                + "AADSTS50053: The account is locked.");
        assertEquals(2, r.cards().size());
        assertEquals(1, r.cards().get(0).warnings().size());
        assertTrue(r.cards().get(1).warnings().isEmpty());
        assertEquals(1, r.warnings().size());
    }

    @Test
    void sourcesAndReviewDateReachTheCardAndTheText() {
        dev.aadsts.core.card.Card c = router.handle("50011").cards().get(0);
        dev.aadsts.core.card.Card sourced = new dev.aadsts.core.card.Card(c.code(), c.known(), c.name(), c.title(),
                c.summary(), c.audience(), c.category(), c.retryable(), c.causes(), c.fixes(), c.collect(),
                c.scenario(), c.facts(), c.links(), c.actions(), c.warnings(),
                List.of(new dev.aadsts.knowledge.Link("Redirect URI best practices",
                        "https://learn.microsoft.com/en-us/entra/identity-platform/reply-url")),
                java.time.LocalDate.of(2026, 11, 20), List.of(), null);
        assertEquals("Checked November 2026", sourced.checked().orElseThrow());
        String text = new PlainTextRenderer().card(sourced);
        assertTrue(text.contains("Sources (checked November 2026)\n  - Redirect URI best practices: "
                + "https://learn.microsoft.com/en-us/entra/identity-platform/reply-url"), text);
        assertTrue(text.indexOf("Sources") > text.indexOf("How to fix"), "under the playbook");
        assertTrue(new PlainTextRenderer().card(c).contains("Sources (checked December 2026)"),
                "every catalog entry names its sources and review date");
    }

    @Test
    void aMentionIsACommandCardsOrHelp() {
        assertEquals(Reply.Kind.HELP, router.mention("hi there").kind());
        assertEquals(Reply.Kind.CARDS, router.mention("700027").kind());
        assertEquals(Reply.Kind.CARDS, router.mention("help me with AADSTS50058 please").kind());
        assertEquals(Reply.Kind.SEARCH_RESULTS, router.mention("search expired secret").kind());
    }

    @Test
    void pasteWithoutCodesIsSilent() {
        assertTrue(router.paste("lunch at noon?").isEmpty());
        assertTrue(router.paste("700027").isEmpty(), "a bare number in chat is not a code");
    }

    @Test
    void unknownCodesStillGetACard() {
        Card c = router.handle("AADSTS99999990").cards().get(0);
        assertFalse(c.known());
        assertEquals("https://login.microsoftonline.com/error?code=99999990", c.links().get(0).url());
    }

    @Test
    void searchEchoesNoSecret() {
        Reply r = router.handle("search password=Hunter2Hunter2 rejected");
        assertFalse(r.text().contains("Hunter2Hunter2"), r.text());
    }

    @Test
    void plainTextRenderingCarriesTheCard() {
        String text = new PlainTextRenderer().render(router.handle("50011"), "aadsts-bot");
        assertTrue(text.startsWith("AADSTS50011  InvalidReplyTo\n"), text);
        assertTrue(text.contains("How to fix\n  1. "), text);
        assertTrue(text.contains("https://login.microsoftonline.com/error?code=50011"), text);
    }

    @Test
    void plainTextRenderingKeepsEachCommandOnOneLine() {
        assertEquals(List.of("Run", "`az ad app credential list --id <appId>`", "now"),
                PlainTextRenderer.words("Run `az ad app credential list --id <appId>` now"));
        String text = new PlainTextRenderer().render(router.handle("7000222"), "aadsts-bot");
        for (String line : text.split("\n")) {
            assertEquals(0, line.chars().filter(c -> c == '`').count() % 2, "split command: " + line);
        }
    }

    @Test
    void plainTextRenderingDropsTerminalControlCharacters() {
        String text = new PlainTextRenderer().render(router.paste("AADSTS50011: evil \u001b[31mred\u001b[0m"), "x");
        assertFalse(text.contains("\u001b"), text);
    }
}
