package dev.aadsts.app.server;

import dev.aadsts.core.BotCore;
import dev.aadsts.knowledge.SearchHit;
import java.util.List;
import java.util.Map;

/** The platform-neutral endpoints: health, explain, search, and the playground page's files. */
final class CoreRoutes {
    private static final String PRIVACY = "aadsts-bot privacy\n\nThe bot reads messages in the chats and "
            + "channels it is added to, looks for Microsoft Entra sign-in error codes, and answers with an "
            + "explanation. It keeps recent message ids (to answer each message once), the conversations it was "
            + "installed in (to post alerts there) and the alerts sent to it. Secrets found in a paste are never "
            + "repeated or stored. Everything stays in the database of whoever runs the bot.\n";
    private static final String TERMS = "aadsts-bot terms of use\n\nThe explanations are guidance written by the "
            + "bot's maintainers, not Microsoft's. Check a fix against your own tenant's policies before applying "
            + "it. The bot is provided as is, without warranty.\n";
    private static final List<String> PLAYGROUND_FILES =
            List.of("playground.js", "playground.css", "favicon.svg");

    private final BotCore core;
    private final BotServer server;
    private final boolean playgroundOn;
    private final StaticFiles playground = new StaticFiles("playground");

    CoreRoutes(BotCore core, BotServer server, boolean playgroundOn) {
        this.core = core;
        this.server = server;
        this.playgroundOn = playgroundOn;
    }

    void mount(BotServer server) {
        server.mount("GET", "/healthz", this::health);
        server.mount("GET", "/livez", exchange -> exchange.json(200, core.json().mapper().createObjectNode()
                .put("status", "live")));
        server.mount("GET", "/readyz", this::ready);
        // The Teams app manifest links to these two; an organisation's own app needs nothing longer.
        server.mount("GET", "/privacy", exchange -> exchange.sendText(200, PRIVACY));
        server.mount("GET", "/terms", exchange -> exchange.sendText(200, TERMS));
        if (!playgroundOn) {
            return;
        }
        server.mountPublic("POST", "/api/explain", this::explain);
        server.mountPublic("GET", "/api/search", this::search);
        server.mountPublic("GET", "/", exchange -> playground.serve(exchange, "index.html"));
        for (String file : PLAYGROUND_FILES) {
            if (playground.exists(file)) {
                server.mountPublic("GET", "/" + file, exchange -> playground.serve(exchange, file));
            }
        }
    }

    private void health(Exchange exchange) {
        var health = core.json().mapper().createObjectNode()
                .put("status", server.stopping() ? "stopping" : "ok")
                .put("catalogEntries", core.catalog().size());
        server.counters().forEach((name, values) -> {
            var node = health.putObject(name);
            values.forEach(node::put);
        });
        exchange.json(200, health);
    }

    /** 200 when every part is ready (catalog loaded, store reachable, Slack connected...), else 503 and why. */
    private void ready(Exchange exchange) {
        Map<String, String> problems = server.notReady();
        var answer = core.json().mapper().createObjectNode()
                .put("status", problems.isEmpty() ? "ready" : "not ready")
                .put("catalogEntries", core.catalog().size());
        if (!problems.isEmpty()) {
            var why = answer.putObject("problems");
            problems.forEach(why::put);
        }
        exchange.json(problems.isEmpty() ? 200 : 503, answer);
    }

    private void explain(Exchange exchange) throws HttpProblem {
        String text = exchange.text();
        exchange.json(200, core.json().explain(core.explainer().explain(text)));
    }

    private void search(Exchange exchange) throws HttpProblem {
        String query = exchange.queryParameter("q");
        if (query == null || query.isBlank()) {
            throw new HttpProblem(400, "missing query parameter q, e.g. /api/search?q=expired+secret");
        }
        List<SearchHit> hits = core.search().search(query, 10);
        exchange.json(200, core.json().search(query, hits));
    }
}
