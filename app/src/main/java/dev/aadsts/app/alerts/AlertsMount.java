package dev.aadsts.app.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aadsts.app.server.BotServer;
import dev.aadsts.app.server.Exchange;
import dev.aadsts.app.server.HttpProblem;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.alert.AlertPayloadException;
import dev.aadsts.core.alert.AlertPayloads;
import dev.aadsts.core.alert.ParsedAlerts;
import dev.aadsts.core.alert.delivery.AlertCards;
import dev.aadsts.core.alert.delivery.AlertChannel;
import dev.aadsts.core.alert.delivery.AlertDispatcher;
import dev.aadsts.core.alert.routing.AlertConfigException;
import dev.aadsts.core.alert.routing.AlertIntake;
import dev.aadsts.core.alert.routing.AlertRouting;
import dev.aadsts.core.alert.routing.AlertTarget;
import dev.aadsts.core.store.Store;
import dev.aadsts.core.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/alerts}: authenticates, reads the alert (Azure Monitor, Graph sign-ins, any JSON or
 * text), stores it durably, and answers 202 only then; the dispatcher posts the cards from the store.
 */
public final class AlertsMount implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertsMount.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookAuth auth;
    private final AlertPayloads payloads;
    private final AlertIntake intake;
    private final AlertDispatcher dispatcher;
    private final Duration poll;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    private AlertsMount(WebhookAuth auth, AlertPayloads payloads, AlertIntake intake, AlertDispatcher dispatcher,
            Duration poll) {
        this.auth = auth;
        this.payloads = payloads;
        this.intake = intake;
        this.dispatcher = dispatcher;
        this.poll = poll;
    }

    /**
     * The webhook's settings, read and checked once, before the store opens; null (with one log line) when
     * neither {@code ALERTS_TOKEN} nor {@code ALERTS_SIGNING_SECRET} is set.
     *
     * @throws AlertConfigException when the routes or the poll interval cannot work
     */
    public static Settings settings(Map<String, String> env) {
        WebhookAuth auth = new WebhookAuth(env.get("ALERTS_TOKEN"), env.get("ALERTS_SIGNING_SECRET"));
        if (!auth.enabled()) {
            LOG.info("Alerts are off: set ALERTS_TOKEN (or ALERTS_SIGNING_SECRET) to accept POST /api/alerts");
            return null;
        }
        return new Settings(auth, AlertRouting.fromEnvironment(env),
                pollInterval(env.getOrDefault("ALERTS_POLL_MILLIS", "1000")));
    }

    /** What the environment says about alerts, already validated. */
    public record Settings(WebhookAuth auth, AlertRouting routing, Duration poll) {
    }

    public static AlertsMount create(Settings settings, BotCore core, Store store,
            Map<AlertTarget.Platform, AlertChannel> channels) {
        Clock clock = Clock.systemUTC();
        AlertDispatcher dispatcher = new AlertDispatcher(store.alertGroups(), store.silences(),
                new AlertCards(core.catalog()), channels, settings.routing().timings(), clock);
        return new AlertsMount(settings.auth(), new AlertPayloads(core.explainer()),
                new AlertIntake(settings.routing(), store.alertGroups(), core.catalog(), clock), dispatcher,
                settings.poll());
    }

    private static Duration pollInterval(String text) {
        try {
            long millis = Long.parseLong(text.strip());
            if (millis >= 10 && millis <= 60_000) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new AlertConfigException("ALERTS_POLL_MILLIS must be a number of milliseconds from 10 to 60000, not '"
                + text.strip() + "'");
    }

    public void mount(BotServer server) {
        server.mount("POST", "/api/alerts", this::handle);
        server.counters("alerts", this::counters);
        dispatcher.start(poll);
        LOG.info("Alerts are on: POST /api/alerts");
    }

    private void handle(Exchange exchange) throws HttpProblem {
        byte[] body = exchange.body();
        String reason = auth.refuse(exchange.header("Authorization"), exchange.queryParameter("token"),
                exchange.header(WebhookAuth.TIMESTAMP_HEADER), exchange.header(WebhookAuth.SIGNATURE_HEADER), body,
                System.currentTimeMillis() / 1000);
        if (reason != null) {
            refused.incrementAndGet();
            throw new HttpProblem(401, reason);
        }
        ParsedAlerts parsed;
        try {
            parsed = payloads.read(body, exchange.header("Content-Type"));
        } catch (AlertPayloadException e) {
            throw new HttpProblem(400, e.getMessage());
        }
        AlertIntake.Accepted result;
        try {
            result = intake.accept(parsed);
        } catch (StoreException e) {
            // The sender should retry: its alerts were not acknowledged, and the store says why in the log.
            LOG.warn("Alerts not accepted: {}", e.getMessage());
            throw new HttpProblem(503, "the store could not take the alerts now; retry later");
        }
        accepted.addAndGet(result.accepted());
        ObjectNode answer = JSON.createObjectNode();
        answer.put("accepted", result.accepted());
        result.codes().forEach(answer.putArray("codes")::add);
        answer.put("source", result.source());
        exchange.json(202, answer);
    }

    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("accepted", accepted.get());
        m.put("refused", refused.get());
        m.putAll(dispatcher.counters());
        return m;
    }

    @Override
    public void close() {
        dispatcher.close();
    }
}
