package dev.aadsts.slack;

import dev.aadsts.core.overflow.OverflowLog;
import dev.aadsts.slack.delivery.QueueFull;
import dev.aadsts.slack.install.Workspace;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker pool behind the handlers other than thread replies (link previews, the Home tab, buttons, the
 * command). Slack retries anything not acknowledged within three seconds, so a handler acknowledges first and
 * hands the work here. The queue is bounded: when it is full, {@link #submit} throws {@link Busy} and the request
 * is answered 503 ({@link QueueFull}), so Slack tries again later instead of the work being accepted and dropped.
 */
public final class SlackWork implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlackWork.class);

    private final ThreadPoolExecutor pool;
    private final OverflowLog overflow;

    SlackWork(int threads, int queueLimit) {
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueLimit), r -> {
                    Thread t = new Thread(r, "slack-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.overflow = new OverflowLog("Slack work queue", queueLimit, Duration.ofMinutes(1));
    }

    /** Runs {@code task} on a worker. @throws QueueFull when the queue is full */
    public void submit(Runnable task) {
        // The task runs for the workspace of the request that submits it (its token, in distribution mode).
        Runnable forWorkspace = Workspace.carriedInto(task);
        try {
            pool.execute(() -> {
                try {
                    forWorkspace.run();
                } catch (RuntimeException e) {
                    LOG.error("Slack handler failed", e);
                }
            });
        } catch (RejectedExecutionException full) {
            overflow.overflowed();
            throw new QueueFull("Slack work queue");
        }
    }

    /**
     * Runs {@code task} on a worker if there is room; false (counted as an overflow) when the queue is full. For
     * work the event does not depend on, such as recording which codes were seen.
     */
    public boolean offer(Runnable task) {
        try {
            submit(task);
            return true;
        } catch (QueueFull full) {
            return false;
        }
    }

    long overflowed() {
        return overflow.total();
    }

    int queued() {
        return pool.getQueue().size();
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
