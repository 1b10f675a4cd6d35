package dev.aadsts.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.TestCore;
import dev.aadsts.core.context.ContextField;
import dev.aadsts.core.context.ErrorContext;
import dev.aadsts.core.context.SecretKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Context comes out of every shape a paste arrives in, and secrets never come out at all. */
class ExplainerTest {
    private final Explainer explainer = TestCore.get().explainer();

    private static final String TOKEN_RESPONSE = "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: "
            + "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, "
            + "not the client secret ID, for a secret added to app '11112222-3333-4444-5555-666677778888'.\\r\\n"
            + "Trace ID: 0b5a3f2e-1111-2222-3333-444455556666\\r\\nCorrelation ID: 9c1d2e3f-aaaa-bbbb-cccc-ddddeeeeffff"
            + "\\r\\nTimestamp: 2026-11-20 10:11:12Z\",\"error_codes\":[7000215],\"timestamp\":\"2026-11-20 10:11:12Z\","
            + "\"trace_id\":\"0b5a3f2e-1111-2222-3333-444455556666\",\"correlation_id\":\"9c1d2e3f-aaaa-bbbb-cccc-ddddeeeeffff\","
            + "\"error_uri\":\"https://login.microsoftonline.com/error?code=7000215\"}";

    private ErrorContext only(String text) {
        Analysis a = explainer.analyze(text);
        assertEquals(1, a.findings().size(), a.toString());
        return a.findings().get(0).context();
    }

    @Test
    void readsATokenEndpointResponse() {
        ErrorContext c = only(TOKEN_RESPONSE);
        assertTrue(c.get(ContextField.MESSAGE).orElseThrow().startsWith("Invalid client secret provided."));
        assertFalse(c.get(ContextField.MESSAGE).orElseThrow().contains("Trace ID"));
        assertEquals("0b5a3f2e-1111-2222-3333-444455556666", c.get(ContextField.TRACE_ID).orElseThrow());
        assertEquals("9c1d2e3f-aaaa-bbbb-cccc-ddddeeeeffff", c.get(ContextField.CORRELATION_ID).orElseThrow());
        assertEquals("2026-11-20 10:11:12Z", c.get(ContextField.TIMESTAMP).orElseThrow());
        assertEquals("11112222-3333-4444-5555-666677778888", c.get(ContextField.CLIENT_ID).orElseThrow());
    }

    @Test
    void readsAnEncodedRedirect() {
        String url = "https://app.contoso.com/signin-oidc?error=invalid_request&error_description=AADSTS50011%3a+The+"
                + "redirect+URI+%27https%3a%2f%2fapp.contoso.com%2fsignin-oidc%27+specified+in+the+request+does+not+match"
                + "+the+redirect+URIs+configured+for+the+application+%27aaaabbbb-0000-1111-2222-333344445555%27.%0d%0a"
                + "Trace+ID%3a+0b5a3f2e-1111-2222-3333-444455556666%0d%0aCorrelation+ID%3a+9c1d2e3f-aaaa-bbbb-cccc-"
                + "ddddeeeeffff%0d%0aTimestamp%3a+2026-11-20+10%3a11%3a12Z&state=abc";
        ErrorContext c = only(url);
        assertEquals("https://app.contoso.com/signin-oidc", c.get(ContextField.REDIRECT_URI).orElseThrow());
        assertEquals("aaaabbbb-0000-1111-2222-333344445555", c.get(ContextField.CLIENT_ID).orElseThrow());
        assertEquals("9c1d2e3f-aaaa-bbbb-cccc-ddddeeeeffff", c.get(ContextField.CORRELATION_ID).orElseThrow());
        assertTrue(c.get(ContextField.MESSAGE).orElseThrow().startsWith("The redirect URI 'https://app.contoso.com"));
    }

    @Test
    void readsTheSignInPageBlock() {
        String page = "Sorry, but we're having trouble signing you in.\nRequest Id: 6d0f0000-1111-2222-3333-444455556666\n"
                + "Correlation Id: 5b1f0000-1111-2222-3333-444455556666\nTimestamp: 2026-11-20T10:11:12.123Z\n"
                + "Message: AADSTS50105: Your administrator has configured the application Payroll "
                + "('0000aaaa-1111-2222-3333-444455556666') to block users unless they are specifically granted access.";
        ErrorContext c = only(page);
        assertEquals("6d0f0000-1111-2222-3333-444455556666", c.get(ContextField.TRACE_ID).orElseThrow());
        assertEquals("2026-11-20T10:11:12.123Z", c.get(ContextField.TIMESTAMP).orElseThrow());
        assertTrue(c.get(ContextField.MESSAGE).orElseThrow().startsWith("Your administrator has configured"));
    }

