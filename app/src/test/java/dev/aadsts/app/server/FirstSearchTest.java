package dev.aadsts.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aadsts.core.BotCore;
import dev.aadsts.knowledge.CatalogSearch;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The search index is built on first use, not at start: the first searches a just-started server answers (several
 * at once, before anything built it) name the same codes, in the same order, as a search whose index was ready.
 */
class FirstSearchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> QUERIES = List.of("redirect uri", "expired secret", "account locked",
            "conditional access", "mfa push denied", "wrong password");

    @Test
    void racingFirstSearchesOverHttpAnswerInFull() throws Exception {
        BotCore core = BotCore.load();
        CatalogSearch ready = new CatalogSearch(core.catalog());
        ready.prepare();
        BotServer server = BotServer.start(ServerConfig.fromEnvironment(Map.of("PORT", "0")), core);
        try {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port() + "/api/search?q=";
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (String q : QUERIES) {
                answers.add(client.sendAsync(HttpRequest.newBuilder(
                                URI.create(base + URLEncoder.encode(q, StandardCharsets.UTF_8))).GET().build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
            }
            for (int i = 0; i < QUERIES.size(); i++) {
                HttpResponse<String> r = answers.get(i).get();
                assertEquals(200, r.statusCode());
                List<String> codes = new ArrayList<>();
                for (JsonNode hit : JSON.readTree(r.body()).get("results")) {
                    codes.add(hit.get("code").asText());
                }
                List<String> expected = ready.search(QUERIES.get(i), 10).stream().map(h -> h.entry().code()).toList();
                assertEquals(expected, codes, QUERIES.get(i));
            }
        } finally {
            server.stop();
        }
    }
}
