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
        // The Teams app manifest links to these two; an organisation's own app needs nothing longer.
        server.mount("GET", "/privacy", exchange -> RequestBodies.send(exchange, 200, "text/plain; charset=utf-8", (
                "aadsts-bot privacy\n\nThe bot reads messages in the chats and channels it is added to, looks for "
                + "Microsoft Entra sign-in error codes, and answers with an explanation. It keeps recent message "
                + "ids (to answer each message once), the conversations it was installed in (to post alerts "
                + "there) and the alerts sent to it. Secrets found in a paste are never repeated or stored. "
                + "Everything stays in the database of whoever runs the bot.\n").getBytes(
                java.nio.charset.StandardCharsets.UTF_8)));
        server.mount("GET", "/terms", exchange -> RequestBodies.send(exchange, 200, "text/plain; charset=utf-8", (
                "aadsts-bot terms of use\n\nThe explanations are guidance written by the bot's maintainers, not "
                + "Microsoft's. Check a fix against your own tenant's policies before applying it. The bot is "
                + "provided as is, without warranty.\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
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
