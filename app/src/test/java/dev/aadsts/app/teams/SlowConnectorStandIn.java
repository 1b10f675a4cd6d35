package dev.aadsts.app.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aadsts.app.load.Deliveries;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Bot Connector for the Teams load run: answers every activity post after 100–300 ms (about the real
 * connector's latency), on as many threads as there are posts, so the bot's own concurrency is what limits it.
 * Each message posted is counted for the event it answers, found by its reply-to id: from the path of a reply
 * ({@code /v3/conversations/{id}/activities/{replyToId}}) or from the body of a plain post
 * ({@code /v3/conversations/{id}/activities}). Only what arrives matters, not how the bot sends it.
 */
final class SlowConnectorStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "connector-stand-in");
        t.setDaemon(true);
        return t;
    });
    private final Deliveries deliveries;
    private final int minDelayMillis;
    private final int maxDelayMillis;
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger otherCalls = new AtomicInteger();

    SlowConnectorStandIn(Deliveries deliveries, int minDelayMillis, int maxDelayMillis) throws IOException {
        this.deliveries = deliveries;
        this.minDelayMillis = minDelayMillis;
        this.maxDelayMillis = maxDelayMillis;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** The serviceUrl the activities carry, so replies come here. */
    String serviceUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Calls that were not a message post (updates, typing, conversation creation): answered, not counted. */
    int otherCalls() {
        return otherCalls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String[] parts = exchange.getRequestURI().getRawPath().split("/");
            boolean activities = parts.length >= 5 && "v3".equals(parts[1]) && "conversations".equals(parts[2])
                    && "activities".equals(parts[4]);
            JsonNode json = body.length == 0 ? JSON.nullNode() : JSON.readTree(body);
            try {
                Thread.sleep(minDelayMillis + ThreadLocalRandom.current().nextInt(maxDelayMillis - minDelayMillis + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // Counted as the post is answered, after the connector's own latency, as the Slack run counts its posts.
            boolean post = "POST".equals(exchange.getRequestMethod());
            if (activities && post && "message".equals(json.path("type").asText())) {
                deliveries.received(parts.length > 5 ? URLDecoder.decode(parts[5], StandardCharsets.UTF_8)
                        : json.path("replyToId").asText(null));
            } else {
                otherCalls.incrementAndGet();
            }
            byte[] answer = ("{\"id\":\"1800000000" + ids.incrementAndGet() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(activities ? 200 : 201, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
