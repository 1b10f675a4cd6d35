package dev.aadsts.slack;

import dev.aadsts.slack.install.Workspace;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker pool behind every handler. Slack retries anything not acknowledged within three seconds, so a
 * handler acknowledges first and hands the work here.
 */
public final class SlackWork implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlackWork.class);

    private final ExecutorService pool;

    SlackWork(int threads) {
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "slack-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code task} on the pool, for the workspace of the request that submits it. */
    public void submit(Runnable task) {
        Runnable forWorkspace = Workspace.carriedInto(task);
        pool.execute(() -> {
            try {
                forWorkspace.run();
            } catch (RuntimeException e) {
                LOG.error("Slack handler failed", e);
            }
        });
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
