package dev.aadsts.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.store.EventReplies.EventReply;
import dev.aadsts.core.store.EventReplies.Taken;
import dev.aadsts.core.store.PendingReply;
import dev.aadsts.core.store.Store;
import dev.aadsts.core.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What {@link dev.aadsts.core.store.EventReplies} must do, once per database (see the subclasses): an event's id,
 * its thread's codes and its replies (one for Slack, one per card message for Teams) are recorded together or not
 * at all, concurrently, and across a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EventRepliesContractTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");
    static final Duration KEEP_EVENT = Duration.ofHours(2);
    static final Duration KEEP_ANSWERS = Duration.ofDays(7);

    protected final MutableClock clock = new MutableClock(T0);
    protected Store store;

    protected abstract Store open(Clock clock);

    @BeforeAll
    void openStore() {
        store = open(clock);
    }

    @AfterAll
    void closeStore() {
        store.close();
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        clock.set(T0);
        try (Connection connection = ((JdbcStore) store).dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            for (String table : List.of("seen_events", "thread_answers", "pending_replies")) {
                statement.executeUpdate("DELETE FROM " + table);
            }
        }
    }

    /** A reply that names the codes it was given, so a test can see which ones were new to the thread. */
    static Function<List<String>, List<PendingReply>> replyNaming(String key, List<List<String>> given) {
        return fresh -> {
            given.add(fresh);
            return List.of(new PendingReply(key, "slack", "T0001", "C0001", "codes=" + String.join(",", fresh), T0,
                    T0.plusSeconds(60)));
        };
    }

    Taken take(String eventId, String thread, List<String> codes, List<List<String>> given) {
        return store.eventReplies().take(new EventReply(eventId == null ? null : "slack:" + eventId, KEEP_EVENT,
                thread, codes, KEEP_ANSWERS, replyNaming("slack:" + eventId, given)));
    }

    @Test
    void anEventIsTakenOnceAndItsReplyIsOwedAtOnce() {
        List<List<String>> given = new ArrayList<>();
        Taken first = take("Ev1", "slack:C1/1.1", List.of("50126", "700016"), given);
        assertTrue(first.firstSighting());
        assertEquals("codes=50126,700016", first.owed().get(0).payload());
        assertEquals(List.of("slack:Ev1"), store.pendingReplies().claimExpired("slack", T0.plusSeconds(60),
                Duration.ofMinutes(1), 10).stream().map(PendingReply::key).toList(), "recorded with the event");

        Taken retry = take("Ev1", "slack:C1/1.1", List.of("50126", "700016"), given);
        assertFalse(retry.firstSighting());
        assertEquals(List.of(), retry.owed());
        assertEquals(1, given.size(), "a retry is not even rendered");
        assertFalse(store.seenEvents().firstSighting("slack:Ev1", KEEP_EVENT), "the same seen-events table");
        assertTrue(store.threadAnswers().answered("slack:C1/1.1", "700016"));
        assertEquals(1, store.pendingReplies().count("slack"));
    }

    @Test
    void codesAlreadyAnsweredInTheThreadAreLeftOut() {
        List<List<String>> given = new ArrayList<>();
        take("Ev1", "slack:C1/1.1", List.of("50126"), given);
        Taken second = take("Ev2", "slack:C1/1.1", List.of("50126", "700016"), given);
        assertEquals("codes=700016", second.owed().get(0).payload());

        Taken third = take("Ev3", "slack:C1/1.1", List.of("700016"), given);
        assertTrue(third.firstSighting(), "a new event, counted as seen");
        assertEquals(List.of(), third.owed(), "nothing new to say in this thread");
        assertEquals(List.of(List.of("50126"), List.of("700016")), given);

        assertEquals("codes=700016", take("Ev4", "slack:C2/1.1", List.of("700016"), given).owed().get(0)
                .payload(), "another thread is answered");
        assertEquals(3, store.pendingReplies().count("slack"));
    }

    @Test
    void aReplyWithoutCodesOrWithNothingToSayStillRecordsTheEvent() {
        List<List<String>> given = new ArrayList<>();
        assertEquals("codes=", take("EvHelp", "slack:C1/1.1", List.of(), given).owed().get(0).payload());
        Taken silent = store.eventReplies().take(new EventReply("slack:EvSilent", KEEP_EVENT, "slack:C1/1.1",
                List.of(), KEEP_ANSWERS, fresh -> List.of()));
        assertTrue(silent.firstSighting());
        assertEquals(List.of(), silent.owed());
        assertFalse(store.seenEvents().firstSighting("slack:EvSilent", KEEP_EVENT));
    }

    @Test
    void anEventWithoutAnIdIsNotDeduplicatedButItsReplyKeyIsOwedOnce() {
        List<List<String>> given = new ArrayList<>();
        assertEquals(1, take(null, "slack:C1/1.1", List.of(), given).owed().size());
        Taken again = take(null, "slack:C1/1.1", List.of(), given);
        assertTrue(again.firstSighting());
        assertEquals(List.of(), again.owed(), "the reply's key is already owed");
    }

    @Test
    void aRetryIsRecognisedAfterARestartAndAnExpiredEventIsTakenAgain() {
        List<List<String>> given = new ArrayList<>();
        take("EvRestart", "slack:C1/1.1", List.of("50126"), given);
        store.close();
        store = open(clock);

        assertFalse(take("EvRestart", "slack:C1/1.1", List.of("50126"), given).firstSighting());
        assertEquals(1, store.pendingReplies().count("slack"), "the owed reply survived too");
        assertEquals(List.of(), take("EvOther", "slack:C1/1.1", List.of("50126"), given).owed(),
                "the thread's answer too");

        clock.advance(KEEP_EVENT.plusSeconds(1));
        assertTrue(take("EvRestart", "slack:C2/1.1", List.of("50126"), given).firstSighting());
    }

    @Test
    void aFailedReplyLeavesNothingAndSparesTheEventsCommittedWithIt() throws Exception {
        List<Callable<Taken>> calls = new ArrayList<>();
        List<List<String>> given = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = "EvBatch" + i;
            Function<List<String>, List<PendingReply>> reply = i == 17
                    ? fresh -> {
                        throw new IllegalStateException("cannot render");
                    }
                    : replyNaming("slack:" + id, given);
            calls.add(() -> store.eventReplies().take(new EventReply("slack:" + id, KEEP_EVENT,
                    "slack:C" + id + "/1.1", List.of("50126"), KEEP_ANSWERS, reply)));
        }
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Callable<Taken>> guarded = calls.stream().<Callable<Taken>>map(call -> () -> {
            try {
                return call.call();
            } catch (RuntimeException e) {
                failures.add(e);
                return null;
            }
        }).toList();
        List<Taken> taken = StoreContractTest.runAll(guarded);
        assertEquals(1, failures.size(), "only the event whose reply failed: " + failures);
        assertNull(taken.get(17));
        assertEquals(39, taken.stream().filter(t -> t != null && !t.owed().isEmpty()).count());
        assertEquals(39, store.pendingReplies().count("slack"));

        // Nothing of the failed event was kept: Slack's retry of it is taken as new and answered.
        assertFalse(store.threadAnswers().answered("slack:CEvBatch17/1.1", "50126"));
        Taken retried = take("EvBatch17", "slack:CEvBatch17/1.1", List.of("50126"), given);
        assertTrue(retried.firstSighting());
        assertEquals(1, retried.owed().size());
    }

    @Test
    void concurrentEventsAndTheirRetriesAreEachTakenOnce() throws Exception {
        List<Callable<Taken>> calls = new ArrayList<>();
        List<List<String>> given = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 300; i++) {
            String id = "EvMany" + (i % 100); // every event three times, as Slack's retries racing the first
            // Ten threads, each pasted in by ten events: one card per thread and code.
            String thread = "slack:C" + (i % 10) + "/1.1";
            List<String> codes = List.of("50126", "code" + (i % 100 / 10));
            calls.add(() -> take(id, thread, codes, given));
        }
        List<Taken> taken = StoreContractTest.runAll(calls);
        assertEquals(100, taken.stream().filter(Taken::firstSighting).count());
        assertEquals(100, given.size(), "each first sighting rendered once, retries never");
        long owed = taken.stream().filter(t -> !t.owed().isEmpty()).count();
        assertEquals(owed, store.pendingReplies().count("slack"));
        // In each of the ten threads, "50126" is answered once, and each of the ten "codeN" once.
        long cards = given.stream().mapToLong(List::size).sum();
        assertEquals(10 + 100, cards, "every (thread, code) answered exactly once: " + given);
    }

    // ---------------------------------------------------------------- several replies for one event (Teams)

    /** A Teams activity's card messages, one pending reply each, keyed as the intake keys them. */
    static List<PendingReply> cardReplies(String activityKey, int count) {
        List<PendingReply> replies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            replies.add(teamsReply(activityKey + ":" + i, "teams"));
        }
        return replies;
    }

    static PendingReply teamsReply(String key, String platform) {
        return new PendingReply(key, platform, "tenant-1", "a:conversation", "{\"card\":\"" + key + "\"}", T0,
                T0.plusSeconds(60));
    }

    Taken takeCards(String activityKey, List<PendingReply> replies) {
        return store.eventReplies().take(EventReply.withoutCodes(activityKey, KEEP_EVENT, replies));
    }

    /** Counts what another connection sees committed: an event's seen row and its owed replies. */
    int committedRows(String eventKey, String replyKeyPrefix) throws SQLException {
        try (Connection connection = ((JdbcStore) store).dataSource().getConnection();
                PreparedStatement seen = connection.prepareStatement(
                        "SELECT COUNT(*) FROM seen_events WHERE event_key = ?");
                PreparedStatement owed = connection.prepareStatement(
                        "SELECT COUNT(*) FROM pending_replies WHERE reply_key LIKE ?")) {
            seen.setString(1, eventKey);
            owed.setString(1, replyKeyPrefix + "%");
            return count(seen) + count(owed);
        }
    }

    private static int count(PreparedStatement query) throws SQLException {
        try (ResultSet row = query.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    @Test
    void severalRepliesOfOneEventAreOwedTogetherAndARedeliveryOwesNone() throws SQLException {
        Taken first = takeCards("teams:a:1:f:1", cardReplies("teams:a:1:f:1", 3));
        assertTrue(first.firstSighting());
        assertEquals(List.of("teams:a:1:f:1:0", "teams:a:1:f:1:1", "teams:a:1:f:1:2"),
                first.owed().stream().map(PendingReply::key).toList(), "in the order given");
        assertEquals(4, committedRows("teams:a:1:f:1", "teams:a:1:f:1:"), "the seen row and the three replies");

        Taken again = takeCards("teams:a:1:f:1", cardReplies("teams:a:1:f:1", 3));
        assertFalse(again.firstSighting());
        assertEquals(List.of(), again.owed());
        assertEquals(3, store.pendingReplies().count("teams"));

        // Without an activity id nothing is deduplicated, but a reply already owed is not owed twice.
        List<PendingReply> overlapping = List.of(teamsReply("teams:a:1:f:1:2", "teams"),
                teamsReply("teams:a:1:x:0", "teams"));
        assertEquals(List.of("teams:a:1:x:0"), takeCards(null, overlapping).owed().stream()
                .map(PendingReply::key).toList());
        assertEquals(4, store.pendingReplies().count("teams"));
    }

    @Test
    void anEventsSeenRowAndAllItsRepliesBecomeVisibleInOneCommit() throws Exception {
        JdbcEventReplies replies = (JdbcEventReplies) store.eventReplies();
        CountDownLatch blockerInTransaction = new CountDownLatch(1);
        CountDownLatch releaseBlocker = new CountDownLatch(1);
        CountDownLatch laterInTransaction = new CountDownLatch(1);
        CountDownLatch releaseLater = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            // The first event holds its commit open, so the next two queue and are written in one transaction.
            Future<Taken> blocker = threads.submit(() -> replies.take(new EventReply("teams:a:2:f:0", KEEP_EVENT,
                    null, List.of(), null, fresh -> {
                        blockerInTransaction.countDown();
                        await(releaseBlocker);
                        return cardReplies("teams:a:2:f:0", 1);
                    })));
            assertTrue(blockerInTransaction.await(10, TimeUnit.SECONDS));
            Future<Taken> cards = threads.submit(() -> takeCards("teams:a:2:f:1", cardReplies("teams:a:2:f:1", 3)));
            waitUntilQueued(replies, 1);
            Future<Taken> later = threads.submit(() -> replies.take(new EventReply("teams:a:2:f:2", KEEP_EVENT,
                    null, List.of(), null, fresh -> {
                        laterInTransaction.countDown();
                        await(releaseLater);
                        return cardReplies("teams:a:2:f:2", 1);
                    })));
            waitUntilQueued(replies, 2);
            releaseBlocker.countDown();
            assertEquals(1, blocker.get(10, TimeUnit.SECONDS).owed().size());

            // The three cards' event is written, and the transaction is still open on the event after it.
            assertTrue(laterInTransaction.await(10, TimeUnit.SECONDS));
            assertEquals(0, committedRows("teams:a:2:f:1", "teams:a:2:f:1:"), "nothing of it visible yet");
            assertFalse(cards.isDone(), "not durable, so not returned");
            releaseLater.countDown();
            assertEquals(3, cards.get(10, TimeUnit.SECONDS).owed().size());
            assertEquals(4, committedRows("teams:a:2:f:1", "teams:a:2:f:1:"), "all of it at once");
            assertEquals(1, later.get(10, TimeUnit.SECONDS).owed().size());
        } finally {
            releaseBlocker.countDown();
            releaseLater.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void aReplyTheDatabaseRefusesLeavesNothingOfItsEventAndSparesItsBatchMates() throws Exception {
        // The platform column holds 16 characters: the third card's insert fails after the seen row and two cards.
        List<PendingReply> refused = new ArrayList<>(cardReplies("teams:a:3:f:bad", 2));
        refused.add(teamsReply("teams:a:3:f:bad:2", "teams-but-far-too-long"));
        assertThrows(StoreException.class, () -> takeCards("teams:a:3:f:bad", refused), "alone");
        assertEquals(0, committedRows("teams:a:3:f:bad", "teams:a:3:f:bad:"));

        // In a batch: the batch's transaction fails and is rolled back whole, then each event is committed alone.
        JdbcEventReplies replies = (JdbcEventReplies) store.eventReplies();
        CountDownLatch blockerInTransaction = new CountDownLatch(1);
        CountDownLatch releaseBlocker = new CountDownLatch(1);
        Map<String, AtomicInteger> rendered = new ConcurrentHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            Future<Taken> blocker = threads.submit(() -> replies.take(new EventReply("teams:a:3:f:0", KEEP_EVENT,
                    null, List.of(), null, fresh -> {
                        blockerInTransaction.countDown();
                        await(releaseBlocker);
                        return cardReplies("teams:a:3:f:0", 1);
                    })));
            assertTrue(blockerInTransaction.await(10, TimeUnit.SECONDS));
            List<Future<Taken>> batch = new ArrayList<>();
            for (String id : List.of("f:1", "f:bad", "f:3")) {
                String key = "teams:a:3:" + id;
                List<PendingReply> cards = id.equals("f:bad") ? refused : cardReplies(key, 3);
                batch.add(threads.submit(() -> replies.take(new EventReply(key, KEEP_EVENT, null, List.of(), null,
                        fresh -> {
                            rendered.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                            return cards;
                        }))));
                waitUntilQueued(replies, batch.size());
            }
            releaseBlocker.countDown();
            blocker.get(10, TimeUnit.SECONDS);

            assertEquals(3, batch.get(0).get(10, TimeUnit.SECONDS).owed().size());
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> batch.get(1).get(10, TimeUnit.SECONDS));
            assertTrue(failed.getCause() instanceof StoreException, failed.toString());
            assertEquals(3, batch.get(2).get(10, TimeUnit.SECONDS).owed().size());
            assertEquals(2, rendered.get("teams:a:3:f:1").get(), "written in the failed batch, then alone");
            assertEquals(0, committedRows("teams:a:3:f:bad", "teams:a:3:f:bad:"), "no seen row, no card");
            assertEquals(4, committedRows("teams:a:3:f:1", "teams:a:3:f:1:"));
            assertEquals(4, committedRows("teams:a:3:f:3", "teams:a:3:f:3:"));
        } finally {
            releaseBlocker.countDown();
            threads.shutdownNow();
        }

        // The Bot Connector's retry of the refused activity is taken as new and answered in full.
        Taken retried = takeCards("teams:a:3:f:bad", cardReplies("teams:a:3:f:bad", 3));
        assertTrue(retried.firstSighting());
        assertEquals(3, retried.owed().size());
    }

    private static void waitUntilQueued(JdbcEventReplies replies, int count) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (replies.queued() < count) {
            if (System.nanoTime() > end) {
                throw new AssertionError(replies.queued() + " events queued, not " + count);
            }
            Thread.sleep(2);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the transaction");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
