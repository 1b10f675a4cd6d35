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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Slack's Web API as many workspaces see it: {@code oauth.v2.access} answers codes and
 * refresh tokens it was told about, {@code auth.test} knows which workspace each token belongs to, and every
 * call is recorded with the token it came with, so a test can tell which workspace's bot posted.
 */
final class WorkspacesStandIn implements AutoCloseable {
    record Call(String path, String token, Map<String, String> form, String authorization) {
    }

    private final HttpServer server;
    private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    private final Map<String, String> codes = new ConcurrentHashMap<>();
    private final Map<String, String> refreshes = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger posts = new AtomicInteger();

    WorkspacesStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", this::handle);
        server.start();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** {@code oauth.v2.access} with {@code code} answers {@code json}. */
    void onCode(String code, String json) {
        codes.put(code, json);
    }

    /** {@code oauth.v2.access} with {@code grant_type=refresh_token} and {@code refreshToken} answers {@code json}. */
    void onRefresh(String refreshToken, String json) {
        refreshes.put(refreshToken, json);
    }

    /** {@code auth.test} with {@code token} answers {@code json}; any other token is invalid_auth. */
    void knowsToken(String token, String json) {
        tokens.put(token, json);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        Map<String, String> form = body.startsWith("{") ? Map.of() : form(body);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring(7) : form.get("token");
        String answer;
        if (path.equals("/api/oauth.v2.access")) {
            String json = "refresh_token".equals(form.get("grant_type")) ? refreshes.get(form.get("refresh_token"))
                    : codes.get(form.get("code"));
            answer = json != null ? json : "{\"ok\":false,\"error\":\"invalid_code\"}";
        } else if (path.equals("/api/auth.test")) {
            answer = token == null ? null : tokens.get(token);
            if (answer == null) {
                answer = "{\"ok\":false,\"error\":\"invalid_auth\"}";
            }
        } else if (path.equals("/api/chat.postMessage")) {
            answer = token != null && tokens.containsKey(token)
                    ? "{\"ok\":true,\"channel\":\"" + form.get("channel") + "\",\"ts\":\"1700000000.00"
                            + (1000 + posts.incrementAndGet()) + "\"}"
                    : "{\"ok\":false,\"error\":\"invalid_auth\"}";
        } else {
            answer = "{\"ok\":true}";
        }
        calls.add(new Call(path, token, form, authorization));
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
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

    /** The next call to {@code path}, waiting up to {@code wait}; null if none came. Others stay recorded. */
    Call next(String path, Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        List<Call> other = new ArrayList<>();
        try {
            while (true) {
                Call call = calls.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (call == null) {
                    return null;
                }
                if (call.path().equals(path)) {
                    return call;
                }
                other.add(call);
            }
        } finally {
            calls.addAll(other);
        }
    }

    /** Every call to {@code path} so far, removed from the record. */
    List<Call> drain(String path) {
        List<Call> all = new ArrayList<>();
        calls.drainTo(all);
        List<Call> matching = all.stream().filter(c -> c.path().equals(path)).toList();
        all.stream().filter(c -> !c.path().equals(path)).forEach(calls::add);
        return matching;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
