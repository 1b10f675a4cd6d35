package dev.aadsts.core.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrorLinksTest {

    @Test
    void microsoftsLookupNamesItsCode() {
        assertEquals(Optional.of("50011"), ErrorLinks.codeOf("https://login.microsoftonline.com/error?code=50011"));
        assertEquals(Optional.of("7000215"),
                ErrorLinks.codeOf("https://LOGIN.microsoftonline.com/error?foo=1&code=7000215"));
    }

    @Test
    void learnPagesNameTheirCodeInTheAddress() {
        assertEquals(Optional.of("50011"), ErrorLinks.codeOf("https://learn.microsoft.com/en-us/troubleshoot/entra/"
                + "entra-id/app-integration/error-code-aadsts50011-redirect-uri-mismatch"));
        assertEquals(Optional.of("700016"), ErrorLinks.codeOf(
                "https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes#aadsts700016"));
    }

    @Test
    void otherLinksAreNotAboutACode() {
        for (String url : new String[] {"https://login.microsoftonline.com/common/oauth2/authorize?code=50011",
                "https://login.microsoftonline.com/error", "https://evil.example/error?code=50011",
                "https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes",
                "javascript:alert(1)", "not a url at all", "ftp://login.microsoftonline.com/error?code=1"}) {
            assertEquals(Optional.empty(), ErrorLinks.codeOf(url), url);
        }
    }
}
