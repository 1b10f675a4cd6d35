package dev.aadsts.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.store.IncomingAlert;
import dev.aadsts.core.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How {@link GroupCommit} batches, fails and bounds the wait, with a transaction the test controls. That the
 * rows themselves are right on each database is the contract tests' business.
 */
class GroupCommitTest {

    private final ExecutorService callers = Executors.newCachedThreadPool();
    /** Every batch the transaction was asked to commit, as the targets of its submissions. */
    private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    private static AlertIntake.Submission submission(String name, int alerts) {
        List<IncomingAlert> list = new ArrayList<>();
        for (int i = 0; i < alerts; i++) {
            list.add(new IncomingAlert(name, "route", "50126", 1, Map.of(), "text"));
        }
        return new AlertIntake.Submission(list, Instant.EPOCH, Duration.ZERO, Duration.ZERO);
    }

    /** A transaction that records the batch, waits for {@code gate} on the first call, and refuses "poison". */
    private GroupCommit.Transaction recording(CountDownLatch gate) {
        return batch -> {
            List<String> names = batch.stream().map(s -> s.alerts().get(0).target()).toList();
            batches.add(names);
            if (batches.size() == 1) {
                await(gate);
            }
            if (names.contains("poison")) {
                throw new StoreException("refused by the test");
            }
            return batch.stream().map(s -> List.of((long) names.indexOf(s.alerts().get(0).target()))).toList();
        };
    }

    private Future<List<Long>> submit(GroupCommit commit, AlertIntake.Submission submission) {
        return callers.submit(() -> commit.accept(submission));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code count} batches were started. */
    private void waitForBatches(int count) throws InterruptedException {
        for (int i = 0; i < 3_000 && batches.size() < count; i++) {
            Thread.sleep(10);
        }
        assertTrue(batches.size() >= count, "batches so far: " + batches);
    }

    @Test
    void submissionsThatArriveDuringACommitShareTheNextOne() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        GroupCommit commit = new GroupCommit(recording(gate), 1, 1_000, Duration.ofSeconds(30));
        Future<List<Long>> first = submit(commit, submission("first", 1));
        waitForBatches(1);
        List<Future<List<Long>>> later = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            later.add(submit(commit, submission("later-" + i, 1)));
        }
        Thread.sleep(200);
        assertFalse(first.isDone(), "answers only after its transaction committed");
        gate.countDown();

        assertEquals(List.of(0L), first.get(30, TimeUnit.SECONDS));
        for (Future<List<Long>> f : later) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertEquals(2, batches.size(), "the five that arrived meanwhile went in one transaction: " + batches);
        assertEquals(5, batches.get(1).size());
        assertEquals(2, commit.transactions());
        assertEquals(6, commit.submissions());
    }

    @Test
    void aBatchStopsGrowingAtItsAlertLimit() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        GroupCommit commit = new GroupCommit(recording(gate), 1, 10, Duration.ofSeconds(30));
        Future<List<Long>> first = submit(commit, submission("first", 1));
        waitForBatches(1);
        List<Future<List<Long>>> later = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            later.add(submit(commit, submission("four-" + i, 4)));
            Thread.sleep(20);
        }
        Thread.sleep(100);
        gate.countDown();
        first.get(30, TimeUnit.SECONDS);
        for (Future<List<Long>> f : later) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertEquals(List.of(List.of("first"), List.of("four-0", "four-1"), List.of("four-2", "four-3")), batches);
    }

    @Test
    void aFailingSubmissionFailsAloneAndTheOthersAreCommitted() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        GroupCommit commit = new GroupCommit(recording(gate), 1, 1_000, Duration.ofSeconds(30));
        Future<List<Long>> first = submit(commit, submission("first", 1));
        waitForBatches(1);
        Future<List<Long>> before = submit(commit, submission("good-1", 1));
        Thread.sleep(20);
        Future<List<Long>> poison = submit(commit, submission("poison", 1));
        Thread.sleep(20);
        Future<List<Long>> after = submit(commit, submission("good-2", 1));
        Thread.sleep(100);
        gate.countDown();

        first.get(30, TimeUnit.SECONDS);
        assertEquals(List.of(0L), before.get(30, TimeUnit.SECONDS));
        assertEquals(List.of(0L), after.get(30, TimeUnit.SECONDS));
        Exception failed = assertThrows(Exception.class, () -> poison.get(30, TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof StoreException, failed.toString());
        assertTrue(failed.getCause().getMessage().contains("refused by the test"));
        assertEquals(List.of("good-1", "poison", "good-2"), batches.get(1), "tried together first");
        assertTrue(batches.subList(2, batches.size()).containsAll(List.of(List.of("good-1"), List.of("good-2"))),
                "then each alone: " + batches);
    }

    @Test
    void aSubmissionThatWaitsTooLongIsTakenBackAndNeverCommitted() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        GroupCommit commit = new GroupCommit(recording(gate), 1, 1_000, Duration.ofMillis(300));
        Future<List<Long>> first = submit(commit, submission("first", 1));
        waitForBatches(1);
        long t0 = System.nanoTime();
        Future<List<Long>> late = submit(commit, submission("late", 1));
        Exception failed = assertThrows(Exception.class, () -> late.get(30, TimeUnit.SECONDS));
        long waitedMillis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(failed.getCause() instanceof StoreException, failed.toString());
        assertTrue(failed.getCause().getMessage().contains("not stored"), failed.getCause().getMessage());
        assertTrue(waitedMillis >= 250 && waitedMillis < 10_000, "waited " + waitedMillis + " ms");

        gate.countDown();
        assertEquals(List.of(0L), first.get(30, TimeUnit.SECONDS), "the one in flight still commits");
        Thread.sleep(100);
        assertEquals(List.of(List.of("first")), batches, "the late one was never written");
    }

    @Test
    void anIdleStoreCommitsEachSubmissionAtOnce() throws Exception {
        GroupCommit commit = new GroupCommit(recording(new CountDownLatch(0)), 2, 1_000, Duration.ofSeconds(30));
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of(0L), commit.accept(submission("alone-" + i, 1)));
        }
        assertEquals(List.of(List.of("alone-0"), List.of("alone-1"), List.of("alone-2")), batches);
    }
}
