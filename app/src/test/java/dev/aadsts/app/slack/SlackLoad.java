package dev.aadsts.app.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.slack.api.model.event.MessageEvent;
import dev.aadsts.app.load.Deliveries;
import dev.aadsts.app.load.LoadDeadline;
import dev.aadsts.app.load.LoadEvent;
import dev.aadsts.app.load.LoadRun;
import dev.aadsts.app.load.OpenLoopDriver;
import dev.aadsts.app.load.ServerChild;
import dev.aadsts.app.server.BotServer;
import dev.aadsts.app.server.ServerConfig;
import dev.aadsts.core.BotCore;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
 * <p>Run with {@code scripts/slack-load.sh [seconds=60] [rates=250,500,1000] [bare=yes]}; the whole run is cut off
 * after {@code MAX_SECONDS} (default 3600).
 */
public final class SlackLoad {
    private static final String SECRET = "load-signing-secret-0123456789ab";
    private static final int CHANNELS = 1000;
    /** One event in this many carries a code ({@code LOAD_CODE_EVERY}, default 10; 0 for none, to isolate costs). */
    private static final int CODE_EVERY = Integer.parseInt(System.getenv().getOrDefault("LOAD_CODE_EVERY", "10"));
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
        LoadDeadline.arm(System.getenv(), 3600);
        Path dir = Files.createTempDirectory("slack-load");
        try (SlackStandIn slack = new SlackStandIn(100, 300)) {
            Deliveries replies = new Deliveries();
            slack.onPost(call -> {
                if (call.status() == 200) {
                    replies.received(field(call.body(), "channel") + "/" + field(call.body(), "thread_ts"));
                }
            });
            int ourPort = ServerChild.freePort();
            Map<String, String> env = new HashMap<>();
            env.put("PORT", Integer.toString(ourPort));
            env.put("BIND_ADDRESS", "127.0.0.1");
            env.put("DATA_DIR", Files.createDirectories(dir.resolve("data")).toString());
            env.put("SLACK_BOT_TOKEN", "xoxb-load");
            env.put("SLACK_SIGNING_SECRET", SECRET);
            env.put("SLACK_API_URL", slack.apiUrl());
            ServerChild ours = ServerChild.start(dir.resolve("server.log"), List.of(), env, ourPort,
                    "dev.aadsts.app.Main", "serve");
            ServerChild bolt = null;
            if (bare) {
                int boltPort = ServerChild.freePort();
                Map<String, String> boltEnv = new HashMap<>(env);
                boltEnv.put("PORT", Integer.toString(boltPort));
                bolt = ServerChild.start(dir.resolve("bare-bolt.log"), List.of(), boltEnv, boltPort,
                        SlackLoad.class.getName(), "bare-bolt", Integer.toString(boltPort), slack.apiUrl());
            }
            try {
                System.out.printf(Locale.ROOT, "%d s per rate, rates %s events/s, %s with a code, %d channels, "
                        + "Web API stand-in answering in 100-300 ms%n", seconds, Arrays.toString(rates),
                        CODE_EVERY > 0 ? "1 in " + CODE_EVERY : "none", CHANNELS);
                OpenLoopDriver driver = new OpenLoopDriver();
                // Warm-up, not reported: the JIT and the connection pools.
                send(driver, ours.port, 300, 10, "warm", replies);
                if (bolt != null) {
                    send(driver, bolt.port, 300, 10, "warmbolt", null);
                }
                replies.awaitAll(Duration.ofSeconds(30));
                for (int rate : rates) {
                    long boltCpu = bolt == null ? 0 : bolt.cpuMillis();
                    LoadRun baseline = bolt == null ? null
                            : send(driver, bolt.port, rate, seconds, "bolt" + rate, null);
                    boltCpu = bolt == null ? 0 : bolt.cpuMillis() - boltCpu;
                    long rssBefore = ours.rssKb();
                    long ourCpu = ours.cpuMillis();
                    LoadRun run = send(driver, ours.port, rate, seconds, "ours" + rate, replies);
                    driver.resendRefused(run);
                    boolean all = replies.awaitAll(Duration.ofSeconds(120));
                    // Everything these events cost: refusals handled again and the replies sent included.
                    ourCpu = ours.cpuMillis() - ourCpu;
                    report(rate, run, baseline, replies, rssBefore, ours, bolt, all);
                    System.out.printf(Locale.ROOT, "  server CPU per event: ours %.0f µs%s%n",
                            ourCpu * 1000.0 / (rate * seconds), baseline == null ? ""
                            : String.format(Locale.ROOT, ", bare Bolt %.0f µs (ratio %.2f)",
                                    boltCpu * 1000.0 / (rate * seconds), (double) ourCpu / Math.max(1, boltCpu)));
                }
            } finally {
                ours.stop();
                if (bolt != null) {
                    bolt.stop();
                }
            }
        }
    }

    private static void report(int rate, LoadRun run, LoadRun baseline, Deliveries replies, long rssBefore,
            ServerChild ours, ServerChild bolt, boolean all) {
        Deliveries.Summary s = replies.summary(run.prefix);
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
                all ? "all" : "NOT ALL", s.deliveredPerSecond(), s.lagP50(), s.lagP99(), s.twice());
        System.out.printf(Locale.ROOT, "  server RSS %d MiB before, %d MiB after, peak %d MiB%n", rssBefore / 1024,
                ours.rssKb() / 1024, ours.peakRssKb() / 1024);
    }

    /** Event {@code i} of a rate: one in ten a pasted code (which gets a threaded reply), the rest chatter. */
    private static LoadEvent event(SlackEvents events, URI url, String prefix, int i) {
        boolean code = CODE_EVERY > 0 && i % CODE_EVERY == 0;
        // Pastes and chatter each go round every channel (7919 is prime to 1000): at 1,000 events/s a channel gets a
        // paste every 10 s. Numbering pastes by the event index instead put them all in 100 channels, a paste a
        // second in each, which is Slack's limit per channel and no incident's shape.
        long round = code ? i / CODE_EVERY : i;
        String channel = String.format(Locale.ROOT, "C0LOAD%04d", (round * 7919) % CHANNELS);
        String ts = String.format(Locale.ROOT, "17%08d.%06d", Math.abs(prefix.hashCode()) % 100_000_000, i);
        String text = code ? PASTES.get((i / 10) % PASTES.size()) : CHATTER.get(i % CHATTER.size());
        String body = SlackEvents.message("Ev" + prefix + "x" + i, channel, text, ts);
        return new LoadEvent(events.request(url, body), () -> events.request(url, body, "X-Slack-Retry-Num", "1"),
                code ? channel + "/" + ts : null);
    }

    private static LoadRun send(OpenLoopDriver driver, int port, int rate, int seconds, String prefix,
            Deliveries replies) throws InterruptedException {
        SlackEvents events = new SlackEvents(SECRET);
        URI url = URI.create("http://127.0.0.1:" + port + "/slack/events");
        return driver.run(prefix, rate, seconds, i -> event(events, url, prefix, i), replies);
    }

    private static String field(String form, String name) {
        for (String pair : form.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
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
