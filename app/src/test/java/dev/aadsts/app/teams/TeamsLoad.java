package dev.aadsts.app.teams;

import dev.aadsts.app.load.Deliveries;
import dev.aadsts.app.load.LoadDeadline;
import dev.aadsts.app.load.LoadRun;
import dev.aadsts.app.load.OpenLoopDriver;
import dev.aadsts.app.load.ServerChild;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A load run, not a test: Bot Framework message activities at steady rates against {@code /api/messages} of the
 * real server (a child process running {@code serve}), each request carrying a Bot Framework token signed with a
 * key that only a local stand-in publishes ({@code BotOpenIdMetadata}), so the SDK's token check runs for real.
 * Replies go to {@link SlowConnectorStandIn} (100–300 ms per post); the bot's outbound tokens come from
 * {@link BotTokenStandIn}'s managed-identity endpoint. In the same run, the same activities go to
 * {@link BareSdkBot}, the SDK's own minimal bot with the same token check, hosted the same way, as the baseline.
 *
 * <p>Reports per rate: acknowledgements per second, ack latency p50/p99 (from when each activity was due), the
 * ratio to the baseline, replies delivered and per second, delivery lag p50/p99 (activity due to reply post
 * answered by the stand-in), activities answered twice, 503s (re-sent after the rate, as the connector would) and
 * the server's resident memory.
 *
 * <p>Run with {@code scripts/teams-load.sh [seconds=60] [rates=50,100,200] [bare-sdk=yes]}; the whole run is cut
 * off after {@code MAX_SECONDS} (default 1800).
 */
public final class TeamsLoad {
    private static final String APP_ID = "2b1f6a4e-8f52-4f53-9d2e-7f0c2a0f7b11";

