package dev.aadsts.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.TestCore;
import dev.aadsts.core.card.Card;
import dev.aadsts.core.card.OrganizationSection;
import dev.aadsts.knowledge.Catalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlayLoaderTest {
    private static final Catalog CATALOG = TestCore.get().catalog();
    private final OverlayLoader loader = new OverlayLoader(CATALOG);

    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    private List<String> problems() {
        return assertThrows(OverlayException.class, () -> loader.load(dir)).problems();
    }

    @Test
    void theShippedExampleLoadsAndShapesCards() {
        BotCore core = new BotCore(CATALOG);
        Overlay overlay = loader.load(Path.of("../deploy/overlay-example"));
        core.useOverlay(overlay);
        assertEquals("Contoso IT", overlay.organization());
        Card plain = TestCore.get().cards().forCode("50011");
        Card c = core.cards().forCode("50011");
        OrganizationSection org = c.organization();
        assertEquals("At Contoso IT", org.heading());
        assertEquals(2, org.notes().size(), "the category's note, then the code's");
        assertTrue(org.notes().get(1).startsWith("Redirect URIs"));
        assertEquals(1, org.fixesBefore().size());
        assertEquals(1, org.fixesAfter().size());
        assertEquals(List.of("Identity runbook", "App registration request form"),
                org.links().stream().map(l -> l.label()).toList());
        assertEquals(3, org.contacts().size());
        assertEquals("mailto:identity-team@contoso.example", org.contacts().get(2).url());
        assertEquals(plain.fixes().size() - 1, c.fixes().size(), "fix 5 hidden");
        assertEquals(plain.fixes().subList(0, 4), c.fixes());
        assertEquals(1, org.hiddenFixes());
        assertNull(plain.organization(), "the shared core is untouched");
    }

    @Test
    void hidingByPhraseIsCaseInsensitiveAndCounted() throws IOException {
        write("a.yaml", """
                organization: Fabrikam
                rules:
                  - all: true
                    hide:
                      fixes: [pass-through AUTHENTICATION]
                """);
        BotCore core = new BotCore(CATALOG);
        core.useOverlay(loader.load(dir));
        Card plain = TestCore.get().cards().forCode("50126");
        Card c = core.cards().forCode("50126");
        assertEquals(plain.fixes().size() - 1, c.fixes().size());
        assertTrue(c.fixes().stream().noneMatch(f -> f.contains("Pass-through authentication")));
        assertEquals("Hidden here: 1 fix step of ours that does not apply at Fabrikam.",
                c.organization().hiddenLine());
        assertEquals(plain.causes(), c.causes());
    }

    @Test
    void aCardNoRuleMatchesIsLeftAlone() throws IOException {
        write("a.yaml", """
                organization: Fabrikam
                rules:
                  - categories: [mfa]
                    note: Use the Authenticator app only.
                """);
        BotCore core = new BotCore(CATALOG);
        core.useOverlay(loader.load(dir));
        assertNull(core.cards().forCode("50011").organization());
        assertEquals(List.of("Use the Authenticator app only."), core.cards().forCode("50076").organization().notes());
        assertTrue(core.cards().forCode("99999999").organization() == null, "unknown codes have no category");
    }

    @Test
    void everyMistakeInEveryFileIsReportedWithItsLine() throws IOException {
        write("a.yaml", """
                organization: Fabrikam
                rules:
                  - codes: [50011]
                    notes: typo for note
                  - categories: [app-registrations]
                    note: x
                  - all: true
                    links:
                      - label: Runbook
                        url: http://wiki.example/runbook
                    contact:
                      slack: general
                      email: not-an-address
                """);
        write("b.yml", """
                rules:
                  - codes: [50011, 12]
                    hide:
                      fixes: [9]
                      causes: ["no such phrase anywhere"]
                  - all: true
                    hide:
                      fixes: [2]
                  - codes: [50011]
                    categories: [mfa]
                    note: both scopes
                  - all: true
                """);
        List<String> p = problems();
        String a = dir.resolve("a.yaml").toString();
        String b = dir.resolve("b.yml").toString();
        assertTrue(p.contains(a + ":4: unknown field 'notes' (expected one of codes, categories, all, note, "
                + "fixes_before, fixes_after, links, contact, hide)"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith(a + ":5: ") && s.contains("app-registrations")), p.toString());
        assertTrue(p.contains(a + ":10: 'http://wiki.example/runbook' must be an https:// address (or mailto: for "
                + "email)"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith(a + ":12: 'general' is not a Slack channel")), p.toString());
        assertTrue(p.contains(a + ":13: 'not-an-address' is not an email address"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith(b + ":2: '12' is not an AADSTS code")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith(b + ":4: AADSTS50011 has 5 fix steps (1 to 5); there is "
                + "no number 9")), p.toString());
        assertTrue(p.contains(b + ":5: 'no such phrase anywhere' matches none of our causes on the cards this rule "
                + "is for"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith(b + ":8: hide by number only in a rule for codes")),
                p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith(b + ":9: a rule is for codes, categories or all cards, not "
                + "codes and categories")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith(b + ":12: this rule adds nothing")), p.toString());
        assertEquals(11, p.size(), p.toString());
    }

    @Test
    void syntaxErrorsDuplicateKeysAndBadEncodingPointAtTheFile() throws IOException {
        write("a.yaml", "organization: A\nrules:\n  - all: true\n    note: [unclosed\n");
        List<String> p = problems();
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith(dir.resolve("a.yaml") + ":"), p.toString());

        Files.delete(dir.resolve("a.yaml"));
        write("a.yaml", "organization: A\norganization: B\n");
        p = problems();
        assertTrue(p.get(0).startsWith(dir.resolve("a.yaml") + ":2: "), p.toString());
        assertTrue(p.get(0).contains("organization"), p.toString());

        Files.delete(dir.resolve("a.yaml"));
        Files.write(dir.resolve("a.yaml"), "organization: Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(List.of(dir.resolve("a.yaml") + ": not UTF-8 text"), problems());
    }

    @Test
    void controlCharactersAreRefused() throws IOException {
        write("a.yaml", "organization: \"Contoso \\e[31mIT\"\n");
        assertEquals(List.of(dir.resolve("a.yaml") + ":1: contains control characters"), problems());
    }

    @Test
    void theOrganizationIsNamedOnceAndConsistently() throws IOException {
        write("a.yaml", "rules:\n  - all: true\n    note: hello\n");
        assertTrue(problems().get(0).contains("no file names the organization"));
        write("b.yaml", "organization: Contoso\n");
        write("c.yaml", "organization: Fabrikam\n");
        List<String> p = problems();
        assertEquals(List.of(dir.resolve("c.yaml") + ":1: organization 'Fabrikam' differs from 'Contoso' in "
                + dir.resolve("b.yaml") + ":1 (name it once, or the same)"), p);
    }

    @Test
    void aMissingFolderAndStrayFiles() throws IOException {
        OverlayException e = assertThrows(OverlayException.class, () -> loader.load(dir.resolve("nope")));
        assertTrue(e.getMessage().startsWith("KNOWLEDGE_OVERLAY: "), e.getMessage());
        write(".a.yaml.swp", "not: [yaml");
        write("notes.txt", "anything");
        write("empty.yaml", "");
        Overlay empty = loader.load(dir);
        assertEquals(0, empty.ruleCount());
        assertNull(empty.organization());
    }

    @Test
    void onlyHttpsAndMailtoLinksWithoutSlackControlCharacters() {
        assertTrue(OverlayLoader.safeUrl("https://wiki.example/a?b=c#d", true));
        assertTrue(OverlayLoader.safeUrl("mailto:help@contoso.example", true));
        assertFalse(OverlayLoader.safeUrl("mailto:help@contoso.example", false));
        assertFalse(OverlayLoader.safeUrl("javascript:alert(1)", true));
        assertFalse(OverlayLoader.safeUrl("http://wiki.example/", true));
        assertFalse(OverlayLoader.safeUrl("https://wiki.example/a|b", true));
        assertFalse(OverlayLoader.safeUrl("https://wiki.example/<b>", true));
        assertFalse(OverlayLoader.safeUrl("https://user:pw@wiki.example/", true));
        assertFalse(OverlayLoader.safeUrl("https:///path-only", true));
    }

    @Test
    void theJsonContractCarriesTheSectionAndThePlaybookTheOrganizationKeeps() {
        BotCore core = new BotCore(CATALOG);
        core.useOverlay(loader.load(Path.of("../deploy/overlay-example")));
        JsonNode f = core.json().explain(core.explainer().explain("AADSTS50011")).get("findings").get(0);
        JsonNode org = f.get("organization");
        assertEquals("Contoso IT", org.get("name").asText());
        assertEquals(1, org.get("hidden").get("fixes").asInt());
        assertEquals("slack", org.get("contacts").get(0).get("kind").asText());
        assertEquals(4, f.get("playbook").get("fixes").size());
        JsonNode plain = TestCore.get().json().explain(TestCore.get().explainer().explain("AADSTS50011"));
        assertNull(plain.get("findings").get(0).get("organization"));
        assertEquals(5, plain.get("findings").get(0).get("playbook").get("fixes").size());
    }
}
