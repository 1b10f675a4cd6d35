package dev.aadsts.app.alerts;

import dev.aadsts.app.BotApp;
import dev.aadsts.app.load.KeepAliveClient;
import dev.aadsts.core.BotCore;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A load run, not a test: how many alerts per second the webhook accepts durably (202 only after the store
 * committed), on the embedded store and on PostgreSQL, each beside a baseline measured in the same run and
 * process: the same bodies posted to {@code /api/explain}, which reads and analyses them but stores nothing.
 *
 * <p>Per store: first the most each endpoint answers from {@code clients} concurrent clients (closed loop),
 * then each steady rate (open loop: request i is due at start + i/rate, and its latency counts from when it was
 * due, so a server falling behind shows in p99 instead of slowing the sender). Every step lasts
 * {@code seconds}; a request that takes over 10 s counts as failed. Afterwards the stored count must equal the
 * number of 202 answers.
 *
 * <p>Run with {@code scripts/alerts-load.sh [seconds] [rates] [clients] [postgres-url]}. Without a URL, a
 * private PostgreSQL server is started (the tests' helper).
 */
public final class AlertsLoad {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int WARM_UP_SECONDS = 3;

    private AlertsLoad() {
    }

    /** What one step measured. */
    private record Step(int ok, int failed, double seconds, long[] latencyNanos) {
        double perSecond() {
            return ok / seconds;
        }

        double percentileMillis(double p) {
            if (latencyNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100 * latencyNanos.length) - 1;
            return latencyNanos[Math.max(0, Math.min(latencyNanos.length - 1, index))] / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int[] rates = Arrays.stream((args.length > 1 ? args[1] : "1000,2000,3000").split(","))
                .mapToInt(r -> Integer.parseInt(r.strip())).toArray();
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        String postgres = args.length > 3 ? args[3] : null;
        BotCore core = BotCore.load();

        Path dir = Files.createTempDirectory("aadsts-load");
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("DATA_DIR", dir.resolve("data").toString());
        env.put("ALERTS_TOKEN", AlertsEndToEndTest.TOKEN);
        env.put("ALERTS_SLACK_CHANNEL", "C0LOAD0001");
        // Nothing is delivered during the run (no Slack configured); the dispatcher's claims still run.
        env.put("ALERTS_GROUP_WAIT", "1h");

        System.out.printf(Locale.ROOT, "one alert per request, %d clients, %d s per step; rates %s/s%n", clients,
                seconds, Arrays.toString(rates));
        try (BotApp app = BotApp.start(env, core)) {
            measure("embedded H2", app, seconds, rates, clients);
        }

        env.remove("DATA_DIR");
        env.put("DATABASE_URL", postgres != null ? postgres : dev.aadsts.store.testing.PostgresServer.shared()
                .createDatabase().url());
        try (BotApp app = BotApp.start(env, core)) {
            measure("PostgreSQL", app, seconds, rates, clients);
        }
    }

    private static void measure(String store, BotApp app, int seconds, int[] rates, int clients) throws Exception {
        Target explain = new Target(app, "/api/explain", clients);
        Target alerts = new Target(app, "/api/alerts", clients);
        closedLoop(explain, WARM_UP_SECONDS, clients);
        Step warm = closedLoop(alerts, WARM_UP_SECONDS, clients);
        long accepted = warm.ok();

        System.out.printf(Locale.ROOT, "%n%s%n%-34s %12s %10s %10s %8s %12s%n", store, "step", "answered/s",
                "p50 ms", "p99 ms", "failed", "vs explain");
        Step baseline = closedLoop(explain, seconds, clients);
        Step most = closedLoop(alerts, seconds, clients);
        accepted += most.ok();
        report("/api/explain, " + clients + " clients flat out", baseline, baseline);
        report("/api/alerts,  " + clients + " clients flat out", most, baseline);
        for (int rate : rates) {
            Step explainAt = openLoop(explain, rate, seconds, clients);
            Step alertsAt = openLoop(alerts, rate, seconds, clients);
            accepted += alertsAt.ok();
            report("/api/explain at " + rate + "/s", explainAt, explainAt);
            report("/api/alerts  at " + rate + "/s", alertsAt, explainAt);
        }
        long stored = app.store().alertGroups().storedAlerts();
        System.out.printf(Locale.ROOT, "stored alerts: %,d; answered 202: %,d%n", stored, accepted);
        if (stored != accepted) {
            throw new IllegalStateException("stored " + stored + " alerts, but " + accepted + " were answered 202");
        }
    }

    private static void report(String step, Step measured, Step baseline) {
        System.out.printf(Locale.ROOT, "%-34s %12.0f %10.1f %10.1f %8d %11.2f×%n", step, measured.perSecond(),
                measured.percentileMillis(50), measured.percentileMillis(99), measured.failed(),
                measured.perSecond() / baseline.perSecond());
    }

    /** One endpoint of the running bot, with bodies that differ per request as real alerts do. */
    private static final class Target {
        private final URI uri;
        private final KeepAliveClient http;
        private final AtomicLong serial = new AtomicLong();

        Target(BotApp app, String path, int clients) {
            this.uri = URI.create("http://127.0.0.1:" + app.server().port() + path);
            // A connection per client: the load shares the server's two cores, so the client must cost little.
            this.http = new KeepAliveClient(clients, REQUEST_TIMEOUT);
        }

        /** True when answered 2xx in time. */
        boolean send() {
            long i = serial.getAndIncrement();
            String body = AlertsEndToEndTest.graphSignIns(i % 2 == 0 ? "50126" : "53003", 1, (int) (i % 100_000));
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + AlertsEndToEndTest.TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                return http.sendAndWait(request) < 300;
            } catch (Exception e) {
                return false;
            }
        }
    }

    /** {@code clients} callers, each sending its next request as soon as the last is answered. */
    private static Step closedLoop(Target target, int seconds, int clients) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        return run(clients, end, () -> System.nanoTime() < end ? System.nanoTime() : -1, target);
    }

    /** Requests due at a steady {@code rate}, sent by up to {@code clients} callers at once. */
    private static Step openLoop(Target target, int rate, int seconds, int clients) throws Exception {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        double interval = 1e9 / rate;
        AtomicLong next = new AtomicLong();
        return run(clients, end, () -> {
            long due = start + (long) (next.getAndIncrement() * interval);
            if (due >= end) {
                return -1;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            return due;
        }, target);
    }

    /** Answers when the caller's next request is due (nanoTime), or -1 when the step is over. */
    private interface Schedule {
        long nextDue();
    }

    private static Step run(int clients, long end, Schedule schedule, Target target) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Future<List<Long>>> workers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                long due;
                while ((due = schedule.nextDue()) >= 0) {
                    if (target.send()) {
                        ok.incrementAndGet();
                        latencies.add(System.nanoTime() - due);
                    } else {
                        failed.incrementAndGet();
                    }
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> w : workers) {
            all.addAll(w.get());
        }
        double seconds = (Math.max(end, System.nanoTime()) - t0) / 1e9;
        pool.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Step(ok.get(), failed.get(), seconds, sorted);
    }
}
