package dev.aadsts.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aadsts.core.BotCore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real server on a free loopback port, spoken to over real HTTP. */
class BotServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static BotServer server;
    private static HttpClient client;
    private static String base;

    @BeforeAll
    static void start() throws IOException {
        server = BotServer.start(ServerConfig.fromEnvironment(Map.of("PORT", "0")), BotCore.load());
        base = "http://127.0.0.1:" + server.port();
        client = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    @Test
    void listensOnLoopbackOnlyByDefault() {
        assertTrue(server.address().getAddress().isLoopbackAddress());
        assertEquals("127.0.0.1", ServerConfig.fromEnvironment(Map.of()).host());
        assertEquals(3978, ServerConfig.fromEnvironment(Map.of()).port());
    }

    @Test
    void health() throws Exception {
        HttpResponse<String> r = get("/healthz");
        assertEquals(200, r.statusCode());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("ok", body.get("status").asText());
        assertTrue(body.get("catalogEntries").asInt() > 300);
    }

    @Test
    void explainAnswersTheCliContract() throws Exception {
        HttpResponse<String> r = post("/api/explain", "Sorry, but we're having trouble signing you in.\n"
                + "AADSTS50058: A silent sign-in request was sent but no user is signed in.\n"
                + "Trace ID: 0b5a3f2e-1111-2222-3333-444455556666");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode f = JSON.readTree(r.body()).get("findings").get(0);
        assertEquals("50058", f.get("code").asText());
        assertEquals("0b5a3f2e-1111-2222-3333-444455556666", f.get("context").get("traceId").asText());
    }

    @Test
    void emptyBodiesAreRefusedWithAReason() throws Exception {
        HttpResponse<String> r = post("/api/explain", "");
        assertEquals(400, r.statusCode());
        assertTrue(JSON.readTree(r.body()).get("error").asText().contains("empty"));
        assertEquals(400, post("/api/explain", "  \n ").statusCode());
    }

    @Test
    void oversizedBodiesAre413() throws Exception {
        HttpResponse<String> r = post("/api/explain", "A".repeat(1024 * 1024 + 1));
        assertEquals(413, r.statusCode());
        assertTrue(JSON.readTree(r.body()).get("error").asText().contains("1 MiB"));
        assertEquals(200, post("/api/explain", "A".repeat(1024 * 1024 - 20) + " AADSTS50011").statusCode());
    }

    @Test
    void wrongMethodsAndPaths() throws Exception {
        HttpResponse<String> r = get("/api/explain");
        assertEquals(405, r.statusCode());
        assertEquals("POST", r.headers().firstValue("Allow").orElse(""));
        assertEquals(404, get("/nope").statusCode());
        int traversal = get("/../etc/passwd").statusCode();
        assertTrue(traversal == 400 || traversal == 404, "a path outside the root is refused: " + traversal);
    }

    @Test
    void searchEndpoint() throws Exception {
        HttpResponse<String> r = get("/api/search?q=redirect+uri");
        assertEquals(200, r.statusCode());
        JsonNode results = JSON.readTree(r.body()).get("results");
        assertTrue(results.toString().contains("\"50011\""), results.toString());
        assertEquals(400, get("/api/search").statusCode());
    }

    @Test
    void playgroundPageAndAssets() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<textarea"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        HttpResponse<String> js = get("/playground.js");
        assertEquals(200, js.statusCode());
        assertTrue(js.body().contains("/api/explain"));
        assertTrue(!js.body().contains("innerHTML"), "cards are built from text nodes only");
        assertEquals(200, get("/playground.css").statusCode());
    }

    @Test
    void privacyAndTermsPagesTheTeamsManifestLinksTo() throws Exception {
        for (String path : new String[] {"/privacy", "/terms"}) {
            HttpResponse<String> r = get(path);
            assertEquals(200, r.statusCode());
            assertTrue(r.body().startsWith("aadsts-bot"), r.body());
        }
    }

    @Test
    void badPortsAreUsageErrors() {
        for (String port : new String[] {"abc", "-1", "70000"}) {
            try {
                ServerConfig.fromEnvironment(Map.of("PORT", port));
                throw new AssertionError("accepted PORT=" + port);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().contains("PORT"));
            }
        }
    }
}
