package dev.aadsts.app.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aadsts.app.alerts.ServerProcesses;
import dev.aadsts.app.teams.BotTokenStandIn.TokenRequest;
import dev.aadsts.signin.testing.TlsStandIn;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot's own outbound tokens, for each Azure Bot type, fetched for real: a real {@code serve} process gets
 * a Teams message with a valid Bot Framework token, asks the token stand-in for its token (Entra over HTTPS
 * for MultiTenant and SingleTenant, the platform's managed-identity endpoint for UserAssignedMSI) and posts
 * its reply to the connector stand-in with that token. The server runs in its own JVM because the SDK gives
 * MSAL no TLS hook and MSAL reads the managed-identity endpoint from the process environment: that JVM alone
 * trusts the stand-in's certificate ({@code -Djavax.net.ssl.trustStore}) and gets the platform's variables.
 */
class TeamsOutboundTokenTest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP_ID = "2b1f6a4e-8f52-4f53-9d2e-7f0c2a0f7b11";
    private static final String PASSWORD = "Qx58Q~outbound.Token-Test_9f2cL0aB9cD7eF5gH3";
    private static final String BOT_TENANT = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    private static final String SCOPE = "https://api.botframework.com/.default";
    private static final String TRUST_PASSWORD = "stand-in-trust";

    @TempDir
    Path dir;
    private ConnectorStandIn connector;
    private BotTokenStandIn tokens;
    private ServerProcesses servers;
    private TeamsActivities activities;
    private int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() throws IOException {
        connector = new ConnectorStandIn();
        tokens = new BotTokenStandIn();
        servers = new ServerProcesses(dir);
        activities = new TeamsActivities(connector.serviceUrl());
    }

    @AfterEach
    void tearDown() {
        servers.close();
        tokens.close();
        connector.close();
    }

    @Test
    void multiTenantTokensComeFromTheBotFrameworkTenantAndARefusedSecretIsReportedNotRetried() throws Exception {
        serve(Map.of("MicrosoftAppId", APP_ID, "MicrosoftAppPassword", PASSWORD,
                "MicrosoftAppAuthorityHost", tokens.authorityHost()));

        // Entra's answer to a wrong secret. Nothing reaches the connector, the bot says what is wrong, and
        // asking again with the same secret would only be refused again.
        tokens.failNext(1, 401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid "
                + "client secret provided. Ensure the secret being sent in the request is the client secret value, "
                + "not the client secret ID, for a secret added to app '" + APP_ID + "'. Trace ID: "
                + "0b7f3c1e-5a9d-4b6e-8f2a-1c3d5e7f9a0b Correlation ID: 4f1e2d3c-b5a6-4978-8e9d-0a1b2c3d4e5f "
                + "Timestamp: 2026-12-02 10:14:03Z\",\"error_codes\":[7000215],\"trace_id\":"
                + "\"0b7f3c1e-5a9d-4b6e-8f2a-1c3d5e7f9a0b\",\"correlation_id\":"
                + "\"4f1e2d3c-b5a6-4978-8e9d-0a1b2c3d4e5f\"}");
        assertEquals(200, message("aadsts 50011"));
        assertEquals(401, tokens.next(WAIT).status());
        awaitLog("no Bot Framework token: the token endpoint refused the bot's credentials (HTTP 401 invalid_client, "
                + "AADSTS7000215); check MicrosoftAppId, MicrosoftAppPassword");
        connector.expectNothing(Duration.ofSeconds(2));
        assertEquals(List.of(), tokens.drain(), "a refused secret is not sent again and again");

        // Still serving: the next message gets its token and its reply.
        assertEquals(200, message("aadsts 50011"));
        ConnectorStandIn.Call reply = reply();
        TokenRequest granted = tokens.next(WAIT);
        assertClientCredentials(granted, "/botframework.com/oauth2/v2.0/token");
        assertEquals("Bearer " + granted.issued(), reply.authorization());
        assertTrue(reply.body().toString().contains("AADSTS50011"), reply.body().toString());

        // (MSAL's token cache is not asserted here: it files tokens under the authority's host without the
        // port, so with the stand-in's port every reply asks again. Real authorities have no port.)
        assertNoSecretsInLog(PASSWORD);
    }

    @Test
    void singleTenantTokensComeFromTheBotsTenantAndAnOutageIsRetried() throws Exception {
        serve(Map.of("MicrosoftAppType", "SingleTenant", "MicrosoftAppId", APP_ID, "MicrosoftAppPassword", PASSWORD,
                "MicrosoftAppTenantId", BOT_TENANT, "MicrosoftAppAuthorityHost", tokens.authorityHost()));
        tokens.failNext(2, 503, "{\"error\":\"temporarily_unavailable\",\"error_description\":\"AADSTS90033: A "
                + "transient error has occurred. Please try again.\",\"error_codes\":[90033]}");

        assertEquals(200, message("aadsts 50011"));
        ConnectorStandIn.Call reply = reply();
        assertEquals(200, reply.status());
        List<TokenRequest> asked = tokens.drain();
        assertEquals(List.of(503, 503, 200), asked.stream().map(TokenRequest::status).toList(), asked.toString());
        for (TokenRequest r : asked) {
            assertClientCredentials(r, "/" + BOT_TENANT + "/oauth2/v2.0/token");
        }
        assertEquals("Bearer " + asked.get(2).issued(), reply.authorization());
        connector.expectNothing(Duration.ofMillis(500));

        String log = awaitLog("no Bot Framework token: the token endpoint failed (HTTP 503 temporarily_unavailable, "
                + "AADSTS90033); retrying in");
        assertFalse(log.contains("connector unreachable"), "a token outage is not blamed on the connector: " + log);
        JsonNode teams = JSON.readTree(get("/healthz")).path("teams");
        assertTrue(teams.path("replies.retried").asLong() >= 1, teams.toString());
        assertEquals(1, teams.path("replies.sent").asLong(), teams.toString());
        assertEquals(0, teams.path("replies.failed").asLong(), teams.toString());
        assertNoSecretsInLog(PASSWORD);
    }

    @Test
    void aManagedIdentityOnContainerAppsAsksThePlatformAndItsFailuresAreRetried() throws Exception {
        serve(Map.of("MicrosoftAppType", "UserAssignedMSI", "MicrosoftAppId", APP_ID,
                "MicrosoftAppTenantId", BOT_TENANT, "IDENTITY_ENDPOINT", tokens.appServiceEndpoint(),
                "IDENTITY_HEADER", BotTokenStandIn.IDENTITY_HEADER));
        // More failures than MSAL retries on its own, so the bot's retry has to carry the reply through.
        tokens.failNext(4, 500, "{\"statusCode\":500,\"message\":\"An unexpected error occured while fetching the "
                + "AAD Token.\"}");

        assertEquals(200, message("aadsts 50011"));
        ConnectorStandIn.Call reply = reply();
        List<TokenRequest> asked = tokens.drain();
        TokenRequest granted = asked.get(asked.size() - 1);
        assertEquals(200, granted.status(), asked.toString());
        assertEquals(4, asked.stream().filter(r -> r.status() == 500).count(), asked.toString());
        for (TokenRequest r : asked) {
            assertEquals("app-service", r.endpoint());
            assertEquals("GET", r.method());
            assertEquals("2019-08-01", r.params().get("api-version"));
            assertEquals("https://api.botframework.com", r.params().get("resource"), "a resource, not a scope");
            assertEquals(APP_ID, r.params().get("client_id"), "the user-assigned identity, not the system one");
            assertEquals(BotTokenStandIn.IDENTITY_HEADER, r.header("X-IDENTITY-HEADER"));
        }
        assertEquals("Bearer " + granted.issued(), reply.authorization());
        awaitLog("no Bot Framework token: the managed identity endpoint (APP_SERVICE) failed");
        awaitLog("retrying in");
        assertNoSecretsInLog(BotTokenStandIn.IDENTITY_HEADER);
    }

    @Test
    void aManagedIdentityOnAVirtualMachineOrAksAsksImds() throws Exception {
        serve(Map.of("MicrosoftAppType", "UserAssignedMSI", "MicrosoftAppId", APP_ID,
                "MicrosoftAppTenantId", BOT_TENANT, "AZURE_POD_IDENTITY_AUTHORITY_HOST", tokens.imdsHost()));

        assertEquals(200, message("aadsts 50011"));
        ConnectorStandIn.Call reply = reply();
        TokenRequest granted = tokens.next(WAIT);
        assertEquals("imds", granted.endpoint());
        assertEquals("GET", granted.method());
        assertEquals("true", granted.header("Metadata"));
        assertEquals("https://api.botframework.com", granted.params().get("resource"));
        assertEquals(APP_ID, granted.params().get("client_id"));
        assertEquals("Bearer " + granted.issued(), reply.authorization());
        assertNull(granted.header("Authorization"));

        // The token is kept until it nears expiry, not fetched per reply.
        assertEquals(200, message("aadsts 50126"));
        assertEquals("Bearer " + granted.issued(), reply().authorization());
        assertEquals(List.of(), tokens.drain());
    }

    private void assertClientCredentials(TokenRequest r, String path) {
        assertEquals("entra", r.endpoint());
        assertEquals("POST", r.method());
        assertEquals(path, r.path());
        assertEquals("client_credentials", r.params().get("grant_type"));
        assertEquals(APP_ID, r.params().get("client_id"));
        // MSAL adds the OpenID scopes to every request; Entra ignores them for client credentials.
        List<String> scopes = new java.util.ArrayList<>(List.of(r.params().get("scope").split(" ")));
        scopes.removeAll(List.of("openid", "profile", "offline_access"));
        assertEquals(List.of(SCOPE), scopes, r.params().get("scope"));
        assertEquals(PASSWORD, r.params().get("client_secret"));
    }

    private void serve(Map<String, String> teams) throws IOException, InterruptedException {
        Path trust = dir.resolve("trust.p12");
        TlsStandIn.writeTrustStore(trust, TRUST_PASSWORD);
        port = ServerProcesses.freePort();
        Map<String, String> env = new HashMap<>(teams);
        env.put("PORT", String.valueOf(port));
        env.put("BIND_ADDRESS", "127.0.0.1");
        env.put("DATA_DIR", dir.resolve("data").toString());
        env.put("BotOpenIdMetadata", connector.openIdMetadataUrl());
        servers.start(List.of("-Djavax.net.ssl.trustStore=" + trust, "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djavax.net.ssl.trustStorePassword=" + TRUST_PASSWORD), env, port, "/healthz");
    }

    /** A personal-chat message as Teams sends it, with a valid Bot Framework token for this bot. */
    private int message(String text) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/messages"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + connector.token(APP_ID, connector.serviceUrl()))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(activities.personalMessage(text))))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** The next reply at the connector; when none comes, the server's log says why. */
    private ConnectorStandIn.Call reply() throws Exception {
        try {
            return connector.next(WAIT);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the server's log:\n" + Files.readString(servers.log(0)), e);
        }
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private String awaitLog(String expected) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        String log = "";
        while (System.nanoTime() < end) {
            log = Files.readString(servers.log(0));
            if (log.contains(expected)) {
                return log;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the log never said \"" + expected + "\":\n" + log);
    }

    private void assertNoSecretsInLog(String secret) throws IOException {
        String log = Files.readString(servers.log(0));
        assertFalse(log.contains(secret), "a secret reached the log:\n" + log);
        assertFalse(tokens.issuedTokens().isEmpty());
        for (String token : tokens.issuedTokens()) {
            assertFalse(log.contains(token), "an access token reached the log:\n" + log);
        }
    }
}
