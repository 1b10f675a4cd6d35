package dev.aadsts.slack.delivery;

import dev.aadsts.core.store.PendingReplies;
import dev.aadsts.core.store.PendingReply;
import dev.aadsts.core.overflow.OverflowLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers thread replies to Slack: bounded, durable, concurrent and paced per channel.
 *
 * <p>A handler first {@linkplain #reserve() reserves} a place; when none is left the event is refused (the
 * handler answers 503 and Slack sends it again later) instead of being acknowledged and dropped. A reserved
 * reply is recorded in the store before the event is acknowledged, then posted. Each channel is a lane that
 * sends one reply at a time and waits {@link DeliveryLimits#channelSpacing()} between replies (Slack allows
 * about one message a second per channel); lanes run side by side up to {@link DeliveryLimits#concurrency()}
 * calls in flight, none of them holding a thread while Slack answers. A 429 pauses its lane for Retry-After;
 * a 5xx or a network fault backs off and tries again, and after {@value #MAX_ATTEMPTS} tries the reply is left
 * in the store for a later sweep. A reply Slack refuses on purpose ({@code channel_not_found}…) is logged,
 * counted and forgotten. Delivered replies are deleted from the store; whatever is left there when the process
 * stops is claimed by the next sweep, here after a restart or by another replica.
 */
public final class ReplyQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyQueue.class);
    static final String PLATFORM = "slack";
    static final String METHOD = "chat.postMessage";
    static final int MAX_ATTEMPTS = 5;
    private static final Duration GIVE_UP_FOR = Duration.ofMinutes(5);
    private static final int SWEEP_BATCH = 500;

    private final PendingReplies store;
    private final WebApiClient api;
    private final Function<String, String> tokens;
    private final DeliveryLimits limits;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final ExecutorService callbacks;
    private final ExecutorService http;
    private final OverflowLog overflow;

    private final Object lock = new Object();
    private final Map<String, Lane> lanes = new HashMap<>();
    private final ArrayDeque<Lane> ready = new ArrayDeque<>();
    private final Map<String, Item> held = new LinkedHashMap<>();
    private int taken;
    private int inFlight;
    private volatile boolean closed;

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong postponed = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();

    /** One owed reply and how often it was tried here. */
    private static final class Item {
        final PendingReply reply;
        int attempts;

        Item(PendingReply reply) {
            this.reply = reply;
        }
    }

    /** One channel's replies, sent one at a time. */
    private static final class Lane {
        final String channel;
        final ArrayDeque<Item> items = new ArrayDeque<>();
        boolean busy;
        boolean resting;
        boolean queuedToRun;

        Lane(String channel) {
            this.channel = channel;
        }
    }

    /**
     * @param tokens the bot token for the workspace a stored reply names (its key: a team id, or an Enterprise
     *               Grid organization with or without one; null in single-workspace mode)
     */
    public ReplyQueue(PendingReplies store, String apiUrl, Function<String, String> tokens, DeliveryLimits limits,
            Clock clock) {
        this.store = store;
        this.tokens = tokens;
        this.limits = limits;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        // Completions run here, apart from the HTTP client's own threads: they delete delivered rows, which may
        // wait for a commit, and concurrent deletes share one.
        this.callbacks = Executors.newFixedThreadPool(4, r -> daemon(r, "slack-replies-" + n.incrementAndGet()));
        this.http = Executors.newFixedThreadPool(2, r -> daemon(r, "slack-replies-http-" + n.incrementAndGet()));
        this.api = new WebApiClient(apiUrl, http);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "slack-replies-timer"));
        this.overflow = new OverflowLog("Slack reply queue", limits.replyQueue(), Duration.ofMinutes(1));
    }

    /** Claims owed replies now (those a stopped process left) and then every {@link DeliveryLimits#sweepEvery()}. */
    public void start() {
        timer.scheduleWithFixedDelay(this::sweep, 0, limits.sweepEvery().toMillis(), TimeUnit.MILLISECONDS);
        long renewEvery = Math.max(1, limits.lease().toMillis() / 3);
        timer.scheduleWithFixedDelay(this::renewLeases, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
    }

    /** A place for one reply, or null (counted and logged) when the queue is full. */
    public Slot reserve() {
        synchronized (lock) {
            if (taken < limits.replyQueue() && !closed) {
                taken++;
                return new Slot();
            }
        }
        overflow.overflowed();
        return null;
    }

    /** A reserved place: either {@link #deliver} or {@link #release}; releasing after delivering does nothing. */
    public final class Slot {
        private boolean used;

        /**
         * Records the reply in the store (durable when this returns) and queues it. An event key already recorded
         * (a redelivery racing the first) is not queued twice.
         *
         * @param form the {@code chat.postMessage} form, see {@link ReplyForms}
         */
        public void deliver(String key, String workspace, String channel, String form) {
            PendingReply reply = reply(key, workspace, channel, form);
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
        public PendingReply reply(String key, String workspace, String channel, String form) {
            Instant now = clock.instant();
            return new PendingReply(key, PLATFORM, workspace, channel, form, now, now.plus(limits.lease()));
        }

        /** Queues a reply the caller has already recorded in the store (see {@link #reply}). */
        public void deliverRecorded(PendingReply reply) {
            if (used) {
                throw new IllegalStateException("slot already used");
            }
            used = true;
            accepted.incrementAndGet();
            enqueue(new Item(reply));
        }

        public void release() {
            if (!used) {
                used = true;
                giveBack();
            }
        }
    }

    private void giveBack() {
        synchronized (lock) {
            taken--;
        }
    }

    private void enqueue(Item item) {
        List<Start> starts;
        synchronized (lock) {
            if (held.putIfAbsent(item.reply.key(), item) != null) {
                taken--;
                return;
            }
            Lane lane = lanes.computeIfAbsent(item.reply.target(), Lane::new);
            lane.items.add(item);
            makeReady(lane);
            starts = pump();
        }
        starts.forEach(this::send);
    }

    private record Start(Lane lane, Item item) {
    }

    /** Under the lock: a lane with work that is neither sending nor resting joins the run queue. */
    private void makeReady(Lane lane) {
        if (!lane.busy && !lane.resting && !lane.queuedToRun && !lane.items.isEmpty()) {
            lane.queuedToRun = true;
            ready.add(lane);
        }
    }

    /** Under the lock: takes as many lanes as there are free call slots; the caller sends outside the lock. */
    private List<Start> pump() {
        List<Start> starts = new ArrayList<>();
        while (inFlight < limits.concurrency() && !closed) {
            Lane lane = ready.poll();
            if (lane == null) {
                break;
            }
            lane.queuedToRun = false;
            Item item = lane.items.poll();
            if (item == null) {
                continue;
            }
            lane.busy = true;
            inFlight++;
            starts.add(new Start(lane, item));
        }
        return starts;
    }

    private void send(Start start) {
        Item item = start.item;
        item.attempts++;
        String token;
        try {
            token = tokens.apply(item.reply.workspace());
        } catch (RuntimeException e) {
            finished(start, Outcome.retry(-1, "no token: " + e.getMessage()));
            return;
        }
        if (token == null) {
            finished(start, Outcome.refused("no token for workspace " + item.reply.workspace()));
            return;
        }
        java.util.concurrent.CompletableFuture<WebApiClient.Answer> call;
        try {
            call = api.call(METHOD, token, item.reply.payload());
        } catch (RuntimeException e) {
            finished(start, Outcome.retry(-1, e.toString()));
            return;
        }
        call.whenCompleteAsync((answer, error) -> {
            try {
                finished(start, error != null ? Outcome.retry(-1, error.toString()) : Outcome.of(answer));
            } catch (RuntimeException e) {
                LOG.error("Slack reply bookkeeping failed for {}", item.reply.key(), e);
            }
        }, callbacks);
    }

    /** What one call came to; {@code waitMillis} -1 means "back off as usual". */
    private record Outcome(boolean delivered, boolean retry, boolean rateLimited, long waitMillis, String problem) {
        static Outcome of(WebApiClient.Answer answer) {
            if (answer.ok()) {
                return new Outcome(true, false, false, 0, null);
            }
            if (answer.status() == 429) {
                return new Outcome(false, true, true, answer.retryAfterMillis() >= 0 ? answer.retryAfterMillis() : 1000,
                        "HTTP 429");
            }
            if (answer.status() >= 500 || answer.status() == 408) {
                return retry(answer.retryAfterMillis(), "HTTP " + answer.status() + " " + answer.error());
            }
            return refused(answer.error());
        }

        static Outcome retry(long waitMillis, String problem) {
            return new Outcome(false, true, false, waitMillis, problem);
        }

        static Outcome refused(String problem) {
            return new Outcome(false, false, false, 0, problem);
        }
    }

    private void finished(Start start, Outcome outcome) {
        Item item = start.item;
        String key = item.reply.key();
        boolean again = outcome.retry && !closed && (outcome.rateLimited || item.attempts < MAX_ATTEMPTS);
        long restMillis;
        if (outcome.delivered) {
            delivered.incrementAndGet();
            forget(key);
            restMillis = limits.channelSpacing().toMillis();
        } else if (again) {
            if (outcome.rateLimited) {
                rateLimited.incrementAndGet();
                item.attempts--; // Slack asked us to wait, not to give up
            } else {
                retried.incrementAndGet();
            }
            restMillis = outcome.waitMillis >= 0 ? outcome.waitMillis : backoffMillis(item.attempts);
            LOG.info("Slack reply {} in {}: {}; trying again in {} ms", key, item.reply.target(), outcome.problem,
                    restMillis);
        } else if (outcome.retry && closed) {
            // Shutting down: the row stays as it is, for the next start or another replica.
            restMillis = 0;
        } else if (outcome.retry) {
            postponed.incrementAndGet();
            LOG.error("Slack reply {} in {} not delivered after {} attempts ({}); kept in the store for a later try",
                    key, item.reply.target(), item.attempts, outcome.problem);
            postpone(key);
            restMillis = limits.channelSpacing().toMillis();
        } else {
            refused.incrementAndGet();
            LOG.warn("Slack refused reply {} in {}: {}", key, item.reply.target(), outcome.problem);
            forget(key);
            restMillis = 0;
        }
        List<Start> starts;
        synchronized (lock) {
            inFlight--;
            Lane lane = start.lane;
            lane.busy = false;
            if (again) {
                lane.items.addFirst(item);
            } else {
                held.remove(key);
                taken--;
            }
            rest(lane, restMillis);
            starts = pump();
        }
        starts.forEach(this::send);
    }

    /** Under the lock: the lane waits before its next reply (pacing, Retry-After or backoff), or leaves. */
    private void rest(Lane lane, long millis) {
        if (millis <= 0 || closed) {
            if (lane.items.isEmpty()) {
                lanes.remove(lane.channel);
            } else {
                makeReady(lane);
            }
            return;
        }
        lane.resting = true;
        try {
            timer.schedule(() -> wake(lane), millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            lane.resting = false; // closed meanwhile; what is left stays in the store
        }
    }

    private void wake(Lane lane) {
        List<Start> starts;
        synchronized (lock) {
            lane.resting = false;
            if (lane.items.isEmpty() && !lane.busy) {
                lanes.remove(lane.channel, lane);
                return;
            }
            makeReady(lane);
            starts = pump();
        }
        starts.forEach(this::send);
    }

    private void forget(String key) {
        try {
            store.remove(key);
        } catch (RuntimeException e) {
            // The row stays; a later sweep would send it again, so say so loudly.
            LOG.error("delivered Slack reply {} could not be removed from the store: {}", key, e.getMessage());
        }
    }

    private void postpone(String key) {
        try {
            store.postpone(key, clock.instant().plus(GIVE_UP_FOR));
        } catch (RuntimeException e) {
            LOG.error("could not postpone Slack reply {}: {}", key, e.getMessage());
        }
    }

    /** 0.5 s, 1 s, 2 s … with a little jitter, so lanes that failed together do not retry together. */
    static long backoffMillis(int attempts) {
        long base = 500L << Math.min(Math.max(attempts - 1, 0), 6);
        return base + ThreadLocalRandom.current().nextLong(base / 4 + 1);
    }

    /** Claims owed replies whose lease ran out (this process's before a restart, or a stopped replica's). */
    void sweep() {
        if (closed) {
            return;
        }
        try {
            int room;
            synchronized (lock) {
                room = limits.replyQueue() - taken;
            }
            List<PendingReply> claimed = store.claimExpired(PLATFORM, clock.instant(), limits.lease(),
                    Math.min(room, SWEEP_BATCH));
            for (PendingReply reply : claimed) {
                synchronized (lock) {
                    if (held.containsKey(reply.key()) || taken >= limits.replyQueue()) {
                        continue;
                    }
                    taken++;
                }
                replayed.incrementAndGet();
                enqueue(new Item(reply));
            }
            if (!claimed.isEmpty()) {
                LOG.info("claimed {} owed Slack replies from the store", claimed.size());
            }
        } catch (RuntimeException e) {
            LOG.error("sweeping owed Slack replies failed: {}", e.getMessage());
        }
    }

    private void renewLeases() {
        List<String> keys;
        synchronized (lock) {
            keys = new ArrayList<>(held.keySet());
        }
        try {
            store.renew(keys, clock.instant().plus(limits.lease()));
        } catch (RuntimeException e) {
            LOG.error("renewing the leases of {} Slack replies failed: {}", keys.size(), e.getMessage());
        }
    }

    /** For /healthz and the metrics: replies queued or in flight, and what became of the others. */
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        synchronized (lock) {
            m.put("replies.owed", (long) taken);
            m.put("replies.inFlight", (long) inFlight);
        }
        m.put("replies.accepted", accepted.get());
        m.put("replies.delivered", delivered.get());
        m.put("replies.refused", refused.get());
        m.put("replies.retried", retried.get());
        m.put("replies.rateLimited", rateLimited.get());
        m.put("replies.postponed", postponed.get());
        m.put("replies.replayed", replayed.get());
        m.put("replies.overflowed", overflow.total());
        return m;
    }

    /**
     * Stops taking and starting replies and waits a little for calls in flight. Whatever was not delivered stays
     * in the store for the next start (or another replica).
     */
    @Override
    public void close() {
        closed = true;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end) {
            synchronized (lock) {
                if (inFlight == 0) {
                    break;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        timer.shutdownNow();
        callbacks.shutdown();
        http.shutdown();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
