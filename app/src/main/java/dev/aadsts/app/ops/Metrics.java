package dev.aadsts.app.ops;

import dev.aadsts.app.server.HttpObserver;
import dev.aadsts.core.explain.Analysis;
import dev.aadsts.core.explain.Finding;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The bot's meters, scraped in Prometheus' text format from {@code GET /metrics} on the management port.
 * JVM and process meters, HTTP requests by route and status, pastes and the codes found in them (tagged
 * by code only for catalog codes, so a flood of made-up numbers cannot grow the series without end), and
 * every counter an adapter shows on {@code /healthz}, read from the same source.
 */
public final class Metrics implements HttpObserver {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter pastes;
    private final Counter pastesWithCodes;

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        pastes = Counter.builder("aadsts.pastes.analysed").description("texts analysed for codes")
                .register(registry);
        // Every outcome from the start, so a dashboard shows zeros rather than missing series.
        for (var outcome : dev.aadsts.core.store.SignInAudit.Outcome.values()) {
            signInLookups(outcome);
        }
        pastesWithCodes = Counter.builder("aadsts.pastes.with.codes").description("analysed texts that held a code")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Counts one analysis: the paste, and each code in it ({@code unknown} for codes not in the catalog). */
    public void analysed(Analysis analysis) {
        pastes.increment();
        if (analysis.hasCodes()) {
            pastesWithCodes.increment();
        }
        for (Finding finding : analysis.findings()) {
            Counter.builder("aadsts.codes.found").description("codes found in pastes, by catalog code")
                    .tag("code", finding.known() ? finding.code() : "unknown")
                    .register(registry).increment();
        }
    }

    /**
     * Publishes a component's counters (the ones {@code /healthz} shows) as {@code aadsts_<component>_<name>}
     * counters, read from the same supplier at every scrape.
     */
    public void counters(String component, Supplier<Map<String, Long>> source) {
        for (String key : source.get().keySet()) {
            String name = "aadsts." + component + "." + key.replaceAll("[^A-Za-z0-9]+", ".")
                    .replaceAll("([a-z])([A-Z])", "$1.$2").toLowerCase(java.util.Locale.ROOT);
            FunctionCounter.builder(name, source, s -> s.get().getOrDefault(key, 0L).doubleValue())
                    .register(registry);
        }
    }

    /**
     * Helpfulness votes as gauges, read from the store at each scrape (the votes live there, shared by every
     * replica): {@code aadsts_feedback_votes{vote="helpful"}} and {@code {vote="not_helpful"}}.
     */
    public void feedback(dev.aadsts.core.stats.StatsStore stats) {
        io.micrometer.core.instrument.Gauge.builder("aadsts.feedback.votes", stats,
                        s -> s.helpfulness(10_000).stream().mapToLong(h -> h.helpful()).sum())
                .tag("vote", "helpful").description("helpful votes on cards, all codes").register(registry);
        io.micrometer.core.instrument.Gauge.builder("aadsts.feedback.votes", stats,
                        s -> s.helpfulness(10_000).stream().mapToLong(h -> h.notHelpful()).sum())
                .tag("vote", "not_helpful").description("not-helpful votes on cards, all codes").register(registry);
    }

    /** One chat sign-in lookup, by how it ended: {@code aadsts_signin_lookups_total{outcome="found"}} and so on. */
    public void signInLookup(dev.aadsts.core.store.SignInAudit.Outcome outcome) {
        signInLookups(outcome).increment();
    }

    private Counter signInLookups(dev.aadsts.core.store.SignInAudit.Outcome outcome) {
        return Counter.builder("aadsts.signin.lookups").description("sign-in lookups from chat, by outcome")
                .tag("outcome", outcome.id()).register(registry);
    }

    @Override
    public void served(String method, String route, int status, long nanos) {
        Timer.builder("http.server.requests")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public String scrape() {
        return registry.scrape();
    }
}
