package dev.aadsts.app.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aadsts.app.BotApp;
import dev.aadsts.app.cli.Cli;
import dev.aadsts.core.BotCore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real server with KNOWLEDGE_OVERLAY set: the playground's JSON, live reload, and refusal at start. */
class OverlayEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;
    @TempDir
    Path overlay;

    private JsonNode explain(BotApp app, String text) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.server().port()
                + "/api/explain")).POST(HttpRequest.BodyPublishers.ofString(text)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("findings").get(0);
    }

    @Test
    void thePlaygroundApiCarriesTheSectionAndAnEditIsLiveWithoutARestart() throws Exception {
        Files.writeString(overlay.resolve("org.yaml"), """
                organization: Contoso IT
                rules:
                  - codes: [50011]
                    note: first version
                    links: [{label: Runbook, url: "https://wiki.contoso.example/rb"}]
                """);
        try (BotApp app = BotApp.start(Map.of("PORT", "0", "DATA_DIR", data.toString(),
                "KNOWLEDGE_OVERLAY", overlay.toString()), BotCore.load())) {
            JsonNode org = explain(app, "AADSTS50011").get("organization");
            assertEquals("Contoso IT", org.get("name").asText());
            assertEquals("first version", org.get("notes").get(0).asText());
            assertEquals("https://wiki.contoso.example/rb", org.get("links").get(0).get("url").asText());

            Files.writeString(overlay.resolve("org.yaml"), """
                    organization: Contoso IT
                    rules:
                      - codes: [50011]
                        note: second version
                    """);
            long deadline = System.nanoTime() + 15_000_000_000L;
            String note = "";
            while (!note.equals("second version") && System.nanoTime() < deadline) {
                Thread.sleep(100);
                note = explain(app, "AADSTS50011").get("organization").get("notes").get(0).asText();
            }
            assertEquals("second version", note);

            Files.writeString(overlay.resolve("org.yaml"), "organization: Contoso IT\nrules:\n  - codez: [1]\n");
            Thread.sleep(1500); // the failed reload is logged; the previous overlay must stay
            assertEquals("second version", explain(app, "AADSTS50011").get("organization").get("notes").get(0)
                    .asText());
        }
        String page = new String(BotApp.class.getResourceAsStream("/playground/playground.js").readAllBytes(),
                StandardCharsets.UTF_8);
        assertTrue(page.contains("f.organization"), "the playground draws the section");
    }

    @Test
    void aBadOverlayStopsServeWithFileLineAndExitCode2() throws Exception {
        Files.writeString(overlay.resolve("org.yaml"), "organization: Contoso IT\nrules:\n  - all: true\n    note: x\n"
                + "    links: [{label: Wiki, url: \"http://wiki.example\"}]\n");
        Map<String, String> env = Map.of("PORT", "0", "DATA_DIR", data.toString(), "KNOWLEDGE_OVERLAY",
                overlay.toString());
        BotApp.ConfigException e = assertThrows(BotApp.ConfigException.class, () -> BotApp.start(env, BotCore.load()));
        assertEquals(overlay.resolve("org.yaml") + ":5: 'http://wiki.example' must be an https:// address (or "
                + "mailto: for email)", e.getMessage());

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Cli(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, BotCore::load).run("serve");
        assertEquals(Cli.USAGE, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("org.yaml:5: 'http://wiki.example'"), err.toString());
    }
}
