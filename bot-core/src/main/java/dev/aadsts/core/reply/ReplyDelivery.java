package dev.aadsts.core.reply;

import dev.aadsts.core.overflow.OverflowLog;
import dev.aadsts.core.store.PendingReplies;
import dev.aadsts.core.store.PendingReply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one platform's replies: bounded, durable, concurrent and paced per target. The platform only says how
 * one reply is sent ({@link ReplySender}).
 *
 * <p>A handler first {@linkplain #reserve() reserves} a place; when none is left the work is refused (the
 * platform is answered 503 and sends it again later) instead of being acknowledged and dropped. A reserved reply
 * is recorded in the store before the work is acknowledged, then sent through its target's lane ({@link Lanes}).
 * A rate limit pauses the lane for Retry-After; a 5xx or a network fault backs off and tries again, and after
 * {@value Settlement#MAX_ATTEMPTS} tries the reply is left in the store for a later sweep. A reply the platform refuses on
 * purpose is logged, counted and forgotten. Delivered replies are deleted from the store; whatever is left there
 * when the process stops is claimed by the next sweep, here after a restart or by another replica.
 */
public final class ReplyDelivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyDelivery.class);

    private final String platform;
    private final String name;
    private final PendingReplies store;
    private final ReplySender sender;
    private final ReplyLimits limits;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final ExecutorService callbacks;
    private final Lanes lanes;
    private final LeaseKeeper leases;
    private final OverflowLog overflow;
    private final ReplyCounters counters = new ReplyCounters();
    private final Places places;
    private final Settlement settlement;
    private volatile boolean closed;

    /**
     * @param platform the store's platform column for these replies ({@code slack}, {@code teams})
     * @param name     how the log names them ("Slack", "Teams")
     */
    public ReplyDelivery(String platform, String name, PendingReplies store, ReplySender sender, ReplyLimits limits,
            Clock clock) {
        this.platform = platform;
        this.name = name;
        this.store = store;
        this.sender = sender;
        this.limits = limits;
        this.clock = clock;
        this.places = new Places(limits.queueSize());
        AtomicInteger n = new AtomicInteger();
        // Completions run here, apart from the HTTP client's own threads: they delete delivered rows, which may
        // wait for a commit, and concurrent deletes share one.
        this.callbacks = Executors.newFixedThreadPool(4, r -> daemon(r, platform + "-replies-" + n.incrementAndGet()));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, platform + "-replies-timer"));
        this.lanes = new Lanes(limits.concurrency(), timer, this::send);
        this.leases = new LeaseKeeper(this, store, clock, limits);
        this.settlement = new Settlement(name, store, clock, limits.targetSpacing(), counters);
        this.overflow = new OverflowLog(name + " reply queue", limits.queueSize(), Duration.ofMinutes(1));
    }

    /** Claims owed replies now (those a stopped process left) and then every {@link ReplyLimits#sweepEvery()}. */
    public void start() {
        timer.scheduleWithFixedDelay(leases::sweep, 0, limits.sweepEvery().toMillis(), TimeUnit.MILLISECONDS);
        long renewEvery = Math.max(1, limits.lease().toMillis() / 3);
        timer.scheduleWithFixedDelay(leases::renew, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
    }

    /** A place for one reply, or null (counted and logged) when the queue is full. */
    public Slot reserve() {
        if (places.take()) {
            return new Slot();
        }
        overflow.overflowed();
        return null;
    }

    /** A reserved place: either {@link #deliver} or {@link #release}; releasing after delivering does nothing. */
    public final class Slot {
        private boolean used;

        /**
         * Records the reply in the store (durable when this returns) and queues it. A key already recorded (a
         * redelivery racing the first) is not queued twice.
         *
         * @param workspace what the sender needs to pick credentials (may be null)
         * @param target    the lane: replies to one target are sent one at a time, spaced
         * @param payload   the request as the sender will send it, without credentials
         */
        public void deliver(String key, String workspace, String target, String payload) {
            if (used) {
                throw new IllegalStateException("slot already used");
            }
            PendingReply reply = reply(key, workspace, target, payload);
            boolean recorded;
            try {
                recorded = store.add(reply);
            } catch (RuntimeException e) {
                release();
                throw e;
            }
            if (!recorded) {
                release();
                return;
            }
            deliverRecorded(reply);
        }

        /** The reply as {@link #deliver} records it, for a caller that records it together with other writes. */
        public PendingReply reply(String key, String workspace, String target, String payload) {
            Instant now = clock.instant();
            return new PendingReply(key, platform, workspace, target, payload, now, now.plus(limits.lease()));
        }

        /** Queues a reply the caller has already recorded in the store (see {@link #reply}). */
        public void deliverRecorded(PendingReply reply) {
            if (used) {
                throw new IllegalStateException("slot already used");
            }
            used = true;
            counters.accepted.incrementAndGet();
            enqueue(new OwedReply(reply));
        }

        public void release() {
            if (!used) {
                used = true;
                giveBack();
            }
        }
    }

    private void giveBack() {
        places.giveBack();
    }

    /** Queues a reply whose place is already taken; a key this process already holds gives its place back. */
    void enqueue(OwedReply item) {
        if (places.hold(item)) {
            lanes.add(item);
        }
    }

    /** For a sweep: takes a place for a claimed reply, unless it is already here or there is no room. */
    boolean takeForReplay(String key) {
        if (!places.takeFor(key)) {
            return false;
        }
        counters.replayed.incrementAndGet();
        return true;
    }

    int room() {
        return places.room();
    }

    List<String> heldKeys() {
        return places.heldKeys();
    }

    String platform() {
        return platform;
    }

    String name() {
        return name;
    }

    boolean closed() {
        return closed;
    }

    private void send(Lanes.Start start) {
        OwedReply item = start.item();
        item.attempts++;
        CompletableFuture<SendOutcome> call;
        try {
            call = sender.send(item.reply);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenCompleteAsync((outcome, error) -> {
            try {
                finished(start, error != null || outcome == null
                        ? SendOutcome.retry(-1, String.valueOf(error)) : outcome);
            } catch (RuntimeException e) {
                LOG.error("{} reply bookkeeping failed for {}", name, item.key(), e);
            }
        }, callbacks);
    }

    private void finished(Lanes.Start start, SendOutcome outcome) {
        OwedReply item = start.item();
        Settlement.Next next = settlement.settle(item, outcome, closed);
        if (!next.again()) {
            places.release(item.key());
        }
        lanes.done(start, next.again(), next.restMillis());
    }

    /** Replies queued or in flight, and what became of the others. */
    public Map<String, Long> counters() {
        return counters.snapshot(places.taken(), lanes.inFlight(), overflow.total());
    }

    /**
     * Stops taking and starting replies and waits a little for sends in flight. Whatever was not delivered stays
     * in the store for the next start (or another replica).
     */
    @Override
    public void close() {
        closed = true;
        places.close();
        lanes.close();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (lanes.inFlight() > 0 && System.nanoTime() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        timer.shutdownNow();
        callbacks.shutdown();
        sender.close();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
