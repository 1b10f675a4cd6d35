package dev.aadsts.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.aad.msal4j.PlatformEnvironment;
import dev.aadsts.signin.graph.GraphSettings;
import dev.aadsts.signin.graph.MsalGraphTokens;
import dev.aadsts.signin.testing.TlsStandIn;
import dev.aadsts.signin.testing.TlsStandIn.Answer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A user-assigned managed identity's Graph token, fetched by MSAL from an App Service-style endpoint over HTTPS. */
class ManagedIdentityTokenTest {

    static final String IDENTITY = "0f0e0d0c-0000-4000-8000-0000000000cc";

    @AfterEach
    void resetPlatform() {
        PlatformEnvironment.reset();
    }

    @Test
    void theTokenComesFromThePlatformEndpointForGraphAsResource() throws Exception {
        try (TlsStandIn platform = new TlsStandIn(seen -> "platform-secret".equals(seen.header("X-IDENTITY-HEADER"))
                ? Answer.json(200, "{\"access_token\":\"mi-token\",\"expires_on\":\""
                        + (System.currentTimeMillis() / 1000 + 3600) + "\",\"resource\":\"https://graph.microsoft.com\","
                        + "\"token_type\":\"Bearer\",\"client_id\":\"" + IDENTITY + "\"}")
                : Answer.json(401, "{}"))) {
            PlatformEnvironment.set(Map.of("IDENTITY_ENDPOINT", platform.origin() + "/msi/token",
                    "IDENTITY_HEADER", "platform-secret"));
            GraphSettings settings = GraphSettings.fromEnv(Map.of(GraphSettings.TENANT_ID,
                    "72f988bf-86f1-41af-91ab-2d7cd011db47", GraphSettings.MANAGED_IDENTITY, IDENTITY)).orElseThrow();

            String token = new MsalGraphTokens(settings, TlsStandIn.clientTls().getSocketFactory()).accessToken();

            assertEquals("mi-token", token);
            TlsStandIn.Seen asked = platform.seen.get(0);
            assertEquals("/msi/token", asked.uri().getPath());
            String query = java.net.URLDecoder.decode(asked.uri().getRawQuery(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(true, query.contains("resource=https://graph.microsoft.com"), query);
            assertEquals(true, query.contains(IDENTITY), query);
        }
    }
}
