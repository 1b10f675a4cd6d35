package dev.aadsts.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.store.EventReplies.EventReply;
import dev.aadsts.core.store.EventReplies.Taken;
import dev.aadsts.core.store.PendingReply;
import dev.aadsts.core.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What {@link dev.aadsts.core.store.EventReplies} must do, once per database (see the subclasses): an event's id,
 * its thread's codes and its reply are recorded together or not at all, concurrently, and across a restart.
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
    static Function<List<String>, PendingReply> replyNaming(String key, List<List<String>> given) {
        return fresh -> {
            given.add(fresh);
            return new PendingReply(key, "slack", "T0001", "C0001", "codes=" + String.join(",", fresh), T0,
                    T0.plusSeconds(60));
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
        assertEquals("codes=50126,700016", first.owed().payload());
        assertEquals(List.of("slack:Ev1"), store.pendingReplies().claimExpired("slack", T0.plusSeconds(60),
                Duration.ofMinutes(1), 10).stream().map(PendingReply::key).toList(), "recorded with the event");

        Taken retry = take("Ev1", "slack:C1/1.1", List.of("50126", "700016"), given);
        assertFalse(retry.firstSighting());
        assertNull(retry.owed());
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
        assertEquals("codes=700016", second.owed().payload());

        Taken third = take("Ev3", "slack:C1/1.1", List.of("700016"), given);
        assertTrue(third.firstSighting(), "a new event, counted as seen");
        assertNull(third.owed(), "nothing new to say in this thread");
        assertEquals(List.of(List.of("50126"), List.of("700016")), given);

        assertEquals("codes=700016", take("Ev4", "slack:C2/1.1", List.of("700016"), given).owed().payload(),
                "another thread is answered");
        assertEquals(3, store.pendingReplies().count("slack"));
    }

    @Test
    void aReplyWithoutCodesOrWithNothingToSayStillRecordsTheEvent() {
        List<List<String>> given = new ArrayList<>();
        assertEquals("codes=", take("EvHelp", "slack:C1/1.1", List.of(), given).owed().payload());
        Taken silent = store.eventReplies().take(new EventReply("slack:EvSilent", KEEP_EVENT, "slack:C1/1.1",
                List.of(), KEEP_ANSWERS, fresh -> null));
        assertTrue(silent.firstSighting());
        assertNull(silent.owed());
        assertFalse(store.seenEvents().firstSighting("slack:EvSilent", KEEP_EVENT));
    }

    @Test
    void anEventWithoutAnIdIsNotDeduplicatedButItsReplyKeyIsOwedOnce() {
        List<List<String>> given = new ArrayList<>();
        assertNotNull(take(null, "slack:C1/1.1", List.of(), given).owed());
        Taken again = take(null, "slack:C1/1.1", List.of(), given);
        assertTrue(again.firstSighting());
        assertNull(again.owed(), "the reply's key is already owed");
    }

    @Test
    void aRetryIsRecognisedAfterARestartAndAnExpiredEventIsTakenAgain() {
        List<List<String>> given = new ArrayList<>();
        take("EvRestart", "slack:C1/1.1", List.of("50126"), given);
        store.close();
        store = open(clock);

        assertFalse(take("EvRestart", "slack:C1/1.1", List.of("50126"), given).firstSighting());
        assertEquals(1, store.pendingReplies().count("slack"), "the owed reply survived too");
        assertNull(take("EvOther", "slack:C1/1.1", List.of("50126"), given).owed(), "the thread's answer too");

        clock.advance(KEEP_EVENT.plusSeconds(1));
        assertTrue(take("EvRestart", "slack:C2/1.1", List.of("50126"), given).firstSighting());
    }

    @Test
    void aFailedReplyLeavesNothingAndSparesTheEventsCommittedWithIt() throws Exception {
        List<Callable<Taken>> calls = new ArrayList<>();
        List<List<String>> given = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = "EvBatch" + i;
            Function<List<String>, PendingReply> reply = i == 17
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
        assertEquals(39, taken.stream().filter(t -> t != null && t.owed() != null).count());
        assertEquals(39, store.pendingReplies().count("slack"));

        // Nothing of the failed event was kept: Slack's retry of it is taken as new and answered.
        assertFalse(store.threadAnswers().answered("slack:CEvBatch17/1.1", "50126"));
        Taken retried = take("EvBatch17", "slack:CEvBatch17/1.1", List.of("50126"), given);
        assertTrue(retried.firstSighting());
        assertNotNull(retried.owed());
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
        long owed = taken.stream().filter(t -> t.owed() != null).count();
        assertEquals(owed, store.pendingReplies().count("slack"));
        // In each of the ten threads, "50126" is answered once, and each of the ten "codeN" once.
        long cards = given.stream().mapToLong(List::size).sum();
        assertEquals(10 + 100, cards, "every (thread, code) answered exactly once: " + given);
    }
}
