package dev.aadsts.core.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretRedactorTest {
    private final SecretRedactor redactor = new SecretRedactor();
    private static final String JWT = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhcGk6Ly90ZXN0IiwiaXNzIjoieCJ9.c2lnbmF0dXJlX2hlcmU";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "client_secret=Abc8Q~abcdefghijklmnopqrstuvwxyz0123456&grant_type=x|CLIENT_SECRET|abcdefghijklmnop",
            "\"client_secret\": \"s3cr3t-value-1234\"|CLIENT_SECRET|s3cr3t-value-1234",
            "my secret is xyz8Q~Zm9vYmFyYmF6cXV4cXV1eHh5enp5enp5eno end|CLIENT_SECRET|Zm9vYmFyYmF6",
            "password=Hunter2!Hunter2 &username=a|PASSWORD|Hunter2",
            "Password: CorrectHorse9|PASSWORD|CorrectHorse9",
            "?code=0.AXoA1234567890abcdefghijklmnop&state=1|AUTHORIZATION_CODE|0.AXoA1234567890",
            "refresh_token=0.ARoAabcdefghijklmnopqrstuvwx|REFRESH_TOKEN|ARoAabcdefgh",
            "\"access_token\":\"abcdefghijklmnopqrstuvwxyz\"|ACCESS_TOKEN|abcdefghijklmnopqrstuvwxyz",
            "Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123|BEARER_TOKEN|abcdefghijklmnopqrstuvwxyz0123",
    })
    void findsAndRedactsSecrets(String text, SecretKind kind, String secretPart) {
        assertTrue(redactor.find(text).contains(kind), redactor.find(text).toString());
        String redacted = redactor.redact(text);
        assertFalse(redacted.contains(secretPart), redacted);
        assertTrue(redacted.contains(SecretRedactor.MASK), redacted);
    }

    @Test
    void redactsJwtsWherever() {
        assertEquals(Set.of(SecretKind.JWT), redactor.find("token " + JWT + " here"));
        assertEquals("token [redacted] here", redactor.redact("token " + JWT + " here"));
    }

    @Test
    void leavesPlaceholdersAndOrdinaryTextAlone() {
        String text = "client_secret=<your-secret> password=*** AADSTS7000215: Invalid client secret provided. "
                + "https://login.microsoftonline.com/error?code=7000215";
        assertEquals(Set.of(), redactor.find(text));
        assertEquals(text, redactor.redact(text));
    }
}
