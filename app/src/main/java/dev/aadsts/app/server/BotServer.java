package dev.aadsts.app.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aadsts.core.BotCore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP server everything mounts on: the core API and playground now, the Slack, Teams and
 * alert endpoints as they arrive. Routes are matched by exact path and method; anything else is a
 * 404 or 405 with a JSON reason.
 */
public final class BotServer {
    private static final Logger LOG = LoggerFactory.getLogger(BotServer.class);

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm on, a client's delayed
        // ACK then stalls every small response by ~40 ms. Read once, when the first server is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer http;
    private final ExecutorService workers;
    private final Map<String, Map<String, Route>> routes = new ConcurrentHashMap<>();
    private final Map<String, Supplier<Map<String, Long>>> counters = new ConcurrentHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private BotServer(HttpServer http, ExecutorService workers) {
        this.http = http;
        this.workers = workers;
    }

    /** Starts the server with the core routes and whatever {@code mounts} add (adapters), in that order. */
    @SafeVarargs
    public static BotServer start(ServerConfig config, BotCore core, Consumer<BotServer>... mounts)
            throws IOException {
        HttpServer http = HttpServer.create(config.address(), 128);
        AtomicInteger count = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(
                Math.max(8, Runtime.getRuntime().availableProcessors() * 4), r -> {
                    Thread t = new Thread(r, "http-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        http.setExecutor(workers);
        BotServer server = new BotServer(http, workers);
        new CoreRoutes(core, server).mount(server);
        for (Consumer<BotServer> mount : mounts) {
            mount.accept(server);
        }
        http.createContext("/", server::dispatch);
        http.start();
        LOG.info("aadsts-bot listening on http://{}:{} ({} catalog entries)", config.host(),
                server.port(), core.catalog().size());
        if (!"127.0.0.1".equals(config.host()) && !"localhost".equals(config.host())) {
            LOG.warn("listening on {}: reachable from other machines, not only this one", config.host());
        }
        return server;
    }

    /** Adds an endpoint; adapters call this for their webhooks. */
    public void mount(String method, String path, Route route) {
        routes.computeIfAbsent(path, p -> new ConcurrentHashMap<>()).put(method, route);
    }

    /** Counters an adapter reports on {@code /healthz} (deliveries, failures, retries). */
    public void counters(String name, Supplier<Map<String, Long>> source) {
        counters.put(name, source);
    }

    Map<String, Map<String, Long>> counters() {
        Map<String, Map<String, Long>> now = new java.util.TreeMap<>();
        counters.forEach((name, source) -> now.put(name, source.get()));
        return now;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public InetSocketAddress address() {
        return http.getAddress();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, Route> byMethod = routes.get(exchange.getRequestURI().getPath());
            try {
                if (byMethod == null) {
                    throw new HttpProblem(404, "no such endpoint: " + exchange.getRequestURI().getPath());
                }
                Route route = byMethod.get(exchange.getRequestMethod());
                if (route == null && "HEAD".equals(exchange.getRequestMethod())) {
                    route = byMethod.get("GET");
                }
                if (route == null) {
                    exchange.getResponseHeaders().set("Allow", String.join(", ", byMethod.keySet()));
                    throw new HttpProblem(405, exchange.getRequestMethod() + " is not allowed here");
                }
                route.handle(exchange);
            } catch (HttpProblem problem) {
                RequestBodies.problem(exchange, problem);
            } catch (RuntimeException e) {
                LOG.error("request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
                RequestBodies.problem(exchange, new HttpProblem(500, "internal error; see the server log"));
            }
        }
    }

    public void stop() {
        if (stopped.getCount() == 0) {
            return;
        }
        http.stop(1);
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopped.countDown();
        LOG.info("aadsts-bot stopped");
    }

    public void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
