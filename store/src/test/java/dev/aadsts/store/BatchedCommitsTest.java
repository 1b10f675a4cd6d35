package dev.aadsts.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How {@link BatchedCommits} shares transactions and handles a failing one, on a real (in-memory) database so a
 * rolled-back batch really leaves nothing. What each store part writes is the contract tests' business.
 */
class BatchedCommitsTest {

    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch firstBatchIsBeingWritten = new CountDownLatch(1);
    private final CountDownLatch firstBatchMayCommit = new CountDownLatch(1);
    private BatchedCommits<String, Integer> commits;

    @BeforeEach
    void createTable() throws SQLException {
        dataSource.setURL("jdbc:h2:mem:batched-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE items (name VARCHAR(40) PRIMARY KEY)");
        }
        commits = new BatchedCommits<>(new Jdbc(dataSource, "test"), InProcessWriteLock.none(), "insert items",
                this::insert);
    }

    /** Inserts each item and answers its position in the batch; "poison" fails its whole transaction. */
    private List<Integer> insert(Connection connection, List<String> items) throws SQLException {
        batches.add(List.copyOf(items));
        if (batches.size() == 1) {
            firstBatchIsBeingWritten.countDown();
            try {
                firstBatchMayCommit.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Integer> positions = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO items (name) VALUES (?)")) {
            for (String item : items) {
                if (item.startsWith("poison")) {
                    throw new SQLException("refused by the test: " + item);
                }
                insert.setString(1, item);
                insert.executeUpdate();
                positions.add(positions.size());
            }
        }
        return positions;
    }

    private List<String> stored() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT name FROM items ORDER BY name")) {
            while (row.next()) {
                names.add(row.getString(1));
            }
        }
        return names;
    }

    /** Submits "first", which holds its transaction open until released, then {@code others} meanwhile. */
    private List<Object> submitWhileTheFirstCommits(List<String> others) throws Exception {
        List<Callable<Object>> calls = new ArrayList<>();
        calls.add(() -> commits.submit("first"));
        for (String other : others) {
            calls.add(() -> {
                firstBatchIsBeingWritten.await(); // only once "first" is being written
                try {
                    return commits.submit(other);
                } catch (RuntimeException e) {
                    return e;
                }
            });
        }
        Thread release = new Thread(() -> {
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (commits.queued() < others.size() && System.nanoTime() < giveUp) {
                Thread.onSpinWait(); // until every other submission queued behind the open transaction
            }
            firstBatchMayCommit.countDown();
        });
        release.start();
        List<Object> results = StoreContractTest.runAll(calls);
        release.join();
        return results;
    }

    @Test
    void submissionsQueuedDuringACommitShareTheNextOneAndEachGetsItsOwnResult() throws Exception {
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            others.add("item" + (100 + i));
        }
        List<Object> results = submitWhileTheFirstCommits(others);

        assertEquals(31, stored().size());
        assertTrue(batches.size() <= 3, "30 submissions queued behind one commit took " + batches.size()
                + " transactions: " + batches);
        for (int i = 0; i < others.size(); i++) {
            String item = others.get(i);
            List<String> batch = batches.stream().filter(b -> b.contains(item)).findFirst().orElseThrow();
            assertEquals(batch.indexOf(item), results.get(i + 1), "the result of its own position in its batch");
        }
    }

    @Test
    void aFailingBatchIsCommittedAgainOneByOneSoOnlyTheBadItemFails() throws Exception {
        List<Object> results = submitWhileTheFirstCommits(List.of("a", "b", "poison", "c", "d"));

        assertTrue(results.get(3) instanceof StoreException, "poison fails: " + results.get(3));
        assertTrue(((StoreException) results.get(3)).getMessage().contains("refused by the test: poison"));
        assertTrue(batches.stream().anyMatch(b -> b.contains("poison") && b.size() > 1),
                "the poison shared a transaction with others: " + batches);
        for (int i : new int[] {1, 2, 4, 5}) {
            assertTrue(results.get(i) instanceof Integer, "committed: " + results);
        }
        assertEquals(List.of("a", "b", "c", "d", "first"), stored(), "nothing of the failed transaction is left");
    }

    @Test
    void aSubmitterAloneCommitsAtOnceAndSeesItsOwnFailure() throws SQLException {
        firstBatchMayCommit.countDown();
        assertEquals(0, commits.submit("alone"));
        StoreException failure = assertThrows(StoreException.class, () -> commits.submit("poison-alone"));
        assertTrue(failure.getMessage().contains("insert items"), failure.getMessage());
        assertEquals(List.of("alone"), stored());
    }

    @Test
    void aDeferredWriteWaitsForNobodyAndRidesWithTheNextCommit() throws SQLException {
        firstBatchMayCommit.countDown();
        commits.submitLater("deferred-1", java.time.Duration.ofHours(1));
        commits.submitLater("deferred-2", java.time.Duration.ofHours(1));
        assertEquals(List.of(), stored(), "queued, not yet written");

        assertEquals(2, commits.submit("waited-for"), "its result is still its own position in the batch");
        assertEquals(List.of(List.of("deferred-1", "deferred-2", "waited-for")), batches, "one transaction for all three");
        assertEquals(List.of("deferred-1", "deferred-2", "waited-for"), stored());
    }

    @Test
    void aDeferredWriteIsCommittedWithinItsDelayWhenNobodyElseCommits() throws Exception {
        firstBatchMayCommit.countDown();
        commits.submitLater("soon", java.time.Duration.ofMillis(20));
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stored().isEmpty() && System.nanoTime() < giveUp) {
            Thread.sleep(10);
        }
        assertEquals(List.of("soon"), stored(), "the scheduled flush committed it");
        assertEquals(1, batches.size());
    }

    @Test
    void flushCommitsWhatIsDeferredAndAFailedDeferredWriteTakesNoOtherWithIt() throws SQLException {
        firstBatchMayCommit.countDown();
        commits.submitLater("x", java.time.Duration.ofHours(1));
        commits.submitLater("poison-deferred", java.time.Duration.ofHours(1));
        commits.submitLater("y", java.time.Duration.ofHours(1));

        commits.flush();

        assertEquals(List.of("x", "y"), stored(), "the bad one failed alone (logged; nobody waits for it)");
        assertEquals(0, commits.queued());
        commits.flush(); // nothing left: no transaction
        assertEquals(4, batches.size(), "the shared attempt, then each of the three alone: " + batches);
    }
}
