package dev.aadsts.app.slack;

import dev.aadsts.app.server.BotServer;
import dev.aadsts.app.server.Exchange;
import dev.aadsts.app.server.HttpProblem;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.store.Store;
import dev.aadsts.slack.SlackBot;
import dev.aadsts.slack.SlackHttpResponse;
import dev.aadsts.slack.SlackSettings;
import dev.aadsts.slack.delivery.DeliveryLimits;
import dev.aadsts.slack.install.InstallFlow;
import java.nio.charset.StandardCharsets;
import dev.aadsts.core.alert.routing.AlertTarget;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the Slack adapter on the shared server: {@code POST /slack/events} (plus the install pages in
 * distribution mode), or an outbound Socket Mode link.
 */
public final class SlackMount implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlackMount.class);

    private final SlackBot bot;

    private SlackMount(SlackBot bot) {
        this.bot = bot;
    }

    /** Null, with one log line saying why, when Slack's credentials are absent. */
    public static SlackMount fromEnvironment(Map<String, String> env, BotCore core, Store store) {
        StringBuilder why = new StringBuilder();
        SlackSettings settings = SlackSettings.fromEnvironment(env, why);
        if (settings == null) {
            LOG.info("Slack is off: {}", why);
            return null;
        }
        return new SlackMount(SlackBot.create(settings, DeliveryLimits.fromEnvironment(env), core, store));
    }

    /** Whether Slack must reach this server from outside (HTTP mode), so it cannot stay on loopback. */
    public static boolean needsInbound(Map<String, String> env) {
        SlackSettings settings = SlackSettings.fromEnvironment(env, new StringBuilder());
        return settings != null && !settings.socketMode();
    }

    /**
     * In distribution mode every Slack destination must say which workspace it is in; a bare channel id would
     * be refused at each delivery, so it is refused at start instead.
     *
     * @param alertTargets the Slack and Teams targets of every alert route (none when alerts are off)
     * @param digestChannel the Slack digest channel, or null
     * @throws IllegalArgumentException a Slack destination names no workspace in distribution mode
     */
    public static void checkDestinations(Map<String, String> env, List<AlertTarget> alertTargets,
                                         String digestChannel) {
        SlackSettings settings = SlackSettings.fromEnvironment(env, new StringBuilder());
        if (settings == null || !settings.distributed()) {
            return;
        }
        for (AlertTarget target : alertTargets) {
            if (target.platform() == AlertTarget.Platform.SLACK && target.slackWorkspace() == null) {
                throw new IllegalArgumentException("alert target " + target.id() + " names no workspace; Slack is "
                        + "installed in many workspaces here, so write it as T0123ABCD/" + target.id()
                        + " (team id / channel id)");
            }
        }
        if (digestChannel != null && !digestChannel.contains("/")) {
            throw new IllegalArgumentException("STATS_DIGEST_CHANNEL " + digestChannel + " names no workspace; Slack is "
                    + "installed in many workspaces here, so write it as T0123ABCD/" + digestChannel);
        }
    }

    /** The adapter, for the alert dispatcher (posting cards) and the mute buttons. */
    public SlackBot bot() {
        return bot;
    }

    public void mount(BotServer server) {
        server.counters("slack", bot::counters);
        if (bot.settings().socketMode()) {
            server.readiness("slack", () -> bot.socketConnected() ? null : "Socket Mode is not connected");
            try {
                bot.startSocketMode();
            } catch (Exception e) {
                // Socket Mode keeps trying by itself once connected; a first failure is worth a loud line.
                LOG.error("Slack Socket Mode could not connect: {}", e.getMessage());
            }
            return;
        }
        server.mount("POST", "/slack/events", this::handle);
        if (bot.settings().distributed()) {
            server.mount("GET", InstallFlow.INSTALL_PATH, this::install);
            server.mount("GET", InstallFlow.REDIRECT_PATH, this::install);
            LOG.info("Slack is on for any workspace: POST /slack/events, the \"Add to Slack\" page at GET {}",
                    InstallFlow.INSTALL_PATH);
            return;
        }
        LOG.info("Slack is on: POST /slack/events (events, /aadsts and interactivity)");
    }

    private void install(Exchange exchange) {
        InstallFlow.Answer answer = bot.install(exchange.path(), exchange.rawQuery(), exchange.headers(),
                exchange.clientAddress());
        // The flow sets at most one cookie (the state, or its removal) and one Location per answer.
        answer.headers().forEach((name, values) -> {
            if (values != null && !values.isEmpty()) {
                exchange.responseHeader(name, values.get(values.size() - 1));
            }
        });
        exchange.responseHeader("Cache-Control", "no-store");
        String type = answer.contentType() == null ? "text/plain; charset=utf-8" : answer.contentType();
        byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.send(answer.status(), type, bytes);
    }

    private void handle(Exchange exchange) throws HttpProblem {
        String body = new String(exchange.body(), StandardCharsets.UTF_8);
        SlackHttpResponse response = bot.handle(exchange.rawQuery(), exchange.headers(), body,
                exchange.clientAddress(), System.currentTimeMillis() / 1000);
        String type = response.contentType() == null ? "text/plain; charset=utf-8" : response.contentType();
        byte[] bytes = response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8);
        exchange.send(response.status(), type, bytes);
    }

    @Override
    public void close() {
        bot.close();
    }
}
