package dev.aadsts.app.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.app.BotApp;
import dev.aadsts.core.BotCore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probes, metrics and the configuration check, through the real server and the real store. */
class OpsEndToEndTest {
    private static BotCore core;
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path dataDir;
    private BotApp app;

    @BeforeAll
    static void loadCore() {
        core = BotCore.load();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private void start(Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "DATA_DIR", dataDir.toString()));
        env.putAll(extra);
        app = BotApp.start(env, core);
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void livenessAndReadinessFollowTheStore() throws Exception {
        start(Map.of());
        int port = app.server().port();
        assertEquals(200, get(port, "/livez").statusCode());
        HttpResponse<String> ready = get(port, "/readyz");
        assertEquals(200, ready.statusCode(), ready.body());
        app.store().close();
        HttpResponse<String> notReady = get(port, "/readyz");
        assertEquals(503, notReady.statusCode());
        assertTrue(notReady.body().contains("store"), notReady.body());
        assertEquals(200, get(port, "/livez").statusCode(), "alive, just not ready");
    }

    @Test
    void metricsAreOnTheManagementPortOnly() throws Exception {
        start(Map.of("MANAGEMENT_PORT", "0"));
        int port = app.server().port();
        int management = app.server().managementPort();
        assertTrue(management > 0 && management != port);
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/explain"))
                .POST(HttpRequest.BodyPublishers.ofString("AADSTS50011 and AADSTS99999999")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, get(port, "/metrics").statusCode(), "never on the port Slack and Teams reach");
        HttpResponse<String> metrics = get(management, "/metrics");
        assertEquals(200, metrics.statusCode());
        String text = metrics.body();
        assertTrue(text.contains("aadsts_pastes_analysed_total"), text);
        assertTrue(text.contains("aadsts_codes_found_total{code=\"50011\"} 1.0"), text);
        assertTrue(text.contains("aadsts_codes_found_total{code=\"unknown\"} 1.0"), "made-up codes share one series");
        // Only label values count: a sample value such as 0.0999999999 may contain the digits by chance.
        assertTrue(text.lines().filter(line -> !line.startsWith("#") && line.contains("{") && line.contains("}"))
                .map(line -> line.substring(line.indexOf('{'), line.indexOf('}') + 1))
                .noneMatch(labels -> labels.contains("99999999")), "an unknown code never becomes a label");
        assertTrue(text.contains("http_server_requests_seconds_bucket{method=\"POST\",route=\"/api/explain\""), text);
        assertTrue(text.contains("jvm_memory_used_bytes"), text);
        assertTrue(text.contains("hikaricp_connections"), text);
        assertTrue(text.contains("aadsts_feedback_votes{vote=\"helpful\"} 0.0"), text);
        assertEquals(404, get(management, "/healthz").statusCode(), "the management port serves metrics only");
    }

    @Test
    void checkConfigShowsSecretsOnlyAsSetAndPassesWhatServeAccepts() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new ConfigCheck(Map.of("DATA_DIR", dataDir.toString(), "ALERTS_TOKEN", "very-secret-token",
                "ALERTS_SLACK_CHANNEL", "C0123456789"), new PrintStream(out, true, StandardCharsets.UTF_8)).run();
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text);
        assertFalse(text.contains("very-secret-token"), text);
        assertTrue(text.contains("ALERTS_TOKEN                 set"), text);
        assertTrue(text.contains("on, POST /api/alerts"), text);
        assertTrue(text.contains("OK: serve would start"), text);
    }

    @Test
    void checkConfigNamesEveryProblemThatWouldStopServe() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new ConfigCheck(Map.of("DATA_DIR", dataDir.toString(), "PORT", "http", "LOG_FORMAT", "xml",
                "MicrosoftAppId", "11111111-2222-3333-4444-555555555555"),
                new PrintStream(out, true, StandardCharsets.UTF_8)).run();
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(2, status, text);
        assertTrue(text.contains("PORT must be a number"), text);
        assertTrue(text.contains("LOG_FORMAT must be text or json"), text);
        assertTrue(text.contains("MicrosoftAppPassword"), "a half-configured Teams bot is named: " + text);
    }
}
