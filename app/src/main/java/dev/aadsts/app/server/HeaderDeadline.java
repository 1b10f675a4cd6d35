package dev.aadsts.app.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes connections that take too long to send a request's headers. The idle timeout alone cannot do
 * this: a client that trickles one header line every few seconds is never idle. Jetty parses headers
 * without holding a thread, so such clients cost only a connection slot; this frees the slot too.
 *
 * <p>A sweep twice a second looks at each open connection: one caught part-way through a request's
 * headers is remembered with the time and its request count, and closed once the same request has been
 * in its headers for longer than the deadline.
 */
final class HeaderDeadline extends AbstractLifeCycle implements Connection.Listener {
    private final long deadlineNanos;
    private final Scheduler scheduler;
    private final Map<HttpConnection, Started> open = new ConcurrentHashMap<>();
    private volatile Scheduler.Task sweep;
    private volatile long closed;

    private record Started(long messagesIn, long nanos) {
    }

    HeaderDeadline(Duration deadline, Scheduler scheduler) {
        this.deadlineNanos = deadline.toNanos();
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            open.put(http, new Started(-1, 0));
        }
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    @Override
    protected void doStart() {
        schedule();
    }

    @Override
    protected void doStop() {
        Scheduler.Task task = sweep;
        if (task != null) {
            task.cancel();
        }
        open.clear();
    }

    long closedCount() {
        return closed;
    }

    private void schedule() {
        if (isRunning() || isStarting()) {
            sweep = scheduler.schedule(this::sweep, 500, TimeUnit.MILLISECONDS);
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        try {
            open.replaceAll((connection, started) -> check(connection, started, now));
        } finally {
            schedule();
        }
    }

    private Started check(HttpConnection connection, Started started, long now) {
        var parser = connection.getParser();
        boolean inHeaders = parser.inHeaderState() && !parser.isStart();
        if (!inHeaders) {
            return new Started(-1, 0);
        }
        long messages = connection.getMessagesIn();
        if (started.messagesIn() != messages) {
            return new Started(messages, now);
        }
        if (now - started.nanos() > deadlineNanos) {
            closed++;
            connection.getEndPoint().close();
        }
        return started;
    }
}
