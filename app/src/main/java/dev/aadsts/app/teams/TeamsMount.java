package dev.aadsts.app.teams;

import com.sun.net.httpserver.HttpExchange;
import dev.aadsts.app.server.BotServer;
import dev.aadsts.app.server.HttpProblem;
import dev.aadsts.app.server.RequestBodies;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.store.Store;
import dev.aadsts.teams.TeamsEndpoint;
import dev.aadsts.teams.TeamsHttpResponse;
import dev.aadsts.teams.TeamsSettings;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts the Teams adapter on the shared server at {@code POST /api/messages}. */
public final class TeamsMount implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TeamsMount.class);

    private final TeamsEndpoint teams;

    private TeamsMount(TeamsEndpoint teams) {
        this.teams = teams;
    }

    /** Whether Teams must reach this server from outside: only a registered bot (one with an app id). */
    public static boolean needsInbound(TeamsSettings settings) {
        return settings.validatesTokens();
    }

    /**
     * The Teams endpoint, or null (with one log line) when it would be unsafe: without an app id nobody's
     * token is checked, which is fine for the Bot Framework Emulator on this machine and nowhere else.
     */
    public static TeamsMount create(TeamsSettings settings, boolean loopbackOnly, BotCore core, Store store) {
        if (!settings.validatesTokens()) {
            if (!loopbackOnly) {
                LOG.warn("Teams is off: MicrosoftAppId is not set, and the server is reachable from other machines; "
                        + "an endpoint without token validation is only served on 127.0.0.1");
                return null;
            }
            LOG.warn("Teams token validation is OFF (MicrosoftAppId not set): POST /api/messages accepts anyone on "
                    + "this machine. Fine for the Bot Framework Emulator; set MicrosoftAppId and "
                    + "MicrosoftAppPassword for Teams.");
        }
        return new TeamsMount(TeamsEndpoint.create(settings, core, store));
    }

    public TeamsEndpoint endpoint() {
        return teams;
    }

    public void mount(BotServer server) {
        server.mount("POST", "/api/messages", this::handle);
        server.counters("teams", teams::counters);
        LOG.info("Teams is on: POST /api/messages ({})", teams.settings().validatesTokens()
                ? "tokens validated, " + teams.settings().appType().configName()
                : "validation off");
    }

    private void handle(HttpExchange exchange) throws IOException, HttpProblem {
        byte[] body = RequestBodies.read(exchange);
        TeamsHttpResponse response = teams.handle(exchange.getRequestHeaders().getFirst("Authorization"), body);
        String type = response.contentType() == null ? "text/plain; charset=utf-8" : response.contentType();
        RequestBodies.send(exchange, response.status(), type, response.body());
    }

    @Override
    public void close() {
        teams.close();
    }
}
