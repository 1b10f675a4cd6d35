package dev.aadsts.app.ops;

import dev.aadsts.app.OwnThread;
import dev.aadsts.app.server.BotServer;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.store.Store;
import dev.aadsts.store.Stores;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator watches: the store's readiness, and the metrics on their own port
 * ({@code MANAGEMENT_PORT}, on loopback unless {@code MANAGEMENT_BIND_ADDRESS} says otherwise), so a
 * scraper never shares the port that Slack and Teams reach. Mounted last, so it sees every other part's
 * counters.
 */
public final class OpsMount {
    private static final Logger LOG = LoggerFactory.getLogger(OpsMount.class);

    private final CompletableFuture<Metrics> metrics;
    private final ManagementPort management;
    private final BotCore core;
    private final Store store;

    /** Where the management port listens; null port: metrics are off. */
    public record ManagementPort(String host, Integer port) {
        public static ManagementPort fromEnvironment(Map<String, String> env) {
            String text = env.getOrDefault("MANAGEMENT_PORT", "").strip();
            String host = env.getOrDefault("MANAGEMENT_BIND_ADDRESS", "").strip();
            if (text.isEmpty()) {
                return new ManagementPort(host.isEmpty() ? "127.0.0.1" : host, null);
            }
            try {
                int port = Integer.parseInt(text);
                if (port >= 0 && port <= 65535) {
                    return new ManagementPort(host.isEmpty() ? "127.0.0.1" : host, port);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("MANAGEMENT_PORT must be a number from 0 to 65535, not '" + text + "'");
        }

        public boolean on() {
            return port != null;
        }
    }

    public OpsMount(ManagementPort management, BotCore core, Store store) {
        this(management, buildMetrics(management), core, store);
    }

    /** @param metrics from {@link #buildMetrics}, begun earlier so it is built while the rest starts */
    public OpsMount(ManagementPort management, CompletableFuture<Metrics> metrics, BotCore core, Store store) {
        this.management = management;
        this.metrics = metrics;
        this.core = core;
        this.store = store;
    }

    /**
     * Builds the meters on their own thread when the management port is on, else nothing (null). Binding the JVM
     * meters reads every platform MXBean, a few tenths of a second of a start on two cores that would otherwise
     * sit on its critical path; a start without metrics does none of it. Begin it only once logging is set up
     * (Micrometer logs through it).
     */
    public static CompletableFuture<Metrics> buildMetrics(ManagementPort management) {
        if (!management.on()) {
            return null;
        }
        return OwnThread.supply("metrics-start", Metrics::new);
    }

    /** The meters, or null when the management port is off (nothing would serve them). */
    public Metrics metrics() {
        if (metrics == null) {
            return null;
        }
        return OwnThread.join(metrics);
    }

    public void mount(BotServer server) {
        server.readiness("store", () -> store.reachable() ? null : "the store does not answer");
        if (!management.on()) {
            LOG.info("Metrics are off: set MANAGEMENT_PORT (e.g. 9464) to serve GET /metrics");
            return;
        }
        Metrics metrics = metrics();
        core.explainer().observe(metrics::analysed);
        server.observe(metrics);
        server.counterSources().forEach(metrics::counters);
        Stores.bindMetrics(store, metrics.registry());
        metrics.feedback(store.stats());
        server.openManagementPort(management.host(), management.port());
        server.mountManagement("GET", "/metrics", exchange -> exchange.send(200,
                "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        LOG.info("Metrics are on: GET /metrics on {}:{}", management.host(), management.port());
    }
}
