package dev.aadsts.app.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small local server standing in for Slack's Web API ({@code /api/<method>}) and for response URLs
 * ({@code /respond/...}). It records every call, answers like Slack does, and can be told to answer
 * the next calls with 429 and a Retry-After.
 */
public final class SlackStandIn implements AutoCloseable {
    public record Call(String path, Map<String, String> form, String body, long atMillis, int status) {
    }

    private final HttpServer server;
    private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    private final AtomicInteger rateLimitNext = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger postCount = new AtomicInteger();
    private final AtomicInteger postsInFlight = new AtomicInteger();
    private final AtomicInteger peakPostsInFlight = new AtomicInteger();
    private final int minDelayMillis;
    private final int maxDelayMillis;
    private volatile int retryAfterSeconds = 1;
    private volatile java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(0);
    private volatile java.util.function.Consumer<Call> onPost;
    private volatile boolean keepCalls = true;
    private java.util.concurrent.ExecutorService executor;
    volatile String socketUrl;
    /** Members of Slack user groups, as usergroups.users.list answers. */
    public final Map<String, List<String>> userGroups = new java.util.concurrent.ConcurrentHashMap<>();

    public SlackStandIn() throws IOException {
        this(0, 0);
    }

    /**
     * A stand-in that answers {@code chat.postMessage} after a delay between the two bounds (Slack's own latency is
     * 100–300 ms), on as many threads as there are calls, so the bot's concurrency is what limits it.
     */
    public SlackStandIn(int minDelayMillis, int maxDelayMillis) throws IOException {
        this.minDelayMillis = minDelayMillis;
        this.maxDelayMillis = maxDelayMillis;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.createContext("/", this::handle);
        if (maxDelayMillis > 0) {
            executor = java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "slack-stand-in");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
        }
        server.start();
    }

    /** Until {@link #release}, every chat.postMessage waits unanswered (a Slack that hangs, or a full queue). */
    public void hold() {
        held = new java.util.concurrent.CountDownLatch(1);
    }

    public void release() {
        held.countDown();
    }

    /** The most chat.postMessage calls that were open at one moment. */
    public int peakPostsInFlight() {
        return peakPostsInFlight.get();
    }

    /** Every answered post goes to {@code listener} (the load run counts them) instead of the record. */
    public void onPost(java.util.function.Consumer<Call> listener) {
        this.onPost = listener;
        this.keepCalls = false;
    }

    public String apiUrl() {
        return base() + "/api/";
    }

    public String responseUrl(String id) {
        return base() + "/respond/" + id;
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void rateLimitNext(int times) {
        rateLimitNext(times, 1);
    }

    /** The next {@code times} posts are answered 429 with {@code Retry-After: seconds}. */
    public void rateLimitNext(int times, int seconds) {
        retryAfterSeconds = seconds;
        rateLimitNext.set(times);
    }

    public void failNext(int times) {
        failNext.set(times);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        boolean post = path.equals("/api/chat.postMessage");
        if (post) {
            int now = postsInFlight.incrementAndGet();
            peakPostsInFlight.accumulateAndGet(now, Math::max);
            try {
                held.await();
                if (maxDelayMillis > 0) {
                    Thread.sleep(minDelayMillis + java.util.concurrent.ThreadLocalRandom.current()
                            .nextInt(maxDelayMillis - minDelayMillis + 1));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                postsInFlight.decrementAndGet();
            }
        }
        Map<String, String> form = body.startsWith("{") ? Map.of() : form(body);
        String answer;
        int status = 200;
        if (path.equals("/api/auth.test")) {
            answer = "{\"ok\":true,\"url\":\"https://contoso.slack.com/\",\"team\":\"Contoso\",\"user\":\"aadsts-bot\","
                    + "\"team_id\":\"T0001\",\"user_id\":\"UBOT0001\",\"bot_id\":\"BBOT0001\"}";
        } else if (path.equals("/api/apps.connections.open")) {
            answer = "{\"ok\":true,\"url\":\"" + socketUrl + "\"}";
        } else if (path.equals("/api/chat.postMessage") && rateLimitNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            status = 429;
            answer = "{\"ok\":false,\"error\":\"ratelimited\"}";
            exchange.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
        } else if (path.equals("/api/chat.postMessage") && failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            status = 503;
            answer = "{\"ok\":false,\"error\":\"service_unavailable\"}";
        } else if (path.equals("/api/chat.postMessage")) {
            answer = "{\"ok\":true,\"channel\":\"" + form.get("channel") + "\",\"ts\":\"1700000000.00"
                    + (1000 + postCount.incrementAndGet()) + "\"}";
        } else if (path.equals("/api/chat.update")) {
            answer = "{\"ok\":true,\"channel\":\"" + form.get("channel") + "\",\"ts\":\"" + form.get("ts") + "\"}";
        } else if (path.equals("/api/conversations.open")) {
            answer = "{\"ok\":true,\"channel\":{\"id\":\"D0" + form.getOrDefault("users", "X") + "\"}}";
        } else if (path.equals("/api/usergroups.users.list")) {
            answer = "{\"ok\":true,\"users\":[" + String.join(",", userGroups.getOrDefault(
                    form.get("usergroup"), List.of()).stream().map(u -> "\"" + u + "\"").toList()) + "]}";
        } else if (path.equals("/api/chat.unfurl") || path.equals("/api/views.publish")) {
            answer = "{\"ok\":true}";
        } else if (path.startsWith("/respond/")) {
            answer = "ok";
        } else {
            answer = "{\"ok\":false,\"error\":\"unknown_method\"}";
        }
        Call call = new Call(path, form, body, System.currentTimeMillis(), status);
        java.util.function.Consumer<Call> listener = onPost;
        if (post && listener != null) {
            listener.accept(call);
        }
        if (keepCalls) {
            calls.add(call);
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.startsWith("{") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    /** The next call to {@code path}, waiting up to {@code wait}; null if none came. */
    public Call next(String path, Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        List<Call> other = new ArrayList<>();
        try {
            while (true) {
                long left = end - System.nanoTime();
                Call call = calls.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                if (call == null) {
                    return null;
                }
                if (call.path.equals(path)) {
                    return call;
                }
                other.add(call);
            }
        } finally {
            calls.addAll(other);
        }
    }

    /** Every call to {@code path} so far (without waiting), removed from the record. */
    public List<Call> drain(String path) {
        List<Call> all = new ArrayList<>();
        calls.drainTo(all);
        List<Call> matching = all.stream().filter(c -> c.path.equals(path)).toList();
        all.stream().filter(c -> !c.path.equals(path)).forEach(calls::add);
        return matching;
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
