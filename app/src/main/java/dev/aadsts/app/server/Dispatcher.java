package dev.aadsts.app.server;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Finds the route for a request (exact path and method; HEAD answers like GET), applies the per-client
 * limit to public routes, reads the body within the limits, runs the route and writes its answer.
 * Anything else is a 404, 405, 408, 413 or 429 with a JSON reason that never repeats what the client sent.
 */
final class Dispatcher extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    static final String MAIN = "main";
    static final String MANAGEMENT = "management";

    private static final java.util.Random REQUEST_IDS = new java.security.SecureRandom();

    private final Map<String, Map<String, Map<String, Mounted>>> routes = new ConcurrentHashMap<>();
    private final ServerLimits limits;
    private volatile HttpObserver observer = HttpObserver.NONE;
    private final ClientRateLimit rateLimit;
    private final LargeBodyGate largeBodies;
    private final AtomicLong limited = new AtomicLong();
    private final AtomicLong refusedBodies = new AtomicLong();

    /** A route and whether it is public: rate-limited per client when the server is reachable from outside. */
    private record Mounted(Route route, boolean limited) {
    }

    Dispatcher(ServerLimits limits, boolean rateLimitClients) {
        this.limits = limits;
        this.rateLimit = new ClientRateLimit(rateLimitClients ? limits.publicRequestsPerMinute() : 0);
        this.largeBodies = LargeBodyGate.forThisMachine(limits.bodyTimeout());
    }

    /** @param connector {@link #MAIN} or {@link #MANAGEMENT}: which listening port serves the route */
    void mount(String connector, String method, String path, Route route, boolean publicApi) {
        routes.computeIfAbsent(connector, c -> new ConcurrentHashMap<>())
                .computeIfAbsent(path, p -> new ConcurrentHashMap<>()).put(method, new Mounted(route, publicApi));
    }

    void observe(HttpObserver observer) {
        this.observer = observer;
    }

    Map<String, Long> counters() {
        Map<String, Long> m = new TreeMap<>();
        m.put("rateLimited", limited.get());
        m.put("bodiesRefused", refusedBodies.get());
        return m;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long started = System.nanoTime();
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        String connector = request.getConnectionMetaData().getConnector().getName();
        Map<String, Mounted> byMethod = routes.getOrDefault(MANAGEMENT.equals(connector) ? MANAGEMENT : MAIN, Map.of())
                .get(path == null ? "" : path);
        if (byMethod == null) {
            return answer(response, callback, problem(404, "no such endpoint"), new Served(method, "unmatched", started));
        }
        Served served = new Served(method, path, started);
        Mounted mounted = byMethod.get(method);
        if (mounted == null && "HEAD".equals(method)) {
            mounted = byMethod.get("GET");
        }
        if (mounted == null) {
            response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", new TreeMap<>(byMethod).keySet()));
            return answer(response, callback, problem(405, "this method is not allowed here"), served);
        }
        String client = Request.getRemoteAddr(request);
        if (mounted.limited()) {
            long wait = rateLimit.secondsToWait(client, System.nanoTime());
            if (wait > 0) {
                limited.incrementAndGet();
                response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(wait));
                return answer(response, callback, problem(429, "too many requests from this address; retry in "
                        + wait + " s"), served);
            }
        }
        long declared = request.getLength();
        if (declared > limits.maxBodyBytes()) {
            refusedBodies.incrementAndGet();
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            return answer(response, callback, problem(413, "request body is larger than "
                    + BodyReader.size(limits.maxBodyBytes())), served);
        }
        Route route = mounted.route();
        new BodyReader(request, limits.maxBodyBytes(),
                body -> run(route, request, response, callback, body, client, served),
                failure -> {
                    refusedBodies.incrementAndGet();
                    response.getHeaders().put(HttpHeader.CONNECTION, "close");
                    answer(response, callback, problem(failure.status(), failure.getMessage()), served);
                }).start(request.getComponents().getScheduler(), limits.bodyTimeout());
        return true;
    }

    private void run(Route route, Request request, Response response, Callback callback, byte[] body,
            String client, Served served) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), n -> new ArrayList<>()).add(field.getValue());
        }
        Exchange exchange = new Exchange(request.getMethod(), request.getHttpURI().getPath(),
                request.getHttpURI().getQuery(), headers, body, client);
        MDC.put("requestId", requestId(exchange.header("X-Request-Id")));
        MDC.put("platform", platform(exchange.path()));
        try {
            largeBodies.run(body.length, () -> route.handle(exchange));
            if (exchange.response() == null) {
                throw new IllegalStateException("route for " + exchange.path() + " gave no answer");
            }
        } catch (HttpProblem problem) {
            exchange.problem(problem);
        } catch (RuntimeException e) {
            LOG.error("request {} {} failed", exchange.method(), exchange.path(), e);
            exchange.problem(new HttpProblem(500, "internal error; see the server log"));
        } finally {
            MDC.remove("requestId");
            MDC.remove("platform");
        }
        exchange.responseHeaders().forEach((name, value) -> response.getHeaders().put(name, value));
        answer(response, callback, exchange.response(), served);
    }

    private static Exchange.Response problem(int status, String reason) {
        return Exchange.problemResponse(status, reason);
    }

    /** The caller's request id when it looks like one (a proxy's), else a new one; never raw client text. */
    static String requestId(String given) {
        if (given != null && given.length() <= 64 && given.chars().allMatch(c -> c < 128
                && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.'))) {
            return given;
        }
        return Long.toHexString(REQUEST_IDS.nextLong());
    }

    private static String platform(String path) {
        if (path.startsWith("/slack/")) {
            return "slack";
        }
        if (path.equals("/api/messages")) {
            return "teams";
        }
        return path.equals("/api/alerts") ? "alerts" : "api";
    }

    /** What the metrics need to know about a request once it is answered. */
    private record Served(String method, String route, long startedNanos) {
    }

    private boolean answer(Response response, Callback callback, Exchange.Response answer, Served served) {
        response.setStatus(answer.status());
        var headers = response.getHeaders();
        if (answer.contentType() != null) {
            headers.put(HttpHeader.CONTENT_TYPE, answer.contentType());
        }
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        byte[] body = answer.body() == null ? new byte[0] : answer.body();
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        boolean head = "HEAD".equals(served.method());
        response.write(true, head || body.length == 0 ? null : ByteBuffer.wrap(body), callback);
        observer.served(served.method(), served.route(), answer.status(), System.nanoTime() - served.startedNanos());
        return true;
    }
}
