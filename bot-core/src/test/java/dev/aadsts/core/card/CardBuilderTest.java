package dev.aadsts.core.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.TestCore;
import dev.aadsts.core.context.SecretKind;
import dev.aadsts.core.explain.Analysis;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CardBuilderTest {
    private final CardBuilder builder = TestCore.get().cards();

    @Test
    void aKnownCodeCarriesItsPlaybookBadgesAndLinks() {
        Card c = builder.forCode("7000222");
        assertTrue(c.known());
        assertTrue(c.causes().size() >= 3);
        assertTrue(c.fixes().size() >= 3);
        assertTrue(c.collect().size() >= 2);
        assertEquals(3, c.badges().size());
        assertEquals("https://login.microsoftonline.com/error?code=7000222", c.actions().get(0).value());
    }

    @Test
    void theCatalogPartIsBuiltOnceAndShared() {
        assertSame(builder.forCode("50011"), builder.forCode("50011"));
    }

    @Test
    void pasteFactsAndSecretWarningsAreAdded() {
        Analysis a = TestCore.get().explainer().analyze(
                "AADSTS50126: Error validating credentials. Trace ID: 0b5a3f2e-1111-2222-3333-444455556666 "
                        + "password=Sup3rSecretPw!");
        Card c = builder.build(a.findings().get(0), a.secrets());
        assertEquals(List.of("message", "traceId"), c.facts().stream().map(Fact::id).toList());
        assertEquals(1, c.warnings().size());
        assertTrue(c.warnings().get(0).contains("a password"), c.warnings().get(0));
        assertTrue(c.facts().stream().noneMatch(f -> f.value().contains("Sup3rSecretPw")));
    }

    @Test
    void warningNamesEveryKind() {
        String w = CardBuilder.secretWarning(Set.of(SecretKind.JWT, SecretKind.CLIENT_SECRET, SecretKind.PASSWORD));
        assertTrue(w.startsWith("Your paste contained a token (JWT), a client secret and a password."), w);
    }
}
