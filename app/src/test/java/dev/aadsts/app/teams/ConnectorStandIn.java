package dev.aadsts.app.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small local server standing in for the Bot Connector ({@code /v3/conversations/...}) and for the Bot
 * Framework's token-signing key discovery ({@code /openid}, {@code /keys}). It records every activity the
 * bot sends, assigns ids like the connector does, and can be told to refuse the next calls.
 */
public final class ConnectorStandIn implements AutoCloseable {
    /**
     * One call the bot made. {@code conversationId} is URL-decoded; {@code activityId} is the reply-to or updated id;
     * {@code atMillis} is when it arrived.
     */
    public record Call(String method, String conversationId, String activityId, JsonNode body, String authorization,
                       int status, long atMillis) {

        Call(String method, String conversationId, String activityId, JsonNode body, String authorization, int status) {
            this(method, conversationId, activityId, body, authorization, status, System.currentTimeMillis());
        }
    }

    private record Refusal(int status, String code, String retryAfter) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Refusal> refusals = new ConcurrentLinkedQueue<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final KeyPair signingKey;
    private final String keyId = "stand-in-key-1";
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private volatile long minDelayMillis;
    private volatile long maxDelayMillis;
    private volatile CountDownLatch held = new CountDownLatch(0);

    public ConnectorStandIn() throws IOException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            signingKey = g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/", this::handle);
        server.setExecutor(threads); // calls are answered side by side, like the real connector
        server.start();
    }

    /** The serviceUrl to put in activities: replies come back here. */
    public String serviceUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Announces this stand-in's signing key, like login.botframework.com does for the real connector. */
    public String openIdMetadataUrl() {
        return serviceUrl() + "openid";
    }

    /** The next {@code times} activity posts are refused with {@code status} (and an error code / Retry-After). */
    public void refuseNext(int times, int status, String errorCode, String retryAfter) {
        for (int i = 0; i < times; i++) {
            refusals.add(new Refusal(status, errorCode, retryAfter));
        }
    }

    /** Activity posts are answered after a random delay in this range, like the real connector's latency. */
    public void delay(long minMillis, long maxMillis) {
        this.minDelayMillis = minMillis;
        this.maxDelayMillis = maxMillis;
    }

    /** Activity posts hang (arrive, but get no answer) until {@link #release()}. */
    public void hold() {
        held = new CountDownLatch(1);
    }

    public void release() {
        held.countDown();
    }

    /** The most activity posts that were waiting for their answer at once. */
    public int peakInFlight() {
        return peakInFlight.get();
    }

    /** Waits for the next call the bot makes, or fails. */
    public Call next(Duration timeout) throws InterruptedException {
        Call c = calls.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (c == null) {
            throw new AssertionError("the bot sent nothing to the connector within " + timeout);
        }
        return c;
    }

    /** Asserts the bot sends nothing more for a while (a silent case). */
    public void expectNothing(Duration quiet) throws InterruptedException {
        Call c = calls.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        if (c != null) {
            throw new AssertionError("expected silence, but the bot sent " + c.method() + " to " + c.conversationId()
                    + ": " + c.body());
        }
    }

    public List<Call> drain() {
        List<Call> out = new ArrayList<>();
        calls.drainTo(out);
        return out;
    }

    /** A Bot Framework channel token for {@code appId}, signed with this stand-in's published key. */
    public String token(String appId, String serviceUrl) {
        return TestJwt.sign(signingKey.getPrivate(), keyId, "https://api.botframework.com", appId, serviceUrl,
                Instant.now());
    }

    /** A token signed with the published key whose time claims are {@code lifetime} (see {@link TestJwt}). */
    public String tokenWithLifetime(String appId, String serviceUrl, String lifetime) {
        return TestJwt.sign(signingKey.getPrivate(), keyId, "https://api.botframework.com", appId, serviceUrl,
                lifetime);
    }

    /** The same claims signed by a key nobody published. */
    public static String tokenFromUnknownKey(String appId, String serviceUrl) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return TestJwt.sign(g.generateKeyPair().getPrivate(), "stand-in-key-1", "https://api.botframework.com",
                    appId, serviceUrl, Instant.now());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("/openid")) {
                send(exchange, 200, "{\"issuer\":\"https://api.botframework.com\",\"jwks_uri\":\"" + serviceUrl()
                        + "keys\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
                return;
            }
            if (path.equals("/keys")) {
                send(exchange, 200, jwks());
                return;
            }
            String[] parts = path.split("/");
            if (path.equals("/v3/conversations") && "POST".equals(exchange.getRequestMethod())) {
                // createConversation: a personal chat with one member; Teams answers with its id.
                JsonNode json = JSON.readTree(body);
                String member = json.path("members").path(0).path("id").asText();
                calls.add(new Call("POST", null, null, json, exchange.getRequestHeaders().getFirst("Authorization"),
                        200));
                send(exchange, 201, "{\"id\":\"a:personal-" + member + "\"}");
                return;
            }
            // /v3/conversations/{id}/activities[/{activityId}]
            if (parts.length < 5 || !"v3".equals(parts[1]) || !"conversations".equals(parts[2])
                    || !"activities".equals(parts[4])) {
                send(exchange, 404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"no such path\"}}");
                return;
            }
            String conversation = URLDecoder.decode(parts[3], StandardCharsets.UTF_8);
            String activityId = parts.length > 5 ? URLDecoder.decode(parts[5], StandardCharsets.UTF_8) : null;
            JsonNode json = body.length == 0 ? JSON.nullNode() : JSON.readTree(body);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            long arrived = System.currentTimeMillis();
            peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                think();
            } finally {
                inFlight.decrementAndGet();
            }
            Refusal refusal = refusals.poll();
            if (refusal != null) {
                if (refusal.retryAfter() != null) {
                    exchange.getResponseHeaders().set("Retry-After", refusal.retryAfter());
                }
                calls.add(new Call(exchange.getRequestMethod(), conversation, activityId, json, auth, refusal.status(),
                        arrived));
                send(exchange, refusal.status(), "{\"error\":{\"code\":\"" + refusal.code()
                        + "\",\"message\":\"refused by the stand-in\"}}");
                return;
            }
            String id = "PUT".equals(exchange.getRequestMethod()) && activityId != null ? activityId
                    : "1700000000" + ids.incrementAndGet();
            calls.add(new Call(exchange.getRequestMethod(), conversation, activityId, json, auth, 200, arrived));
            send(exchange, 200, "{\"id\":\"" + id + "\"}");
        }
    }

    private void think() {
        try {
            held.await();
            long min = minDelayMillis;
            long max = maxDelayMillis;
            if (max > 0) {
                Thread.sleep(min + java.util.concurrent.ThreadLocalRandom.current().nextLong(max - min + 1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String jwks() {
        RSAPublicKey key = (RSAPublicKey) signingKey.getPublic();
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\"" + keyId + "\",\"n\":\"" + b64(key.getModulus())
                + "\",\"e\":\"" + b64(key.getPublicExponent()) + "\",\"endorsements\":[\"msteams\",\"emulator\"]}]}";
    }

    private static String b64(BigInteger n) {
        byte[] bytes = n.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        held.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
