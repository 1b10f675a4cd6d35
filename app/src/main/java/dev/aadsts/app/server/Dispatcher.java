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

/**
 * Finds the route for a request (exact path and method; HEAD answers like GET), applies the per-client
 * limit to public routes, reads the body within the limits, runs the route and writes its answer.
 * Anything else is a 404, 405, 408, 413 or 429 with a JSON reason that never repeats what the client sent.
 */
final class Dispatcher extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Map<String, Map<String, Mounted>> routes = new ConcurrentHashMap<>();
    private final ServerLimits limits;
    private final ClientRateLimit rateLimit;
    private final AtomicLong limited = new AtomicLong();
    private final AtomicLong refusedBodies = new AtomicLong();

    /** A route and whether it is public: rate-limited per client when the server is reachable from outside. */
    private record Mounted(Route route, boolean limited) {
    }

    Dispatcher(ServerLimits limits, boolean rateLimitClients) {
        this.limits = limits;
        this.rateLimit = new ClientRateLimit(rateLimitClients ? limits.publicRequestsPerMinute() : 0);
    }

    void mount(String method, String path, Route route, boolean publicApi) {
        routes.computeIfAbsent(path, p -> new ConcurrentHashMap<>()).put(method, new Mounted(route, publicApi));
    }

    boolean has(String path) {
        return routes.containsKey(path);
    }

    Map<String, Long> counters() {
        Map<String, Long> m = new TreeMap<>();
        m.put("rateLimited", limited.get());
        m.put("bodiesRefused", refusedBodies.get());
        return m;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        Map<String, Mounted> byMethod = routes.get(path == null ? "" : path);
        if (byMethod == null) {
            return answer(response, callback, problem(404, "no such endpoint"), method);
        }
        Mounted mounted = byMethod.get(method);
        if (mounted == null && "HEAD".equals(method)) {
            mounted = byMethod.get("GET");
        }
        if (mounted == null) {
            response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", new TreeMap<>(byMethod).keySet()));
            return answer(response, callback, problem(405, "this method is not allowed here"), method);
        }
        String client = Request.getRemoteAddr(request);
        if (mounted.limited()) {
            long wait = rateLimit.secondsToWait(client, System.nanoTime());
            if (wait > 0) {
                limited.incrementAndGet();
                response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(wait));
                return answer(response, callback, problem(429, "too many requests from this address; retry in "
                        + wait + " s"), method);
            }
        }
        long declared = request.getLength();
        if (declared > limits.maxBodyBytes()) {
            refusedBodies.incrementAndGet();
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            return answer(response, callback, problem(413, "request body is larger than "
                    + BodyReader.size(limits.maxBodyBytes())), method);
        }
        Route route = mounted.route();
        new BodyReader(request, limits.maxBodyBytes(),
                body -> run(route, request, response, callback, body, client),
                failure -> {
                    refusedBodies.incrementAndGet();
                    response.getHeaders().put(HttpHeader.CONNECTION, "close");
                    answer(response, callback, problem(failure.status(), failure.getMessage()), method);
                }).start(request.getComponents().getScheduler(), limits.bodyTimeout());
        return true;
    }

    private void run(Route route, Request request, Response response, Callback callback, byte[] body,
            String client) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), n -> new ArrayList<>()).add(field.getValue());
        }
        Exchange exchange = new Exchange(request.getMethod(), request.getHttpURI().getPath(),
                request.getHttpURI().getQuery(), headers, body, client);
        try {
            route.handle(exchange);
            if (exchange.response() == null) {
                throw new IllegalStateException("route for " + exchange.path() + " gave no answer");
            }
        } catch (HttpProblem problem) {
            exchange.problem(problem);
        } catch (RuntimeException e) {
            LOG.error("request {} {} failed", exchange.method(), exchange.path(), e);
            exchange.problem(new HttpProblem(500, "internal error; see the server log"));
        }
        exchange.responseHeaders().forEach((name, value) -> response.getHeaders().put(name, value));
        answer(response, callback, exchange.response(), request.getMethod());
    }

    private static Exchange.Response problem(int status, String reason) {
        return Exchange.problemResponse(status, reason);
    }

    private static boolean answer(Response response, Callback callback, Exchange.Response answer, String method) {
        response.setStatus(answer.status());
        var headers = response.getHeaders();
        if (answer.contentType() != null) {
            headers.put(HttpHeader.CONTENT_TYPE, answer.contentType());
        }
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        byte[] body = answer.body() == null ? new byte[0] : answer.body();
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        boolean head = "HEAD".equals(method);
        response.write(true, head || body.length == 0 ? null : ByteBuffer.wrap(body), callback);
        return true;
    }
}
