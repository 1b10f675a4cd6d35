package dev.aadsts.core.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlertContextTest {
    static final String CLIENT_SECRET = "Zx71Q~Hk3vN8pLm2QwE5tYu9IoP4aSd6FgJ0kLz_";
    static final String JWT = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhcGk6Ly9wYXlyb2xsIiwiaXNzIjoieCJ9.c2lnbmF0dXJlLWJ5dGVzLWhlcmU";

    @ParameterizedTest
    @ValueSource(strings = {
            "Payroll " + CLIENT_SECRET,
            "Zx7Q~Hk3vN8pLm2QwE5tYu9IoP4aSd6FgJ0kLz_a1", // no digit before the marker: bot-core's rule passes it
            "token " + JWT,
            "eyJhdWQiOiJhcGk6Ly9wYXlyb2xsIiwiaXNzIjoieCJ9", // a JWT body on its own
            "client_secret=p4ssw0rd-for-payroll",
            "password: Winter2026!Secure",
            "Bearer mF9B5f41JqMzT7eK2wXc0vYh8nLp3sRa",
            "key 8kN3xQ7vB2mZ9pL4wR6tY1cF5hJ0dS3gA7eK2uM9qW4zX8y=", // a storage-account-like key
            "sig 3f9a6d1c0e75b7c2e5f80a394d618e4bf9a6d1c0e75b7c2e", // a hex key
    })
    void secretsNeverSurvive(String value) {
        String kept = new AlertContext().put("app", value).values().get("app");

        assertTrue(kept.contains("[redacted]"), kept);
        for (String part : List.of("Hk3vN8pLm2", "eyJ", "p4ssw0rd", "Winter2026", "mF9B5f41Jq", "8kN3xQ7vB2", "3f9a6d1c0e75b7")) {
            assertFalse(kept.contains(part), kept);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "8a1f2b3c-4d5e-6f70-8192-a3b4c5d6e7f8",
            "guest_partner#EXT#@contoso.onmicrosoft.com",
            "/subscriptions/7d1c5e92-40a8-4b6f-9e33-2b8f61c0d4a7/resourceGroups/rg-identity-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-identity-prod",
            "Entra-SignIn-Failures-ResultType-50126-Prod-WestEurope",
            "2026-11-20T08:15:42.1183207Z",
            "Office 365 Exchange Online",
            "2001:db8:85a3::8a2e:370:7334",
    })
    void ordinaryFactsAreKeptAsTheyAre(String value) {
        assertEquals(value, new AlertContext().put("x", value).values().get("x"));
    }

    @Test
    void valuesBecomeOneTrimmedLine() {
        AlertContext context = new AlertContext()
                .put("app", "  Contoso\n\tPayroll\u0000 Portal  ")
                .put("user", "x".repeat(500))
                .put("ip", "   ");
        assertEquals("Contoso Payroll Portal", context.values().get("app"));
        String user = context.values().get("user");
        assertEquals(AlertContext.MAX_VALUE, user.length());
        assertTrue(user.endsWith("…"));
        assertNull(context.values().get("ip"));
    }

    @Test
    void firstValueWinsAndKeysAreCapped() {
        AlertContext context = new AlertContext().put("app", "first").put("app", "second");
        for (int i = 0; i < 20; i++) {
            context.put("k" + i, "v" + i);
        }
        assertEquals("first", context.values().get("app"));
        assertEquals(AlertContext.MAX_KEYS, context.values().size());
        assertEquals("v10", context.values().get("k10"));
        assertNull(context.values().get("k11"));
    }

    @Test
    void linksAreWholeHttpsLinksOrNothing() {
        String portal = "https://portal.azure.com#@2a9f4c61-7e0b-4d3a-8c55-19e6b7f02d84/blade/Microsoft_Azure_Monitoring_Logs/"
                + "LogsBlade/q/H4sIAAAAAAAAA3WQwU7DMBBE7%2F0KK%2Bcq9gZCGykHBDcORULiwMm1N4mJ7Y1sN6VG8u8kBVUcyHFn5o3ebE2PlnLxdwYj2j";
        assertEquals(portal, new AlertContext().putLink(portal).values().get("link"));
        assertNull(new AlertContext().putLink("http://portal.azure.com/x").values().get("link"));
        assertNull(new AlertContext().putLink("javascript:alert(1)").values().get("link"));
        assertNull(new AlertContext().putLink("https://portal.azure.com/a b").values().get("link"));
        assertNull(new AlertContext().putLink("https://portal.azure.com/" + "q".repeat(AlertContext.MAX_LINK)).values().get("link"));
        String withToken = new AlertContext().putLink("https://example.com/cb?id_token=" + JWT).values().get("link");
        assertFalse(withToken.contains("eyJ"), withToken);
    }
}
