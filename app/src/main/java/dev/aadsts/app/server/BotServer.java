package dev.aadsts.app.server;

import dev.aadsts.core.BotCore;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP server everything mounts on (Eclipse Jetty, its core handler API): the core API and
 * playground, and the Slack, Teams and alert endpoints. Reading headers and bodies holds no thread, so
 * slow clients cost a connection slot and nothing else; {@link ServerLimits} bounds the rest.
 */
public final class BotServer {
    private static final Logger LOG = LoggerFactory.getLogger(BotServer.class);

    private final Server jetty;
    private final ServerConnector connector;
    private final Dispatcher dispatcher;
    private final HeaderDeadline headerDeadline;
    private final ServerConfig config;
    private final Map<String, Supplier<Map<String, Long>>> counters = new ConcurrentHashMap<>();
    private final Map<String, Supplier<String>> readiness = new ConcurrentHashMap<>();
    private ServerConnector management;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;

    private BotServer(ServerConfig config, ServerLimits limits) {
        this.config = config;
        QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), Math.min(8, limits.maxThreads()));
        threads.setName("http");
        threads.setDaemon(true);
        jetty = new Server(threads);
        connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(httpConfiguration()));
        connector.setName(Dispatcher.MAIN);
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(512);
        headerDeadline = new HeaderDeadline(limits.headerTimeout(), jetty.getScheduler());
        connector.addBean(headerDeadline);
        jetty.addConnector(connector);
        jetty.addBean(new NetworkConnectionLimit(limits.maxConnections(), jetty));
        dispatcher = new Dispatcher(limits, !config.loopbackOnly());
        // At most so many requests in progress (a body being read counts: it holds up to 1 MiB), the next
        // ones wait their turn, and past the queue's cap or its wait a client gets 503 at once. Probes and
        // metrics skip the queue, so an overloaded bot still says so.
        QoSHandler admission = new QoSHandler(dispatcher);
        admission.setMaxRequestCount(limits.maxThreads() * 4);
        admission.setMaxSuspendedRequestCount(limits.maxQueuedRequests());
        admission.setMaxSuspend(limits.bodyTimeout());
        for (String probe : new String[] {"/healthz", "/livez", "/readyz", "/metrics"}) {
            admission.excludePath(probe);
        }
        GracefulHandler graceful = new GracefulHandler(admission);
        jetty.setHandler(graceful);
        jetty.setStopTimeout(limits.shutdownGrace().toMillis());
        jetty.setStopAtShutdown(false);
    }

    private static HttpConfiguration httpConfiguration() {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(16 * 1024);
        return http;
    }

    /** Starts the server with the core routes and whatever {@code mounts} add (adapters), in that order. */
    @SafeVarargs
    public static BotServer start(ServerConfig config, BotCore core, Consumer<BotServer>... mounts)
            throws IOException {
        return start(config, ServerLimits.defaults(), core, mounts);
    }

    /**
     * @throws IOException the port could not be bound (the message names it and the variable to change)
     */
    @SafeVarargs
    public static BotServer start(ServerConfig config, ServerLimits limits, BotCore core,
            Consumer<BotServer>... mounts) throws IOException {
        BotServer server = new BotServer(config, limits);
        new CoreRoutes(core, server, limits.playgroundOn()).mount(server);
        for (Consumer<BotServer> mount : mounts) {
            mount.accept(server);
        }
        try {
            server.jetty.start();
        } catch (Exception e) {
            try {
                server.jetty.stop();
            } catch (Exception ignored) {
                // already failing; the first problem is the one to report
            }
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new IOException("port " + config.port() + " on " + config.host() + " is already in use "
                        + "(another aadsts-bot?); stop it or set PORT to a free port", e);
            }
            throw new IOException("the HTTP server could not start: " + e.getMessage(), e);
        }
        LOG.info("aadsts-bot listening on http://{}:{} ({} catalog entries)", config.host(),
                server.port(), core.catalog().size());
        if (!config.loopbackOnly()) {
            LOG.warn("listening on {}: reachable from other machines, not only this one", config.host());
        }
        return server;
    }

    /** Adds an endpoint; adapters call this for their webhooks. */
    public void mount(String method, String path, Route route) {
        dispatcher.mount(Dispatcher.MAIN, method, path, route, false);
    }

    /**
     * Opens the management port (metrics), on loopback unless {@code host} says otherwise; call before the
     * server starts, that is from a mount.
     */
    public void openManagementPort(String host, int port) {
        ServerConnector management = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(httpConfiguration()));
        management.setName(Dispatcher.MANAGEMENT);
        management.setHost(host);
        management.setPort(port);
        management.setIdleTimeout(connector.getIdleTimeout());
        jetty.addConnector(management);
        this.management = management;
    }

    /** Adds an endpoint to the management port only. */
    public void mountManagement(String method, String path, Route route) {
        dispatcher.mount(Dispatcher.MANAGEMENT, method, path, route, false);
    }

    /** The management port's number, or -1 when it is not open. */
    public int managementPort() {
        return management == null ? -1 : management.getLocalPort();
    }

    /** Tells {@code observer} about every answered request (method, route, status, time). */
    public void observe(HttpObserver observer) {
        dispatcher.observe(observer);
    }

    /**
     * A check {@code /readyz} runs: it returns null when this part is ready, otherwise why not (for
     * example "store unreachable"), which {@code /readyz} reports with a 503.
     */
    public void readiness(String name, Supplier<String> check) {
        readiness.put(name, check);
    }

    /** What is not ready, by part; empty when the server should receive traffic. */
    Map<String, String> notReady() {
        Map<String, String> problems = new TreeMap<>();
        if (stopping) {
            problems.put("server", "shutting down");
        }
        readiness.forEach((name, check) -> {
            String problem;
            try {
                problem = check.get();
            } catch (RuntimeException e) {
                problem = e.getClass().getSimpleName();
            }
            if (problem != null) {
                problems.put(name, problem);
            }
        });
        return problems;
    }

    /**
     * Adds an endpoint anyone may call (the explain API, search, the playground): when the server is
     * reachable from other machines each client address gets a token bucket ({@code PUBLIC_API_PER_MINUTE}).
     */
    public void mountPublic(String method, String path, Route route) {
        dispatcher.mount(Dispatcher.MAIN, method, path, route, true);
    }

    /** Counters an adapter reports on {@code /healthz} (deliveries, failures, retries). */
    public void counters(String name, Supplier<Map<String, Long>> source) {
        counters.put(name, source);
    }

    /** Every counter source mounted so far, by name (metrics publish the same numbers). */
    public Map<String, Supplier<Map<String, Long>>> counterSources() {
        Map<String, Supplier<Map<String, Long>>> all = new TreeMap<>(counters);
        all.put("http", () -> counters().get("http"));
        return all;
    }

    Map<String, Map<String, Long>> counters() {
        Map<String, Map<String, Long>> now = new TreeMap<>();
        counters.forEach((name, source) -> now.put(name, source.get()));
        Map<String, Long> http = new TreeMap<>(dispatcher.counters());
        http.put("slowHeadersClosed", headerDeadline.closedCount());
        now.put("http", http);
        return now;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(config.host(), port());
    }

    /** True from the moment a shutdown begins: readiness says no while requests in flight finish. */
    public boolean stopping() {
        return stopping;
    }

    /**
     * Stops accepting, lets requests in flight finish (up to {@code SHUTDOWN_GRACE_SECONDS}), then closes.
     */
    public void stop() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("the HTTP server did not stop cleanly: {}", e.getMessage());
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
