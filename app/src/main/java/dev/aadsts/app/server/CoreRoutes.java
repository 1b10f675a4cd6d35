package dev.aadsts.app.server;

import com.sun.net.httpserver.HttpExchange;
import dev.aadsts.core.BotCore;
import dev.aadsts.knowledge.SearchHit;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The platform-neutral endpoints: health, explain, search, and the playground page's files. */
final class CoreRoutes {
    private final BotCore core;
    private final BotServer server;
    private final StaticFiles playground = new StaticFiles("playground");

    CoreRoutes(BotCore core, BotServer server) {
        this.core = core;
        this.server = server;
    }

    void mount(BotServer server) {
        server.mount("GET", "/healthz", this::health);
        server.mount("POST", "/api/explain", this::explain);
        server.mount("GET", "/api/search", this::search);
        server.mount("GET", "/", exchange -> playground.serve(exchange, "index.html"));
        server.mount("GET", "/playground.js", exchange -> playground.serve(exchange, "playground.js"));
        server.mount("GET", "/playground.css", exchange -> playground.serve(exchange, "playground.css"));
    }

    private void health(HttpExchange exchange) throws IOException {
        var health = core.json().mapper().createObjectNode()
                .put("status", "ok")
                .put("catalogEntries", core.catalog().size());
        server.counters().forEach((name, values) -> {
            var node = health.putObject(name);
            values.forEach(node::put);
        });
        RequestBodies.json(exchange, 200, health);
    }

    private void explain(HttpExchange exchange) throws IOException, HttpProblem {
        String text = RequestBodies.text(exchange);
        RequestBodies.json(exchange, 200, core.json().explain(core.explainer().explain(text)));
    }

    private void search(HttpExchange exchange) throws IOException, HttpProblem {
        String query = queryParameter(exchange, "q");
        if (query == null || query.isBlank()) {
            throw new HttpProblem(400, "missing query parameter q, e.g. /api/search?q=expired+secret");
        }
        List<SearchHit> hits = core.search().search(query, 10);
        RequestBodies.json(exchange, 200, core.json().search(query, hits));
    }

    private static String queryParameter(HttpExchange exchange, String name) throws HttpProblem {
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return null;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                try {
                    return URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new HttpProblem(400, "query parameter " + name + " is not valid URL encoding");
                }
            }
        }
        return null;
    }
}
