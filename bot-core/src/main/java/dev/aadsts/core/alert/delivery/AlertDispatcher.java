package dev.aadsts.core.alert.delivery;

import dev.aadsts.core.alert.routing.AlertTarget;
import dev.aadsts.core.alert.routing.AlertTimings;
import dev.aadsts.core.store.AlertGroup;
import dev.aadsts.core.store.AlertGroups;
import dev.aadsts.core.store.Silences;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alert groups that are due: claims them from the store (so with several bot instances each group
 * goes out from exactly one), posts or updates their card, and records the outcome. Posts to one target
 * are spaced out, because Slack allows about one message per second per channel and Teams throttles bursts.
 */
public final class AlertDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);
    /** Long enough for a delivery with its retries; a crashed instance's claims free up after this. */
    static final Duration LEASE = Duration.ofMinutes(2);
    static final int CLAIM_BATCH = 32;
    static final Duration TARGET_SPACING = Duration.ofMillis(1100);
    private static final Duration NOT_CONFIGURED_RETRY = Duration.ofMinutes(5);

    private final AlertGroups groups;
    private final Silences silences;
    private final AlertCards cards;
    private final Map<AlertTarget.Platform, AlertChannel> channels;
    private final AlertTimings timings;
    private final Clock clock;
    private final String owner = "bot-" + UUID.randomUUID();
    private final Map<String, Object> targetLocks = new ConcurrentHashMap<>();
    private final Map<String, Long> nextPostAt = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;
    private final ExecutorService senders;
    private final AtomicLong posted = new AtomicLong();
    private final AtomicLong updated = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong muted = new AtomicLong();

    public AlertDispatcher(AlertGroups groups, Silences silences, AlertCards cards,
            Map<AlertTarget.Platform, AlertChannel> channels, AlertTimings timings, Clock clock) {
        this.groups = groups;
        this.silences = silences;
        this.cards = cards;
        this.channels = new EnumMap<>(AlertTarget.Platform.class);
        this.channels.putAll(channels);
        this.timings = timings;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "alerts-dispatch"));
        this.senders = Executors.newFixedThreadPool(4, r -> daemon(r, "alerts-send-" + n.incrementAndGet()));
    }

    /** Starts polling the store for due groups every {@code every}. */
    public void start(Duration every) {
        ticker.scheduleWithFixedDelay(this::tick, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round: claim what is due and deliver it; returns when every claimed group is done. */
    public void tick() {
        try {
            List<AlertGroup> due = groups.claimDue(owner, clock.instant(), LEASE, CLAIM_BATCH);
            if (due.isEmpty()) {
                return;
            }
            var futures = due.stream().map(g -> senders.submit(() -> deliver(g))).toList();
            for (var f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The next tick tries again; a claim that was made stays leased until its lease runs out.
            LOG.error("alert dispatch round failed", e);
        }
    }

    void deliver(AlertGroup group) {
        AlertTarget target = AlertTarget.fromKey(group.target());
        Instant now = clock.instant();
        if (silences.mutedUntil(group.target(), group.code(), now).isPresent()) {
            muted.incrementAndGet();
            groups.skipped(group.id(), owner);
            return;
        }
        AlertChannel channel = channels.get(target.platform());
        if (channel == null) {
            failed.incrementAndGet();
            groups.failed(group.id(), owner, target.platform() + " is not configured", now.plus(NOT_CONFIGURED_RETRY));
            return;
        }
        AlertCard card = cards.build(group);
        Object lock = targetLocks.computeIfAbsent(group.target(), k -> new Object());
        synchronized (lock) {
            try {
                waitForTurn(group.target());
                boolean fresh = group.messageRef() == null
                        || group.postedAt() == null
                        || !group.postedAt().plus(timings.repeatInterval()).isAfter(now);
                String ref = group.messageRef();
                Instant postedAt = group.postedAt();
                if (!fresh) {
                    try {
                        channel.update(target, ref, card);
                        updated.incrementAndGet();
                    } catch (AlertDeliveryException e) {
                        if (!e.messageGone()) {
                            throw e;
                        }
                        fresh = true;
                    }
                }
                if (fresh) {
                    ref = channel.post(target, card);
                    postedAt = clock.instant();
                    posted.incrementAndGet();
                }
                nextPostAt.put(group.target(), System.nanoTime() + TARGET_SPACING.toNanos());
                if (!groups.delivered(group.id(), owner, group.count(), ref, postedAt, clock.instant(),
                        timings.groupInterval())) {
                    LOG.warn("alert group {} was delivered after its lease ran out", group.id());
                }
            } catch (AlertDeliveryException e) {
                failed.incrementAndGet();
                nextPostAt.put(group.target(), System.nanoTime() + TARGET_SPACING.toNanos());
                Duration wait = Duration.ofMillis(Math.max(e.retryAfterMillis(), backoffMillis(group.attempts())));
                LOG.warn("alert group {} ({} to {}) not delivered: {}; next try in {} s", group.id(), group.code(),
                        group.target(), e.getMessage(), wait.toSeconds());
                groups.failed(group.id(), owner, e.getMessage(), clock.instant().plus(wait));
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                LOG.error("alert group {} delivery failed", group.id(), e);
                groups.failed(group.id(), owner, e.toString(), clock.instant().plus(
                        Duration.ofMillis(backoffMillis(group.attempts()))));
            }
        }
    }

    private void waitForTurn(String target) {
        Long at = nextPostAt.get(target);
        long wait = at == null ? 0 : at - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** 5 s, 10 s, 20 s … capped at 10 minutes. */
    static long backoffMillis(int attempts) {
        return Math.min(600_000L, 5_000L << Math.min(Math.max(attempts, 0), 7));
    }

    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("cardsPosted", posted.get());
        m.put("cardsUpdated", updated.get());
        m.put("deliveryFailures", failed.get());
        m.put("mutedRounds", muted.get());
        return m;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        senders.shutdown();
        try {
            senders.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
