package dev.aadsts.app.server;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Large bodies take turns. Analysing a 1 MiB paste is linear but still costs milliseconds of CPU and a
 * few copies of the text; forty at once would share two cores forty ways, so every one of them, and the
 * health probes beside them, would wait for all of them, and memory would hold forty sets of copies. Only
 * as many large requests as there are cores run at once; the rest wait their turn on a thread that uses no
 * CPU while it waits. Small requests, nearly every chat message, never wait here.
 */
final class LargeBodyGate {
    /** Bigger than any chat message or alert, smaller than a log file pasted whole. */
    static final int LARGE = 64 * 1024;

    private final Semaphore turns;
    private final Duration maxWait;

    LargeBodyGate(int concurrent, Duration maxWait) {
        this.turns = new Semaphore(Math.max(1, concurrent), true);
        this.maxWait = maxWait;
    }

    static LargeBodyGate forThisMachine(Duration maxWait) {
        return new LargeBodyGate(Math.max(2, Runtime.getRuntime().availableProcessors()), maxWait);
    }

    /** Runs {@code work} now for a small body, else when a turn is free; 503 when none frees in time. */
    void run(int bodyLength, Work work) throws HttpProblem {
        if (bodyLength < LARGE) {
            work.run();
            return;
        }
        boolean acquired;
        try {
            acquired = turns.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpProblem(503, "shutting down; retry shortly");
        }
        if (!acquired) {
            throw new HttpProblem(503, "busy with other large requests; retry shortly");
        }
        try {
            work.run();
        } finally {
            turns.release();
        }
    }

    /** A route's work. */
    @FunctionalInterface
    interface Work {
        void run() throws HttpProblem;
    }
}
