package dev.aadsts.app.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.slack.api.model.event.MessageEvent;
import dev.aadsts.app.server.BotServer;
import dev.aadsts.app.server.ServerConfig;
import dev.aadsts.core.BotCore;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A load run, not a test: signed Slack message events at steady rates against the real server (a child process
 * running {@code serve}), one in ten carrying an AADSTS code, with this process standing in for Slack's Web API
 * (each {@code chat.postMessage} answered after 100–300 ms). In the same run, the same events go to a bare Bolt
 * app of the same Bolt version that only acknowledges, hosted the same way (our Jetty server, its own child
 * process, the same JVM options), as the baseline.
 *
 * <p>Reports per rate: acknowledgements per second, ack latency p50/p99 (from when each event was due, so a
 * server that falls behind cannot hide it), replies delivered per second and delivery lag p99 (event sent to
 * post received), events answered twice, events refused (503, which Slack would send again; they are re-sent
 * here after the run, as Slack would) and the server's resident memory.
 *
 * <p>Run with {@code scripts/slack-load.sh [seconds=60] [rates=250,500,1000] [bare=yes]}.
 */
public final class SlackLoad {
    private static final String SECRET = "load-signing-secret-0123456789ab";
    private static final int CHANNELS = 1000;
    /** At most this many requests open at once; past it the driver counts the send as late instead of queueing. */
    private static final int MAX_OPEN = 4000;
    private static final List<String> PASTES = List.of(
            "AADSTS50126: Error validating credentials due to invalid username or password.",
            "Sign-in failed with AADSTS50076, MFA required",
            "getting AADSTS53003 Access has been blocked by Conditional Access policies",
            "AADSTS700016: Application with identifier 'abc' was not found in the directory 'contoso'",
            "error AADSTS65001 the user or administrator has not consented");
    private static final List<String> CHATTER = List.of(
            "standup in five minutes", "can someone review my PR?", "lunch at noon?",
            "the build is green again", "deploying to staging now, shout if anything breaks",
            "thanks!", "I'll take a look after the meeting", "is the VPN slow for anyone else?");

