package dev.aadsts.core.reply;

import dev.aadsts.core.store.PendingReplies;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one send's outcome means for the reply and its lane: delivered and refused replies leave the store, a rate
 * limit or a fault sends it back to its lane after a rest, and a reply that failed {@value #MAX_ATTEMPTS} times is
 * left in the store for a later sweep. Counts and logs each.
 */
final class Settlement {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyDelivery.class);
    static final int MAX_ATTEMPTS = 5;
    private static final Duration GIVE_UP_FOR = Duration.ofMinutes(5);

    /** Whether the reply goes back to the front of its lane, and how long the lane rests first. */
    record Next(boolean again, long restMillis) {
    }

    private final String name;
    private final PendingReplies store;
    private final Clock clock;
    private final long spacingMillis;
    private final ReplyCounters counters;

    Settlement(String name, PendingReplies store, Clock clock, Duration spacing, ReplyCounters counters) {
        this.name = name;
        this.store = store;
        this.clock = clock;
        this.spacingMillis = spacing.toMillis();
        this.counters = counters;
    }

    /** @param closing the queue is stopping: nothing is tried again, and what is owed stays in the store as it is */
    Next settle(OwedReply item, SendOutcome outcome, boolean closing) {
        String key = item.key();
        SendOutcome.Kind kind = outcome.kind();
        boolean retryable = kind == SendOutcome.Kind.RETRY || kind == SendOutcome.Kind.RATE_LIMITED;
        if (kind == SendOutcome.Kind.DELIVERED) {
            counters.delivered.incrementAndGet();
            forget(key);
            return new Next(false, spacingMillis);
        }
        if (retryable && closing) {
            return new Next(false, 0);
        }
        if (kind == SendOutcome.Kind.RATE_LIMITED || retryable && item.attempts < MAX_ATTEMPTS) {
            if (kind == SendOutcome.Kind.RATE_LIMITED) {
                counters.rateLimited.incrementAndGet();
                item.attempts--; // the platform asked us to wait, not to give up
            } else {
                counters.retried.incrementAndGet();
            }
            long rest = outcome.waitMillis() >= 0 ? outcome.waitMillis() : backoffMillis(item.attempts);
            LOG.info("{} reply {} to {}: {}; retrying in {} ms", name, key, item.reply.target(), outcome.problem(), rest);
            return new Next(true, rest);
        }
        if (retryable) {
            counters.postponed.incrementAndGet();
            LOG.error("{} reply {} to {} not delivered after {} attempts ({}); kept in the store for a later try",
                    name, key, item.reply.target(), item.attempts, outcome.problem());
            postpone(key);
            return new Next(false, spacingMillis);
        }
        counters.refused.incrementAndGet();
        LOG.warn("{} refused reply {} to {}: {}", name, key, item.reply.target(), outcome.problem());
        forget(key);
        return new Next(false, 0);
    }

    private void forget(String key) {
        try {
            store.remove(key);
        } catch (RuntimeException e) {
            // The row stays; a later sweep would send it again, so say so loudly.
            LOG.error("delivered {} reply {} could not be removed from the store: {}", name, key, e.getMessage());
        }
    }

    private void postpone(String key) {
        try {
            store.postpone(key, clock.instant().plus(GIVE_UP_FOR));
        } catch (RuntimeException e) {
            LOG.error("could not postpone {} reply {}: {}", name, key, e.getMessage());
        }
    }

    /** 0.5 s, 1 s, 2 s … with a little jitter, so lanes that failed together do not retry together. */
    static long backoffMillis(int attempts) {
        long base = 500L << Math.min(Math.max(attempts - 1, 0), 6);
        return base + ThreadLocalRandom.current().nextLong(base / 4 + 1);
    }
}
