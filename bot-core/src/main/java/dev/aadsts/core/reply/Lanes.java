package dev.aadsts.core.reply;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Which owed reply is sent next. Each target (a channel, a conversation) is a lane that sends one reply at a
 * time and rests between replies, for the platform's per-target limit, a Retry-After or a backoff; lanes run
 * side by side up to the concurrency limit. Sends are started outside the lock, so a slow platform never
 * blocks the bookkeeping.
 */
final class Lanes {

    /** One target's replies, oldest first. */
    static final class Lane {
        final String target;
        final ArrayDeque<OwedReply> items = new ArrayDeque<>();
        boolean busy;
        boolean resting;
        boolean queuedToRun;

        Lane(String target) {
            this.target = target;
        }
    }

    /** One reply leaving its lane for the platform. */
    record Start(Lane lane, OwedReply item) {
    }

    private final Object lock = new Object();
    private final Map<String, Lane> lanes = new HashMap<>();
    private final ArrayDeque<Lane> ready = new ArrayDeque<>();
    private final int concurrency;
    private final ScheduledExecutorService timer;
    private final Consumer<Start> send;
    private int inFlight;
    private boolean closed;

    /** @param send starts one send; called outside the lock, and must end in {@link #done} */
    Lanes(int concurrency, ScheduledExecutorService timer, Consumer<Start> send) {
        this.concurrency = concurrency;
        this.timer = timer;
        this.send = send;
    }

    void add(OwedReply item) {
        List<Start> starts;
        synchronized (lock) {
            Lane lane = lanes.computeIfAbsent(item.reply.target(), Lane::new);
            lane.items.add(item);
            makeReady(lane);
            starts = pump();
        }
        starts.forEach(send);
    }

    /**
     * A send ended: the reply goes back to the front of its lane when it is to be tried again, and the lane rests
     * {@code restMillis} before its next reply.
     */
    void done(Start start, boolean again, long restMillis) {
        List<Start> starts;
        synchronized (lock) {
            inFlight--;
            Lane lane = start.lane();
            lane.busy = false;
            if (again) {
                lane.items.addFirst(start.item());
            }
            rest(lane, restMillis);
            starts = pump();
        }
        starts.forEach(send);
    }

    int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    /** Starts nothing more; what is still queued stays in the store. */
    void close() {
        synchronized (lock) {
            closed = true;
        }
    }

    /** Under the lock: a lane with work that is neither sending nor resting joins the run queue. */
    private void makeReady(Lane lane) {
        if (!lane.busy && !lane.resting && !lane.queuedToRun && !lane.items.isEmpty()) {
            lane.queuedToRun = true;
            ready.add(lane);
        }
    }

    /** Under the lock: takes as many lanes as there are free send slots. */
    private List<Start> pump() {
        List<Start> starts = new ArrayList<>();
        while (inFlight < concurrency && !closed) {
            Lane lane = ready.poll();
            if (lane == null) {
                break;
            }
            lane.queuedToRun = false;
            OwedReply item = lane.items.poll();
            if (item == null) {
                continue;
            }
            lane.busy = true;
            inFlight++;
            starts.add(new Start(lane, item));
        }
        return starts;
    }

    /** Under the lock: the lane waits before its next reply, or leaves when it has none. */
    private void rest(Lane lane, long millis) {
        if (millis <= 0 || closed) {
            if (lane.items.isEmpty()) {
                lanes.remove(lane.target, lane);
            } else {
                makeReady(lane);
            }
            return;
        }
        lane.resting = true;
        try {
            timer.schedule(() -> wake(lane), millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            lane.resting = false; // closed meanwhile; what is left stays in the store
        }
    }

    private void wake(Lane lane) {
        List<Start> starts;
        synchronized (lock) {
            lane.resting = false;
            if (lane.items.isEmpty() && !lane.busy) {
                lanes.remove(lane.target, lane);
                return;
            }
            makeReady(lane);
            starts = pump();
        }
        starts.forEach(send);
    }
}