    private SlackLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("bare-bolt")) {
            bareBolt(Integer.parseInt(args[1]), args[2]);
            return;
        }
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int[] rates = Arrays.stream((args.length > 1 ? args[1] : "250,500,1000").split(","))
                .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
        boolean bare = args.length <= 2 || !args[2].equalsIgnoreCase("no");
        if (seconds < 1 || seconds > 600) {
            throw new IllegalArgumentException("seconds must be 1..600");
        }
        for (int rate : rates) {
            if (rate < 1 || rate > 5000) {
                throw new IllegalArgumentException("rates must be 1..5000 events/s");
            }
        }
        Path dir = Files.createTempDirectory("slack-load");
        try (SlackStandIn slack = new SlackStandIn(100, 300)) {
            Replies replies = new Replies();
            slack.onPost(replies::received);
            int ourPort = freePort();
            Map<String, String> env = new HashMap<>();
            env.put("PORT", Integer.toString(ourPort));
            env.put("BIND_ADDRESS", "127.0.0.1");
            env.put("DATA_DIR", Files.createDirectories(dir.resolve("data")).toString());
            env.put("SLACK_BOT_TOKEN", "xoxb-load");
            env.put("SLACK_SIGNING_SECRET", SECRET);
            env.put("SLACK_API_URL", slack.apiUrl());
            Child ours = Child.start(dir.resolve("server.log"), env, ourPort, "dev.aadsts.app.Main", "serve");
            Child bolt = null;
            if (bare) {
                int boltPort = freePort();
                Map<String, String> boltEnv = new HashMap<>(env);
                boltEnv.put("PORT", Integer.toString(boltPort));
                bolt = Child.start(dir.resolve("bare-bolt.log"), boltEnv, boltPort, SlackLoad.class.getName(),
                        "bare-bolt", Integer.toString(boltPort), slack.apiUrl());
            }
            try {
                System.out.printf(Locale.ROOT, "%d s per rate, rates %s events/s, 1 in 10 with a code, %d channels, "
                        + "Web API stand-in answering in 100-300 ms%n", seconds, Arrays.toString(rates), CHANNELS);
                Driver driver = new Driver();
                // Warm-up, not reported: the JIT and the connection pools.
                driver.run(ours.port, 200, 5, "warm", replies);
                if (bolt != null) {
                    driver.run(bolt.port, 200, 5, "warmbolt", null);
                }
                replies.awaitAll(Duration.ofSeconds(30));
                for (int rate : rates) {
                    Run baseline = bolt == null ? null : driver.run(bolt.port, rate, seconds, "bolt" + rate, null);
                    long rssBefore = ours.rssKb();
                    Run run = driver.run(ours.port, rate, seconds, "ours" + rate, replies);
                    run.resend(driver, ours.port, replies);
                    boolean all = replies.awaitAll(Duration.ofSeconds(120));
                    report(rate, run, baseline, replies, rssBefore, ours, bolt, all);
                }
            } finally {
                ours.stop();
                if (bolt != null) {
                    bolt.stop();
                }
            }
        }
    }

    private static void report(int rate, Run run, Run baseline, Replies replies, long rssBefore, Child ours,
            Child bolt, boolean all) {
        Replies.Summary s = replies.summary(run.prefix);
        System.out.printf(Locale.ROOT, "%n== %d events/s for %d s ==%n", rate, run.seconds);
        if (baseline != null) {
            System.out.printf(Locale.ROOT, "bare Bolt (ack only): %8.0f acks/s  ack p50 %6.1f ms  p99 %7.1f ms  "
                    + "refused %d  late sends %d  peak RSS %d MiB%n", baseline.acksPerSecond(), baseline.p(50),
                    baseline.p(99), baseline.refused.get(), baseline.late.get(), bolt.peakRssKb() / 1024);
        }
        System.out.printf(Locale.ROOT, "aadsts-bot:           %8.0f acks/s  ack p50 %6.1f ms  p99 %7.1f ms  "
                + "refused %d (re-sent)  late sends %d%n", run.acksPerSecond(), run.p(50), run.p(99), run.refused.get(),
                run.late.get());
        if (baseline != null) {
            System.out.printf(Locale.ROOT, "  ack throughput ratio (ours / bare Bolt): %.2f   ack p99 ratio: %.2f%n",
                    run.acksPerSecond() / baseline.acksPerSecond(), run.p(99) / Math.max(0.001, baseline.p(99)));
        }
        System.out.printf(Locale.ROOT, "  replies: expected %d, delivered %d (%s), %.1f/s while sending, "
                + "delivery lag p50 %.0f ms p99 %.0f ms, answered twice %d%n", run.expectedReplies.get(), s.delivered(),
                all ? "all" : "NOT ALL", s.deliveredPerSecond(run.seconds), s.lagP50(), s.lagP99(), s.twice());
        System.out.printf(Locale.ROOT, "  server RSS %d MiB before, %d MiB after, peak %d MiB%n", rssBefore / 1024,
                ours.rssKb() / 1024, ours.peakRssKb() / 1024);
    }

    /** Sends one rate's events, open loop: each event is due at its own time whether or not others were answered. */
    static final class Driver {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4, r -> {
                    Thread t = new Thread(r, "load-client");
                    t.setDaemon(true);
                    return t;
                })).connectTimeout(Duration.ofSeconds(5)).build();
        private final SlackEvents events = new SlackEvents(SECRET);

        Run run(int port, int rate, int seconds, String prefix, Replies replies) throws InterruptedException {
            URI url = URI.create("http://127.0.0.1:" + port + "/slack/events");
            int total = rate * seconds;
            Run run = new Run(prefix, seconds, total);
            Semaphore open = new Semaphore(MAX_OPEN);
            long period = 1_000_000_000L / rate;
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                boolean code = i % 10 == 0;
                String channel = String.format(Locale.ROOT, "C0LOAD%04d", (i * 7919) % CHANNELS);
                String ts = String.format(Locale.ROOT, "17%08d.%06d", Math.abs(prefix.hashCode()) % 100_000_000, i);
                String text = code ? PASTES.get((i / 10) % PASTES.size()) : CHATTER.get(i % CHATTER.size());
                String body = SlackEvents.message("Ev" + prefix + "x" + i, channel, text, ts);
                if (code) {
                    run.expectedReplies.incrementAndGet();
                    if (replies != null) {
                        replies.expect(prefix, channel + "/" + ts, due);
                    }
                }
                if (!open.tryAcquire()) {
                    run.late.incrementAndGet();
                    run.failedBodies.add(body);
                    continue;
                }
                send(url, body, due, run, open);
            }
            open.acquire(MAX_OPEN);
            run.finish(start);
            return run;
        }

        private void send(URI url, String body, long due, Run run, Semaphore open) {
            http.sendAsync(events.request(url, body), HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                long latency = System.nanoTime() - due;
                if (e == null && r.statusCode() == 200) {
                    run.ack(latency);
                } else {
                    run.refused.incrementAndGet();
                    run.failedBodies.add(body);
                }
                open.release();
            });
        }
    }

    /** One rate's sending side. */
    static final class Run {
        final String prefix;
        final int seconds;
        final long[] latencies;
        final AtomicInteger acks = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger late = new AtomicInteger();
        final AtomicInteger expectedReplies = new AtomicInteger();
        final ConcurrentLinkedQueue<String> failedBodies = new ConcurrentLinkedQueue<>();
        private long elapsedNanos;

        Run(String prefix, int seconds, int total) {
            this.prefix = prefix;
            this.seconds = seconds;
            this.latencies = new long[total];
        }

        void ack(long nanos) {
            int i = acks.getAndIncrement();
            if (i < latencies.length) {
                latencies[i] = nanos;
            }
        }

        void finish(long start) {
            elapsedNanos = System.nanoTime() - start;
            int n = Math.min(acks.get(), latencies.length);
            Arrays.sort(latencies, 0, n);
        }

        double acksPerSecond() {
            return acks.get() / (elapsedNanos / 1e9);
        }

        double p(int percentile) {
            int n = Math.min(acks.get(), latencies.length);
            if (n == 0) {
                return Double.NaN;
            }
            return latencies[Math.min(n - 1, (int) Math.ceil(n * percentile / 100.0) - 1)] / 1e6;
        }

        /** Slack sends a refused event again; so does the driver, once, after the run (not counted as acks). */
        void resend(Driver driver, int port, Replies replies) throws InterruptedException {
            URI url = URI.create("http://127.0.0.1:" + port + "/slack/events");
            for (String body : failedBodies) {
                for (int attempt = 0; attempt < 20; attempt++) {
                    try {
                        int status = driver.http.send(driver.events.request(url, body, "X-Slack-Retry-Num", "1"),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status == 200) {
                            break;
                        }
                    } catch (IOException e) {
                        // try again
                    }
                    Thread.sleep(500);
                }
            }
        }
    }

    /** What the Web API stand-in received: posts per thread, and how long after its event each came. */
    static final class Replies {
        private final Map<String, Long> dueAt = new ConcurrentHashMap<>();
        private final Map<String, String> prefixOf = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> posts = new ConcurrentHashMap<>();
        private final Map<String, ConcurrentLinkedQueue<Long>> lags = new ConcurrentHashMap<>();
        private final Map<String, AtomicLong> lastAt = new ConcurrentHashMap<>();
        private final Map<String, AtomicLong> firstDue = new ConcurrentHashMap<>();
        private final AtomicInteger outstanding = new AtomicInteger();

        void expect(String prefix, String thread, long dueNanos) {
            dueAt.put(thread, dueNanos);
            prefixOf.put(thread, prefix);
            firstDue.computeIfAbsent(prefix, p -> new AtomicLong(dueNanos));
            outstanding.incrementAndGet();
        }

        void received(SlackStandIn.Call call) {
            long now = System.nanoTime();
            String channel = field(call.body(), "channel");
            String ts = field(call.body(), "thread_ts");
            String thread = channel + "/" + ts;
            if (call.status() != 200) {
                return;
            }
            int n = posts.computeIfAbsent(thread, t -> new AtomicInteger()).incrementAndGet();
            String prefix = prefixOf.get(thread);
            Long due = dueAt.get(thread);
            if (n == 1 && prefix != null && due != null) {
                lags.computeIfAbsent(prefix, p -> new ConcurrentLinkedQueue<>()).add(now - due);
                lastAt.computeIfAbsent(prefix, p -> new AtomicLong()).accumulateAndGet(now, Math::max);
                outstanding.decrementAndGet();
            }
        }

        boolean awaitAll(Duration wait) throws InterruptedException {
            long end = System.nanoTime() + wait.toNanos();
            while (outstanding.get() > 0 && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            return outstanding.get() == 0;
        }

        record Summary(int delivered, long[] sortedLags, int twice, long spanNanos) {
            double lagP50() {
                return percentile(50);
            }

            double lagP99() {
                return percentile(99);
            }

            private double percentile(int p) {
                if (sortedLags.length == 0) {
                    return Double.NaN;
                }
                return sortedLags[Math.min(sortedLags.length - 1, (int) Math.ceil(sortedLags.length * p / 100.0) - 1)]
                        / 1e6;
            }

            /** Replies delivered per second, from the first event due to the last reply received. */
            double deliveredPerSecond(int seconds) {
                return spanNanos <= 0 ? 0 : delivered / (spanNanos / 1e9);
            }
        }

        Summary summary(String prefix) {
            long[] sorted = lags.getOrDefault(prefix, new ConcurrentLinkedQueue<>()).stream().mapToLong(Long::longValue)
                    .sorted().toArray();
            int twice = 0;
            for (Map.Entry<String, AtomicInteger> e : posts.entrySet()) {
                if (prefix.equals(prefixOf.get(e.getKey())) && e.getValue().get() > 1) {
                    twice++;
                }
            }
            long first = firstDue.getOrDefault(prefix, new AtomicLong()).get();
            long last = lastAt.getOrDefault(prefix, new AtomicLong()).get();
            return new Summary(sorted.length, sorted, twice, last - first);
        }

        private static String field(String form, String name) {
            for (String pair : form.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    /** A server in its own JVM, with the same options for ours and the baseline. */
    static final class Child {
        final Process process;
        final int port;
        private final AtomicLong peakRss = new AtomicLong();

        private Child(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Child start(Path log, Map<String, String> env, int port, String mainClass, String... args)
                throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString()));
            command.addAll(Arrays.asList(System.getenv().getOrDefault("LOAD_JAVA_OPTS",
                    "-Xmx512m -XX:+ExitOnOutOfMemoryError").split("\\s+")));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
            command.addAll(Arrays.asList(args));
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().putAll(env);
            pb.redirectErrorStream(true);
            pb.redirectOutput(log.toFile());
            Child child = new Child(pb.start(), port);
            HttpClient http = HttpClient.newHttpClient();
            long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < end) {
                if (!child.process.isAlive()) {
                    throw new IllegalStateException("server exited: " + Files.readString(log));
                }
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        Thread watcher = new Thread(child::watchRss, "rss-watch");
                        watcher.setDaemon(true);
                        watcher.start();
                        return child;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(200);
                }
            }
            child.stop();
            throw new IllegalStateException("server did not come up; see " + log);
        }

        private void watchRss() {
            while (process.isAlive()) {
                peakRss.accumulateAndGet(rssKb(), Math::max);
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long rssKb() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux, or gone
            }
            return 0;
        }

        long peakRssKb() {
            return peakRss.get();
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * The baseline: a Bolt app of the same version with one message listener that only acknowledges, its own
     * signature check on, hosted on our Jetty server through Bolt's own request parser.
     */
    static void bareBolt(int port, String apiUrl) throws Exception {
        com.slack.api.SlackConfig slackConfig = new com.slack.api.SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(apiUrl);
        AppConfig config = AppConfig.builder().singleTeamBotToken("xoxb-load").signingSecret(SECRET)
                .slack(com.slack.api.Slack.getInstance(slackConfig)).authTestCacheEnabled(true).build();
        App app = new App(config);
        app.event(MessageEvent.class, (payload, ctx) -> ctx.ack());
        SlackRequestParser parser = new SlackRequestParser(config);
        Map<String, String> env = Map.of("PORT", Integer.toString(port), "BIND_ADDRESS", "127.0.0.1");
        BotServer server = BotServer.start(ServerConfig.fromEnvironment(env, false), BotCore.load(), s ->
                s.mount("POST", "/slack/events", exchange -> {
                    String body = new String(exchange.body(), StandardCharsets.UTF_8);
                    Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                            .requestUri("/slack/events").queryString(Map.of()).requestBody(body)
                            .headers(new RequestHeaders(exchange.headers())).remoteAddress(exchange.clientAddress())
                            .build());
                    try {
                        Response response = app.run(request);
                        exchange.send(response.getStatusCode(), response.getContentType() == null ? "text/plain"
                                : response.getContentType(), response.getBody() == null ? new byte[0]
                                : response.getBody().getBytes(StandardCharsets.UTF_8));
                    } catch (Exception e) {
                        exchange.send(500, "text/plain", new byte[0]);
                    }
                }));
        server.awaitStop();
    }
}
