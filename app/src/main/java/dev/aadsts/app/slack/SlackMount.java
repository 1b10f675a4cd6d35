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
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts the Slack adapter on the shared server: {@code POST /slack/events}, or an outbound Socket Mode link. */
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
        LOG.info("Slack is on: POST /slack/events (events, /aadsts and interactivity)");
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
