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
import org.eclipse.jetty.util.BlockingArrayQueue;
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
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;

    private BotServer(ServerConfig config, ServerLimits limits) {
        this.config = config;
        QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), Math.min(8, limits.maxThreads()),
                60_000, -1, new BlockingArrayQueue<>(limits.maxQueuedRequests(), 0, limits.maxQueuedRequests()),
                null);
        threads.setName("http");
        threads.setDaemon(true);
        jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(16 * 1024);
        connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(512);
        headerDeadline = new HeaderDeadline(limits.headerTimeout(), jetty.getScheduler());
        connector.addBean(headerDeadline);
        jetty.addConnector(connector);
        jetty.addBean(new NetworkConnectionLimit(limits.maxConnections(), jetty));
        dispatcher = new Dispatcher(limits, !config.loopbackOnly());
        GracefulHandler graceful = new GracefulHandler(dispatcher);
        jetty.setHandler(graceful);
        jetty.setStopTimeout(limits.shutdownGrace().toMillis());
        jetty.setStopAtShutdown(false);
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
        dispatcher.mount(method, path, route, false);
    }

    /**
     * Adds an endpoint anyone may call (the explain API, search, the playground): when the server is
     * reachable from other machines each client address gets a token bucket ({@code PUBLIC_API_PER_MINUTE}).
     */
    public void mountPublic(String method, String path, Route route) {
        dispatcher.mount(method, path, route, true);
    }

    /** Counters an adapter reports on {@code /healthz} (deliveries, failures, retries). */
    public void counters(String name, Supplier<Map<String, Long>> source) {
        counters.put(name, source);
    }

    Map<String, Map<String, Long>> counters() {
        Map<String, Map<String, Long>> now = new TreeMap<>();
        counters.forEach((name, source) -> now.put(name, source.get()));
        Map<String, Long> http = new TreeMap<>(dispatcher.counters());
        http.put("slowHeadersClosed", headerDeadline.closedCount());
        http.put("connections", (long) connector.getConnectedEndPoints().size());
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
