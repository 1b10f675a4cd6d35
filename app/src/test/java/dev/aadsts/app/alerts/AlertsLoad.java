package dev.aadsts.app.alerts;

import dev.aadsts.app.BotApp;
import dev.aadsts.core.BotCore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load run, not a test: how many alerts per second the webhook accepts durably (202 only after the
 * store committed), on the embedded store and on PostgreSQL, against a baseline measured in the same run:
 * the same bodies posted to {@code /api/explain}, which reads and analyses them but stores nothing.
 *
 * <p>Run with {@code scripts/alerts-load.sh [requests] [clients] [postgres-url]}. Without a URL, a private
 * PostgreSQL server is started (the tests' helper).
 */
public final class AlertsLoad {
    private AlertsLoad() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        String postgres = args.length > 2 ? args[2] : null;
        BotCore core = BotCore.load();

        Path dir = Files.createTempDirectory("aadsts-load");
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("DATA_DIR", dir.resolve("data").toString());
        env.put("ALERTS_TOKEN", AlertsEndToEndTest.TOKEN);
        env.put("ALERTS_SLACK_CHANNEL", "C0LOAD0001");
        // Nothing is delivered during the run (no Slack configured); the dispatcher's claims still run.
        env.put("ALERTS_GROUP_WAIT", "1h");

        System.out.printf(Locale.ROOT, "%d requests (one alert each) from %d concurrent clients%n", requests, clients);
        try (BotApp app = BotApp.start(env, core)) {
            warmUp(app, clients);
            double baseline = run(app, "/api/explain", requests, clients);
            double embedded = run(app, "/api/alerts", requests, clients);
            report("baseline: POST /api/explain (no store)", baseline, baseline);
            report("embedded H2: POST /api/alerts", embedded, baseline);
            verify(app, requests + WARM_UP);
        }

        env.remove("DATA_DIR");
        env.put("DATABASE_URL", postgres != null ? postgres : dev.aadsts.store.testing.PostgresServer.shared()
                .createDatabase().url());
        try (BotApp app = BotApp.start(env, core)) {
            warmUp(app, clients);
            double baseline = run(app, "/api/explain", requests, clients);
            double pg = run(app, "/api/alerts", requests, clients);
            report("baseline: POST /api/explain (no store)", baseline, baseline);
            report("PostgreSQL: POST /api/alerts", pg, baseline);
            verify(app, requests + WARM_UP);
        }
    }

    private static final int WARM_UP = 1_000;

    private static void warmUp(BotApp app, int clients) throws Exception {
        run(app, "/api/explain", WARM_UP, clients);
        run(app, "/api/alerts", WARM_UP, clients);
    }

    /** Alerts (requests) per second, all answered 2xx. */
    private static double run(BotApp app, String path, int requests, int clients) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Executors.newFixedThreadPool(clients)).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        URI uri = URI.create("http://127.0.0.1:" + app.server().port() + path);
        long t0 = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests) {
                    String body = AlertsEndToEndTest.graphSignIns(i % 2 == 0 ? "50126" : "53003", 1, i);
                    HttpRequest req = HttpRequest.newBuilder(uri).header("Authorization", "Bearer "
                            + AlertsEndToEndTest.TOKEN).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    try {
                        if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() >= 300) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " requests to " + path + " failed");
        }
        return requests / seconds;
    }

    private static void report(String what, double perSecond, double baseline) {
        System.out.printf(Locale.ROOT, "%-42s %,10.0f /s   %.2f× baseline%n", what, perSecond, perSecond / baseline);
    }

    private static void verify(BotApp app, long expected) {
        long stored = app.store().alertGroups().storedAlerts();
        System.out.printf(Locale.ROOT, "stored alerts: %,d (expected %,d)%n", stored, expected);
        if (stored != expected) {
            throw new IllegalStateException("stored " + stored + " alerts, expected " + expected);
        }
    }
}
