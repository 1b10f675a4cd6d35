package dev.aadsts.app.teams;

import dev.aadsts.app.server.BotServer;
import dev.aadsts.app.server.Exchange;
import dev.aadsts.app.server.HttpProblem;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.store.Store;
import dev.aadsts.teams.TeamsEndpoint;
import dev.aadsts.teams.delivery.TeamsReplyLimits;
import dev.aadsts.teams.TeamsHttpResponse;
import dev.aadsts.teams.TeamsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts the Teams adapter on the shared server at {@code POST /api/messages}. */
public final class TeamsMount implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TeamsMount.class);

    private final StartingTeamsEndpoint teams;

    private TeamsMount(StartingTeamsEndpoint teams) {
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
        return create(settings, TeamsReplyLimits.DEFAULTS, loopbackOnly, core, store);
    }

    /** @param limits the reply queue's bound and concurrency ({@link TeamsReplyLimits#fromEnvironment}) */
    public static TeamsMount create(TeamsSettings settings, TeamsReplyLimits limits, boolean loopbackOnly, BotCore core,
            Store store) {
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
        return new TeamsMount(
                StartingTeamsEndpoint.start(settings, () -> TeamsEndpoint.create(settings, limits, core, store)));
    }

    /** Waits until the endpoint is built; throws what building it threw, so start-up fails as before. */
    public void awaitStarted() {
        teams.await();
    }

    public TeamsEndpoint endpoint() {
        return teams;
    }

    public void mount(BotServer server) {
        server.mount("POST", "/api/messages", this::handle);
        server.counters("teams", teams::counters);
        server.readiness("teams", () -> teams.ready() ? null : "the Teams endpoint is starting");
        LOG.info("Teams is on: POST /api/messages ({})", teams.settings().validatesTokens()
                ? "tokens validated, " + teams.settings().appType().configName()
                : "validation off");
    }

    private void handle(Exchange exchange) throws HttpProblem {
        if (!teams.settings().validatesTokens()) {
            refuseBrowsers(exchange);
        }
        byte[] body = exchange.body();
        TeamsHttpResponse response = teams.handle(exchange.header("Authorization"), body);
        String type = response.contentType() == null ? "text/plain; charset=utf-8" : response.contentType();
        exchange.send(response.status(), type, response.body());
    }

    /**
     * Without token validation anyone on this machine may post activities, and an activity names the
     * {@code serviceUrl} the reply goes to. A web page open in a browser here could otherwise make the bot
     * post to an address of its choosing with a "simple" cross-origin request (text/plain, no preflight).
     * Browsers always send {@code Origin} on such requests and cannot send JSON without a preflight we
     * never grant, so either sign refuses the request; the Emulator sends neither.
     */
    static void refuseBrowsers(Exchange exchange) throws HttpProblem {
        if (exchange.header("Origin") != null) {
            throw new HttpProblem(403, "browser requests are refused while token validation is off");
        }
        String type = exchange.header("Content-Type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new HttpProblem(415, "activities must be sent as application/json");
        }
    }

    @Override
    public void close() {
        teams.close();
    }
}
