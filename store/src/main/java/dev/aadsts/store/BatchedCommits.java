package dev.aadsts.store;

import dev.aadsts.core.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small writes that arrive together are committed together: each caller queues its item and waits; whichever caller
 * finds no batch being written writes everything queued so far in one transaction and wakes the others. The
 * embedded database writes a new chunk of its file on every commit, under one lock; this turns a commit per item
 * into a commit per batch, and each caller still returns only once its own item is committed.
 *
 * <p>A batch whose transaction fails is committed again one item at a time, so one bad item fails alone and
 * nothing of a failed item is kept. Alerts have their own {@link GroupCommit}, which also gives up on a submission
 * queued too long (their intake answers 503 rather than wait); replies need no such deadline.
 *
 * <p>Writes whose loss in a crash costs little (a delivered reply forgotten, so it may be sent again; a code not
 * counted) can be {@linkplain #submitLater deferred}: queued without waiting and committed with the next batch, or
 * after a short delay at the latest. On the embedded store every commit writes a new chunk of the file, whatever
 * its size, so under load this takes most commits off the machine (measured: three commits per pasted code before,
 * one after).
 */
final class BatchedCommits<T, R> {
    static final int MAX_BATCH = 256;
    private static final long WAKE_UP_GUARD_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final Logger LOG = LoggerFactory.getLogger(BatchedCommits.class);
    /** Commits deferred writes when no caller did in time: one daemon thread for the process, short tasks only. */
    private static final ScheduledExecutorService DEFERRED = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "store-deferred-commits");
        t.setDaemon(true);
        return t;
    });

    /** Writes a batch on one connection inside a transaction; one result per item, in order. */
    @FunctionalInterface
    interface BatchWrite<T, R> {
        List<R> write(Connection connection, List<T> items) throws SQLException;
    }

    /** {@code waiter} is null for a deferred write: nobody waits for it. */
    private record Queued<T, R>(T item, CompletableFuture<R> result, Thread waiter) {
    }

    private final Jdbc jdbc;
    private final InProcessWriteLock writeLock;
    private final String what;
    private final BatchWrite<T, R> write;
    private final ConcurrentLinkedQueue<Queued<T, R>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();

    BatchedCommits(Jdbc jdbc, InProcessWriteLock writeLock, String what, BatchWrite<T, R> write) {
        this.jdbc = jdbc;
        this.writeLock = writeLock;
        this.what = what;
        this.write = write;
    }

    /** Returns once {@code item} is committed, with its result; throws what the batch's transaction threw. */
    R submit(T item) {
        Queued<T, R> mine = new Queued<>(item, new CompletableFuture<>(), Thread.currentThread());
        queue.add(mine);
        boolean interrupted = false;
        try {
            while (!mine.result.isDone()) {
                if (writer.tryLock()) {
                    try {
                        while (!mine.result.isDone()) {
                            writeOneBatch();
                        }
                    } finally {
                        writer.unlock();
                    }
                    wakeNextWaiter();
                } else {
                    // Parked, not polling: hundreds of request threads may wait here at once on two cores. Woken by
                    // its own result or by a writer leaving; the timeout only guards against a lost wake-up.
                    LockSupport.parkNanos(this, WAKE_UP_GUARD_NANOS);
                    if (Thread.interrupted()) {
                        interrupted = true;
                        if (queue.remove(mine)) {
                            throw new StoreException("interrupted waiting to " + what + "; nothing was written");
                        }
                        // Already in a transaction: its outcome is this caller's, whatever it is.
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            return mine.result.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * Queues {@code item} and returns at once. It is committed with the next batch any caller writes, and {@code within}
     * from now at the latest; a failure is logged, since nobody waits for it. Reads that must see it call
     * {@link #flush()} first.
     */
    void submitLater(T item, Duration within) {
        queue.add(new Queued<>(item, new CompletableFuture<>(), null));
        if (flushScheduled.compareAndSet(false, true)) {
            try {
                DEFERRED.schedule(this::flushQuietly, within.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                flushQuietly();
            }
        }
    }

    /** Commits everything queued, deferred writes included; returns once that is done. */
    void flush() {
        flushScheduled.set(false);
        // Taken even with nothing queued: a batch already taken off the queue may still be committing.
        writer.lock();
        try {
            while (!queue.isEmpty()) {
                writeOneBatch();
            }
        } finally {
            writer.unlock();
        }
        wakeNextWaiter();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("{}: deferred writes could not be committed: {}", what, e.getMessage());
        }
    }

    /** Whoever queued while a batch was written is parked: the first of them writes next. */
    private void wakeNextWaiter() {
        for (Queued<T, R> next : queue) {
            if (next.waiter != null) {
                LockSupport.unpark(next.waiter);
                return;
            }
        }
    }

    /** Items waiting for a transaction, for tests. */
    int queued() {
        return queue.size();
    }

    private void writeOneBatch() {
        List<Queued<T, R>> batch = new ArrayList<>();
        for (Queued<T, R> next; batch.size() < MAX_BATCH && (next = queue.poll()) != null; ) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            complete(batch, commit(batch));
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                fail(batch.get(0), e);
                return;
            }
            // The whole transaction was rolled back; committing each item alone lets one bad item fail by itself
            // instead of taking its batch-mates with it.
            for (Queued<T, R> one : batch) {
                try {
                    complete(List.of(one), commit(List.of(one)));
                } catch (RuntimeException alone) {
                    fail(one, alone);
                }
            }
        } catch (Error e) {
            batch.forEach(q -> fail(q, e));
            throw e;
        }
    }

    private List<R> commit(List<Queued<T, R>> batch) {
        List<T> items = batch.stream().map(Queued::item).toList();
        List<R> results = writeLock.run(() -> jdbc.transaction(what, connection -> write.write(connection, items)));
        if (results.size() != items.size()) {
            throw new IllegalStateException(what + ": " + results.size() + " results for " + items.size() + " items");
        }
        return results;
    }

    private static <T, R> void complete(List<Queued<T, R>> batch, List<R> results) {
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result.complete(results.get(i));
            if (batch.get(i).waiter != null) {
                LockSupport.unpark(batch.get(i).waiter);
            }
        }
    }

    private void fail(Queued<T, R> one, Throwable failure) {
        one.result.completeExceptionally(failure);
        if (one.waiter == null) {
            LOG.warn("{}: a deferred write failed: {}", what, failure.getMessage());
            return;
        }
        LockSupport.unpark(one.waiter);
    }
}
