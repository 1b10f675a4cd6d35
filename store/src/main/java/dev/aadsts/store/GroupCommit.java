package dev.aadsts.store;

import dev.aadsts.core.store.StoreException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Alert submissions that arrive together share one transaction. A caller queues its submission; whoever
 * finds a free committer slot takes everything queued (up to {@code maxBatchAlerts}) and commits it, while
 * later arrivals queue for the next round. Nobody waits on purpose: when the store is idle a submission
 * commits alone at once; under load each commit carries what arrived during the previous one. Every caller
 * returns only after the transaction holding its rows committed, so "returned" still means "durable".
 *
 * <p>A caller whose submission is still queued after {@code maxQueueWait} takes it back and gets a
 * {@link StoreException}: nothing of it was stored. One that is already in a transaction waits for its
 * outcome. A batch that fails is committed again one submission at a time, so one bad submission fails
 * alone.
 */
final class GroupCommit {

    /** Writes a batch in one transaction; answers, per submission in order, the ids of the groups it touched. */
    @FunctionalInterface
    interface Transaction {
        List<List<Long>> commit(List<AlertIntake.Submission> batch);
    }

    private final Transaction transaction;
    private final int maxCommitters;
    private final int maxBatchAlerts;
    private final long maxQueueWaitNanos;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int committing;
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong submissions = new AtomicLong();

    /**
     * @param maxCommitters  transactions in flight at once (1 where writes are serialised in the process anyway)
     * @param maxBatchAlerts a batch stops growing once it holds this many alerts
     */
    GroupCommit(Transaction transaction, int maxCommitters, int maxBatchAlerts, Duration maxQueueWait) {
        this.transaction = transaction;
        this.maxCommitters = maxCommitters;
        this.maxBatchAlerts = maxBatchAlerts;
        this.maxQueueWaitNanos = maxQueueWait.toNanos();
    }

    private static final class Pending {
        final AlertIntake.Submission submission;
        boolean done;
        List<Long> result;
        RuntimeException failure;

        Pending(AlertIntake.Submission submission) {
            this.submission = submission;
        }
    }

    /** Commits the submission, alone or with others; returns once it is durable. */
    List<Long> accept(AlertIntake.Submission submission) {
        Pending mine = new Pending(submission);
        long deadline = System.nanoTime() + maxQueueWaitNanos;
        boolean interrupted = false;
        synchronized (this) {
            queue.add(mine);
        }
        try {
            while (true) {
                List<Pending> batch;
                synchronized (this) {
                    while (!mine.done && (committing >= maxCommitters || queue.isEmpty())) {
                        long left = deadline - System.nanoTime();
                        if ((left <= 0 || interrupted) && queue.remove(mine)) {
                            throw new StoreException("The store is too busy: " + submission.alerts().size()
                                    + " alert(s) waited " + Duration.ofNanos(maxQueueWaitNanos).toMillis()
                                    + " ms for a commit and were not stored");
                        }
                        try {
                            // Once in a transaction, the submission's fate is decided there: wait for it.
                            TimeUnit.NANOSECONDS.timedWait(this, Math.max(left, TimeUnit.MILLISECONDS.toNanos(50)));
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                    }
                    if (mine.done) {
                        return outcome(mine);
                    }
                    batch = take();
                    committing++;
                }
                try {
                    commit(batch);
                } finally {
                    synchronized (this) {
                        committing--;
                        notifyAll();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Transactions committed and submissions they carried, for tests and the load report. */
    long transactions() {
        return transactions.get();
    }

    long submissions() {
        return submissions.get();
    }

    private List<Pending> take() {
        List<Pending> batch = new ArrayList<>();
        int alerts = 0;
        while (!queue.isEmpty() && (batch.isEmpty() || alerts + queue.peek().submission.alerts().size()
                <= maxBatchAlerts)) {
            Pending next = queue.poll();
            alerts += next.submission.alerts().size();
            batch.add(next);
        }
        return batch;
    }

    private void commit(List<Pending> batch) {
        try {
            List<List<Long>> ids = transaction(batch);
            for (int i = 0; i < batch.size(); i++) {
                finish(batch.get(i), ids.get(i), null);
            }
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                finish(batch.get(0), null, e);
                return;
            }
            for (Pending one : batch) {
                try {
                    finish(one, transaction(List.of(one)).get(0), null);
                } catch (RuntimeException alone) {
                    finish(one, null, alone);
                }
            }
        } finally {
            abandonUnfinished(batch);
        }
    }

    /** Whatever went wrong past the handlers (an Error), no caller may wait for its batch forever. */
    private synchronized void abandonUnfinished(List<Pending> batch) {
        for (Pending one : batch) {
            if (!one.done) {
                one.failure = new StoreException("Could not accept alerts: their commit was abandoned");
                one.done = true;
            }
        }
        notifyAll();
    }

    private List<List<Long>> transaction(List<Pending> batch) {
        List<List<Long>> ids = transaction.commit(batch.stream().map(p -> p.submission).toList());
        transactions.incrementAndGet();
        submissions.addAndGet(batch.size());
        return ids;
    }

    private void finish(Pending pending, List<Long> result, RuntimeException failure) {
        synchronized (this) {
            if (pending.done) {
                return;
            }
            pending.result = result;
            pending.failure = failure;
            pending.done = true;
            notifyAll();
        }
    }

    private static List<Long> outcome(Pending pending) {
        if (pending.failure != null) {
            // Each caller gets its own exception, with its own stack, caused by the shared one.
            throw new StoreException(pending.failure.getMessage(), pending.failure);
        }
        return pending.result;
    }
}