    private TeamsLoad() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int[] rates = Arrays.stream((args.length > 1 ? args[1] : "50,100,200").split(","))
                .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
        boolean bare = args.length <= 2 || !args[2].equalsIgnoreCase("no");
        if (seconds < 1 || seconds > 600) {
            throw new IllegalArgumentException("seconds must be 1..600");
        }
        for (int rate : rates) {
            if (rate < 1 || rate > 2000) {
                throw new IllegalArgumentException("rates must be 1..2000 activities/s");
            }
        }
        LoadDeadline.arm(System.getenv(), 1800);
        Path dir = Files.createTempDirectory("teams-load");
        Deliveries replies = new Deliveries();
        try (ConnectorStandIn keys = new ConnectorStandIn(); BotTokenStandIn tokens = new BotTokenStandIn();
                SlowConnectorStandIn connector = new SlowConnectorStandIn(replies, 100, 300)) {
            Map<String, String> env = new HashMap<>();
            env.put("BIND_ADDRESS", "127.0.0.1");
            env.put("MicrosoftAppId", APP_ID);
            env.put("BotOpenIdMetadata", keys.openIdMetadataUrl());
            // Outbound tokens as on Container Apps: a user-assigned managed identity from the platform's endpoint.
            // MSAL caches them for their hour, as in production; with a client secret it could not, because it
            // files tokens under the authority's host without the stand-in's port, so every reply would ask again.
            env.put("MicrosoftAppType", "UserAssignedMSI");
            env.put("MicrosoftAppTenantId", TeamsActivities.TENANT);
            env.put("IDENTITY_ENDPOINT", tokens.appServiceEndpoint());
            env.put("IDENTITY_HEADER", BotTokenStandIn.IDENTITY_HEADER);
            ServerChild ours = start(dir, "server", env, "dev.aadsts.app.Main", "serve");
            ServerChild sdk = bare ? start(dir, "bare-sdk", env, BareSdkBot.class.getName()) : null;
            try {
                System.out.printf(Locale.ROOT, "%d s per rate, rates %s activities/s, 1 in 5 answered, signed tokens "
                        + "validated by both bots, connector stand-in answering in 100-300 ms%n", seconds,
                        Arrays.toString(rates));
                Sender sender = new Sender(new OpenLoopDriver(), keys, connector.serviceUrl());
                sender.requireTokenCheck(ours, "aadsts-bot");
                if (sdk != null) {
                    sender.requireTokenCheck(sdk, "bare SDK bot");
                }
                // Warm-up, not reported: the JIT, the key caches and the connection pools.
                sender.send(ours, 100, 5, "warm", replies);
                if (sdk != null) {
                    sender.send(sdk, 100, 5, "warmsdk", null);
                }
                replies.awaitAll(Duration.ofSeconds(30));
                tokens.drain();
                for (int rate : rates) {
                    LoadRun baseline = sdk == null ? null : sender.send(sdk, rate, seconds, "sdk" + rate, null);
                    long rssBefore = ours.rssKb();
                    LoadRun run = sender.send(ours, rate, seconds, "ours" + rate, replies);
                    sender.driver.resendRefused(run);
                    boolean all = replies.awaitAll(Duration.ofSeconds(120));
                    new TeamsLoadReport(rate, run, baseline, replies.summary(run.prefix), all).print(ours, sdk,
                            rssBefore, tokens.drain().size(), replies.unmatched(), connector.otherCalls());
                }
            } finally {
                ours.stop();
                if (sdk != null) {
                    sdk.stop();
                }
            }
        }
    }

    /** Ours and the baseline get the same environment and JVM options; only the port and data directory differ. */
    private static ServerChild start(Path dir, String name, Map<String, String> common,
            String mainClass, String... args) throws Exception {
        int port = ServerChild.freePort();
        Map<String, String> env = new HashMap<>(common);
        env.put("PORT", Integer.toString(port));
        env.put("DATA_DIR", Files.createDirectories(dir.resolve(name + "-data")).toString());
        return ServerChild.start(dir.resolve(name + ".log"), List.of(), env, port, mainClass, args);
    }

    /** Builds each rate's activities with a fresh token (a run may outlast one) and hands them to the driver. */
    private static final class Sender {
        final OpenLoopDriver driver;
        private final ConnectorStandIn keys;
        private final String serviceUrl;
        private int runs;

        Sender(OpenLoopDriver driver, ConnectorStandIn keys, String serviceUrl) {
            this.driver = driver;
            this.keys = keys;
            this.serviceUrl = serviceUrl;
        }

        /**
         * Both bots must really check tokens, or the comparison would be unfair: an activity whose token was signed
         * by a key nobody published is refused with 401, and the same activity with a good token is accepted.
         */
        void requireTokenCheck(ServerChild server, String name) throws Exception {
            URI url = URI.create("http://127.0.0.1:" + server.port + "/api/messages");
            String body = "{\"type\":\"message\",\"id\":\"probe\",\"channelId\":\"msteams\",\"serviceUrl\":\""
                    + serviceUrl + "\",\"from\":{\"id\":\"29:probe\"},\"recipient\":{\"id\":\"28:" + APP_ID
                    + "\"},\"conversation\":{\"id\":\"19:probe@thread.tacv2\",\"conversationType\":\"channel\"},"
                    + "\"text\":\"token probe\"}";
            int forged = status(url, body, ConnectorStandIn.tokenFromUnknownKey(APP_ID, serviceUrl));
            int good = status(url, body, keys.token(APP_ID, serviceUrl));
            if (forged != 401 || good != 200) {
                throw new IllegalStateException(name + " does not check tokens as expected: a forged token got "
                        + forged + ", a good one " + good);
            }
        }

        private static int status(URI url, String body, String token) throws Exception {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        /** {@code replies} null for the baseline, which answers nothing. */
        LoadRun send(ServerChild server, int rate, int seconds, String prefix, Deliveries replies)
                throws InterruptedException {
            // The Bot Connector reuses one token for an hour, so one per rate is realistic; its serviceurl claim
            // must name the serviceUrl the activities carry.
            TeamsLoadTraffic traffic = new TeamsLoadTraffic(serviceUrl, URI.create("http://127.0.0.1:" + server.port
                    + "/api/messages"), keys.token(APP_ID, serviceUrl), ++runs);
            return driver.run(prefix, rate, seconds, traffic::event, replies);
        }
    }
}