    @Test
    void eachCodeGetsTheIdsOfItsOwnStretch() {
        String log = "10:00 AADSTS50076: Due to a configuration change ... Trace ID: 00000000-0000-0000-0000-000000000001\n"
                + "10:05 AADSTS50126: Error validating credentials. Trace ID: 00000000-0000-0000-0000-000000000002\n";
        Analysis a = explainer.analyze(log);
        assertEquals(List.of("50076", "50126"), a.findings().stream().map(Finding::code).toList());
        assertEquals("00000000-0000-0000-0000-000000000001",
                a.findings().get(0).context().get(ContextField.TRACE_ID).orElseThrow());
        assertEquals("00000000-0000-0000-0000-000000000002",
                a.findings().get(1).context().get(ContextField.TRACE_ID).orElseThrow());
    }

    @Test
    void codesJoinedBySemicolonsKeepTheirOwnMessageAndValues() {
        String paste = "AADSTS50011: The redirect URI 'https://app.contoso.com/cb' specified in the request does not "
                + "match; AADSTS90002: Tenant 'contoso' not found. Check to make sure you have the correct tenant ID; "
                + "AADSTS50126: Error validating credentials due to invalid username or password. "
                + "user: alice@contoso.com; AADSTS700016: Application with identifier 'my-app' was not found; "
                + "AADSTS50058: A silent sign-in request was sent but no user is signed in. "
                + "Trace ID: 0b5a3f2e-1111-2222-3333-444455556666";
        Analysis a = explainer.analyze(paste);
        assertEquals(List.of("50011", "90002", "50126", "700016", "50058"),
                a.findings().stream().map(Finding::code).toList());
        for (Finding f : a.findings()) {
            String message = f.context().get(ContextField.MESSAGE).orElseThrow();
            assertFalse(message.contains("AADSTS"), f.code() + " took in another code's text: " + message);
            assertEquals("0b5a3f2e-1111-2222-3333-444455556666", f.context().get(ContextField.TRACE_ID).orElseThrow(),
                    "one trace id for the whole paste is shared");
            assertEquals(f.code().equals("90002"), f.context().get(ContextField.TENANT_ID).isPresent(), f.code());
            assertEquals(f.code().equals("50126"), f.context().get(ContextField.USER).isPresent(), f.code());
        }
        assertTrue(a.findings().get(0).context().get(ContextField.MESSAGE).orElseThrow().endsWith("does not match"));
        assertEquals("contoso", a.findings().get(1).context().get(ContextField.TENANT_ID).orElseThrow());
    }

    @Test
    void aLineBeforeTheFirstCodeSpeaksForAllAndTwoTraceIdsAreNotShared() {
        String paste = "App: client_id=11112222-3333-4444-5555-666677778888\n"
                + "AADSTS50126: Error validating credentials. Trace ID: 00000000-0000-0000-0000-000000000001\n"
                + "AADSTS50053: The account is locked. Trace ID: 00000000-0000-0000-0000-000000000002\n"
                + "AADSTS50058: A silent sign-in request was sent but no user is signed in.\n";
        Analysis a = explainer.analyze(paste);
        assertEquals(3, a.findings().size());
        a.findings().forEach(f -> assertEquals("11112222-3333-4444-5555-666677778888",
                f.context().get(ContextField.CLIENT_ID).orElseThrow(), f.code()));
        assertFalse(a.findings().get(2).context().get(ContextField.TRACE_ID).isPresent(),
                "two different trace ids: neither belongs to the third code");
    }

    @Test
    void neverRepeatsAPastedSecret() {
        String paste = "curl -d 'client_id=1111&client_secret=Xyz8Q~SuperSecretValue0123456789abcdefgh&grant_type="
                + "client_credentials' ... AADSTS7000215: Invalid client secret provided. secret Xyz8Q~SuperSecretValue"
                + "0123456789abcdefgh is wrong";
        Analysis a = explainer.analyze(paste);
        assertTrue(a.secrets().contains(SecretKind.CLIENT_SECRET));
        String everything = a.findings().get(0).context().values().toString();
        assertFalse(everything.contains("SuperSecretValue"), everything);
    }

    @Test
    void unknownCodesAreFoundButNotKnown() {
        Analysis a = explainer.analyze("AADSTS99999999: something new");
        assertEquals(1, a.findings().size());
        assertFalse(a.findings().get(0).known());
        assertEquals("something new", a.findings().get(0).context().get(ContextField.MESSAGE).orElseThrow());
    }

    @Test
    void explainTakesABareCodeButAPasteDoesNot() {
        assertEquals("700027", explainer.explain("700027").findings().get(0).code());
        assertEquals("700027", explainer.explain("AADSTS700027").findings().get(0).code());
        assertFalse(explainer.analyze("700027").hasCodes());
    }
}
