package dev.aadsts.core.overflow;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts work refused because a queue was full, and says so in the log at most once per interval. */
public final class OverflowLog {
    private static final Logger LOG = LoggerFactory.getLogger(OverflowLog.class);

    private final String what;
    private final int limit;
    private final long intervalNanos;
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong sinceLastLine = new AtomicLong();
    private final AtomicLong nextLineAt = new AtomicLong(System.nanoTime());

    /** {@code what} names the queue in the log line, e.g. "Slack reply queue". */
    public OverflowLog(String what, int limit, java.time.Duration interval) {
        this.what = what;
        this.limit = limit;
        this.intervalNanos = interval.toNanos();
    }

    public void overflowed() {
        total.incrementAndGet();
        sinceLastLine.incrementAndGet();
        long now = System.nanoTime();
        long due = nextLineAt.get();
        if (now - due >= 0 && nextLineAt.compareAndSet(due, now + intervalNanos)) {
            LOG.warn("{} full ({} entries): refused {} since the last report, {} in all; the sender is told to retry", 
                    what, limit, sinceLastLine.getAndSet(0), total.get());
        }
    }

    public long total() {
        return total.get();
    }
}
