package dev.aadsts.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.store.AlertGroup;
import dev.aadsts.core.store.AlertGroups;
import dev.aadsts.core.store.IncomingAlert;
import dev.aadsts.core.store.Store;
import dev.aadsts.core.store.TeamsConversation;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link Store} must do, run once per database (see the subclasses). One store per class; the tables
 * are emptied before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContractTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Duration INTERVAL = Duration.ofMinutes(5);
    static final Duration LEASE = Duration.ofMinutes(1);
    static final String TARGET = "slack:C0ALERTS";

    protected final MutableClock clock = new MutableClock(T0);
    protected Store store;

    /** A new store on this class's database; opening again must find what earlier stores wrote. */
    protected abstract Store open(Clock clock);

    @BeforeAll
    void openStore() {
        store = open(clock);
        // The tests sweep when they choose; a scheduled sweep in between would change what they count.
        cleanup().stopSchedule();
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
            for (String table : List.of("alerts", "alert_groups", "seen_events", "teams_conversations", "silences",
                    "share_claims", "share_payloads", "thread_answers", "code_sightings", "feedback_votes",
                    "signin_audit", "pending_replies")) {
                statement.executeUpdate("DELETE FROM " + table);
            }
        }
    }

    // ---------------------------------------------------------------- conversation references

    @Test
    void conversationsAreSavedFoundListedAndRemoved() {
        TeamsConversation b = conversation("b:conv", "Finance", "Alerts", T0);
        TeamsConversation a = conversation("a:conv", null, null, T0.plusMillis(1));
        store.conversations().save(b);
        store.conversations().save(a);

        assertEquals(Optional.of(b), store.conversations().find("b:conv"));
        assertEquals(List.of(a, b), store.conversations().all());
        assertEquals(Optional.empty(), store.conversations().find("c:conv"));

        assertTrue(store.conversations().remove("a:conv"));
        assertFalse(store.conversations().remove("a:conv"));
        assertEquals(Optional.empty(), store.conversations().find("a:conv"));
        assertEquals(List.of(b), store.conversations().all());
    }

    @Test
    void savingAgainReplacesTheReferenceButKeepsNamesTheNewValueLacks() {
        store.conversations().save(conversation("19:abc@thread.tacv2", "Finance", "Alerts", T0));
        Instant later = T0.plusSeconds(60);
        TeamsConversation withoutNames = new TeamsConversation("19:abc@thread.tacv2", "https://smba.example/emea/",
                "tenant-1", "bot-1", "channel", "team-1", null, "channel-1", null, "{\"v\":2}", later);
        store.conversations().save(withoutNames);

        TeamsConversation stored = store.conversations().find("19:abc@thread.tacv2").orElseThrow();
        assertEquals("https://smba.example/emea/", stored.serviceUrl());
        assertEquals("{\"v\":2}", stored.referenceJson());
        assertEquals(later, stored.updatedAt());
        assertEquals("Finance", stored.teamName());
        assertEquals("Alerts", stored.channelName());

        store.conversations().save(conversation("19:abc@thread.tacv2", "Finance EMEA", "Sign-in alerts", later));
        stored = store.conversations().find("19:abc@thread.tacv2").orElseThrow();
        assertEquals("Finance EMEA", stored.teamName());
        assertEquals("Sign-in alerts", stored.channelName());
    }

    @Test
    void aConversationWithoutUpdateTimeIsStampedNow() {
        store.conversations().save(conversation("a:conv", null, null, null));
        assertEquals(T0, store.conversations().find("a:conv").orElseThrow().updatedAt());
    }

    // ---------------------------------------------------------------- seen events

    @Test
    void anEventIsFirstSeenOnce() {
        assertTrue(store.seenEvents().firstSighting("Ev1", Duration.ofMinutes(10)));
        assertFalse(store.seenEvents().firstSighting("Ev1", Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(9));
        assertFalse(store.seenEvents().firstSighting("Ev1", Duration.ofMinutes(10)));
        assertTrue(store.seenEvents().firstSighting("Ev2", Duration.ofMinutes(10)));
    }

    @Test
    void anExpiredEventCountsAsFirstSeenAgain() {
        assertTrue(store.seenEvents().firstSighting("Ev1", Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(10).plusMillis(1));
        assertTrue(store.seenEvents().firstSighting("Ev1", Duration.ofMinutes(10)));
        assertFalse(store.seenEvents().firstSighting("Ev1", Duration.ofMinutes(10)));
    }

    @Test
    void concurrentSightingsOfOneEventHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 20; round++) {
            String key = "Ev-" + round;
            assertEquals(1, winners(8, () -> store.seenEvents().firstSighting(key, Duration.ofMinutes(10))),
                    "first sightings of " + key);
        }
        // The same race on an expired key: exactly one caller takes it over.
        clock.advance(Duration.ofMinutes(11));
        assertEquals(1, winners(8, () -> store.seenEvents().firstSighting("Ev-0", Duration.ofMinutes(10))));
    }

    // ---------------------------------------------------------------- share claims

    @Test
    void aShareIsClaimedOnceUntilItsClaimExpires() {
        assertTrue(store.shareClaims().claim("share-1", Duration.ofHours(6)));
        assertFalse(store.shareClaims().claim("share-1", Duration.ofHours(6)));
        assertTrue(store.shareClaims().claim("share-2", Duration.ofHours(6)));
        clock.advance(Duration.ofHours(6));
        assertTrue(store.shareClaims().claim("share-1", Duration.ofHours(6)), "an expired claim is cleaned up");
    }

    @Test
    void ofManyConcurrentClaimsOfOneShareExactlyOneWins() throws Exception {
        assertEquals(1, winners(16, () -> store.shareClaims().claim("share-race", Duration.ofHours(6))));
    }

    // ---------------------------------------------------------------- pending replies

    static dev.aadsts.core.store.PendingReply pending(String key, Instant createdAt, Instant leaseUntil) {
        return new dev.aadsts.core.store.PendingReply(key, "slack", "T0001", "C0" + key,
                "channel=C0" + key + "&text=%E2%9C%93+AADSTS50126", createdAt, leaseUntil);
    }

    @Test
    void pendingRepliesAreKeptOnceUntilRemoved() {
        var replies = store.pendingReplies();
        assertTrue(replies.add(pending("Ev1", T0, T0.plusSeconds(600))));
        assertFalse(replies.add(pending("Ev1", T0.plusSeconds(1), T0.plusSeconds(601))), "a key is recorded once");
        assertTrue(replies.add(pending("Ev2", T0.plusMillis(1), T0.plusSeconds(600))));
        assertEquals(2, replies.count("slack"));
        assertEquals(0, replies.count("teams"));

        replies.remove("Ev1");
        replies.remove("Ev1");
        assertEquals(1, replies.count("slack"));
    }

    @Test
    void onlyRepliesWhoseLeaseEndedAreClaimedOldestFirstAndThenLeased() {
        var replies = store.pendingReplies();
        replies.add(pending("EvLive", T0, T0.plusSeconds(600)));
        replies.add(pending("EvNewer", T0.plusSeconds(2), T0.plusSeconds(5)));
        replies.add(pending("EvOlder", T0.plusSeconds(1), T0.plusSeconds(5)));

        assertEquals(List.of(), replies.claimExpired("slack", T0.plusSeconds(4), LEASE, 10));
        var claimed = replies.claimExpired("slack", T0.plusSeconds(5), LEASE, 10);
        assertEquals(List.of("EvOlder", "EvNewer"), claimed.stream().map(r -> r.key()).toList());
        var first = claimed.get(0);
        assertEquals("T0001", first.workspace());
        assertEquals("C0EvOlder", first.target());
        assertEquals("channel=C0EvOlder&text=%E2%9C%93+AADSTS50126", first.payload());
        assertEquals(T0.plusSeconds(1), first.createdAt());
        assertEquals(List.of(), replies.claimExpired("slack", T0.plusSeconds(6), LEASE, 10), "leased now");
        assertEquals(List.of("EvOlder"), replies.claimExpired("slack", T0.plusSeconds(5).plus(LEASE), LEASE, 1)
                .stream().map(r -> r.key()).toList(), "max is respected once the lease ran out");
        assertEquals(List.of(), replies.claimExpired("teams", T0.plus(Duration.ofDays(1)), LEASE, 10));
    }

    @Test
    void concurrentRepliesShareCommitsAndEachKeyIsRecordedOnce() throws Exception {
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String key = "EvMany" + (i % 200); // every key twice
            calls.add(() -> store.pendingReplies().add(pending(key, T0, T0.plusSeconds(60))));
        }
        assertEquals(200, runAll(calls).stream().filter(Boolean::booleanValue).count());
        assertEquals(200, store.pendingReplies().count("slack"));
        List<Callable<Boolean>> removals = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String key = "EvMany" + i;
            removals.add(() -> {
                store.pendingReplies().remove(key);
                return true;
            });
        }
        runAll(removals);
        assertEquals(0, store.pendingReplies().count("slack"));
    }

    @Test
    void aRenewedLeaseKeepsTheReplyFromOthers() {
        var replies = store.pendingReplies();
        replies.add(pending("EvHeld", T0, T0.plusSeconds(60)));
        replies.add(pending("EvOther", T0, T0.plusSeconds(60)));
        replies.renew(List.of("EvHeld"), T0.plusSeconds(120));
        replies.renew(List.of(), T0.plusSeconds(500));
        assertEquals(List.of("EvOther"), replies.claimExpired("slack", T0.plusSeconds(60), LEASE, 10).stream()
                .map(r -> r.key()).toList());
    }

    @Test
    void aPostponedReplyIsClaimedAgainFromItsRetryTime() {
        var replies = store.pendingReplies();
        replies.add(pending("EvSlackDown", T0, T0.plusSeconds(600)));
        replies.postpone("EvSlackDown", T0.plusSeconds(30));
        assertEquals(List.of(), replies.claimExpired("slack", T0.plusSeconds(29), LEASE, 10));
        assertEquals(1, replies.claimExpired("slack", T0.plusSeconds(30), LEASE, 10).size());
    }

    // ---------------------------------------------------------------- share payloads and thread answers

    @Test
    void aSharePayloadIsFoundUntilItExpires() {
        store.sharePayloads().save("share-p1", "50126 <@U0X> & more", Duration.ofHours(6));
        assertEquals(Optional.of("50126 <@U0X> & more"), store.sharePayloads().find("share-p1"));
        assertEquals(Optional.empty(), store.sharePayloads().find("share-unknown"));
        assertEquals(Optional.empty(), store.sharePayloads().find(null));
        clock.advance(Duration.ofHours(6).minusMillis(1));
        assertTrue(store.sharePayloads().find("share-p1").isPresent());
        clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.empty(), store.sharePayloads().find("share-p1"), "expired, though not yet removed");
    }

    @Test
    void aSharePayloadIsReadByEveryStoreOnTheDatabase() {
        store.sharePayloads().save("share-p2", "700016", Duration.ofHours(6));
        try (Store again = open(clock)) {
            assertEquals(Optional.of("700016"), again.sharePayloads().find("share-p2"));
        }
    }

    @Test
    void aCodeIsAnsweredOncePerThreadUntilTheRecordExpires() {
        var answers = store.threadAnswers();
        assertFalse(answers.answered("slack:C1/1.1", "50126"));
        assertTrue(answers.firstAnswer("slack:C1/1.1", "50126", Duration.ofDays(7)));
        assertFalse(answers.firstAnswer("slack:C1/1.1", "50126", Duration.ofDays(7)));
        assertTrue(answers.answered("slack:C1/1.1", "50126"));
        assertTrue(answers.firstAnswer("slack:C1/1.1", "700016", Duration.ofDays(7)), "another code");
        assertTrue(answers.firstAnswer("slack:C1/2.2", "50126", Duration.ofDays(7)), "another thread");
        clock.advance(Duration.ofDays(7));
        assertFalse(answers.answered("slack:C1/1.1", "50126"));
        assertTrue(answers.firstAnswer("slack:C1/1.1", "50126", Duration.ofDays(7)), "answered again once expired");
    }

    @Test
    void ofConcurrentFirstAnswersInOneThreadExactlyOneWins() throws Exception {
        assertEquals(1, winners(8, () -> store.threadAnswers().firstAnswer("slack:C1/9.9", "50126",
                Duration.ofDays(7))));
    }

    // ---------------------------------------------------------------- expiry cleanup

    @Test
    void theCleanupRemovesExpiredRowsFromEveryExpiringTableAndKeepsLiveOnes() throws SQLException {
        store.seenEvents().firstSighting("Ev-old", Duration.ofMinutes(10));
        store.shareClaims().claim("share-old", Duration.ofMinutes(10));
        store.sharePayloads().save("share-old", "50126", Duration.ofMinutes(10));
        store.threadAnswers().firstAnswer("slack:C1/1.1", "50126", Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(5));
        store.seenEvents().firstSighting("Ev-new", Duration.ofMinutes(10));
        store.shareClaims().claim("share-new", Duration.ofMinutes(10));
        store.sharePayloads().save("share-new", "700016", Duration.ofMinutes(10));
        store.threadAnswers().firstAnswer("slack:C1/1.1", "700016", Duration.ofMinutes(10));
        for (ExpiringTable table : ExpiringTable.ALL) {
            assertEquals(2, rows(table.name()), table.name());
        }

        assertEquals(0, cleanup().sweep(), "nothing has expired yet");
        clock.advance(Duration.ofMinutes(5));
        assertEquals(4, cleanup().sweep(), "the four rows written first expire now");
        for (ExpiringTable table : ExpiringTable.ALL) {
            assertEquals(1, rows(table.name()), table.name());
        }
        assertFalse(store.seenEvents().firstSighting("Ev-new", Duration.ofMinutes(10)), "live rows are kept");
        assertTrue(store.threadAnswers().answered("slack:C1/1.1", "700016"));
        assertEquals(Optional.of("700016"), store.sharePayloads().find("share-new"));
    }

    @Test
    void theCleanupRemovesMoreThanOneChunk() throws SQLException {
        int expired = ExpiryCleanup.CHUNK * 2 + 7;
        insertExpiredEvents(expired);
        assertEquals(expired, cleanup().sweep());
        assertEquals(0, rows("seen_events"));
    }

    /**
     * The cleanup deletes in short chunks, so requests writing the same table go on while it works: some of
     * them finish before the cleanup does. The latencies are printed for the README.
     */
    @Test
    void requestsAreNotHeldUpWhileTheCleanupRuns() throws Exception {
        int expired = 30_000;
        insertExpiredEvents(expired);
        List<Long> quietNanos = timeSightings("quiet", 200, () -> false);

        AtomicInteger done = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        ExecutorService sweeper = Executors.newSingleThreadExecutor();
        try {
            Future<Long> sweep = sweeper.submit(() -> {
                started.countDown();
                long t0 = System.nanoTime();
                assertEquals(expired, cleanup().sweep());
                done.set(1);
                return System.nanoTime() - t0;
            });
            started.await();
            List<Long> during = timeSightings("during", Integer.MAX_VALUE, () -> done.get() == 1);
            long sweepNanos = sweep.get(120, TimeUnit.SECONDS);
            System.out.printf("[%s] cleanup of %,d expired rows took %d ms; %d sightings meanwhile,"
                            + " p50 %.2f ms, p99 %.2f ms, max %.2f ms (without cleanup: p50 %.2f ms, p99 %.2f ms)%n",
                    store.describe(), expired, sweepNanos / 1_000_000, during.size(), percentile(during, 50),
                    percentile(during, 99), percentile(during, 100), percentile(quietNanos, 50),
                    percentile(quietNanos, 99));
            assertTrue(during.size() >= 5, "requests went on during the cleanup: " + during.size());
            assertTrue(percentile(during, 100) * 1_000_000 < sweepNanos,
                    "no request waited for the whole cleanup");
        } finally {
            sweeper.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- stats and feedback

    @Test
    void sightingsAreCountedPerPeriodAndWorkspaceAndUnknownCodesListedApart() {
        var stats = store.stats();
        stats.recordSighting("50011", true, "slack", "T1", T0.minus(Duration.ofDays(20)));
        stats.recordSighting("50126", true, "slack", "T1", T0.minus(Duration.ofDays(2)));
        stats.recordSighting("50126", true, "teams", "tenant-a", T0.minus(Duration.ofDays(1)));
        stats.recordSighting("50011", true, "slack", "T1", T0);
        stats.recordSighting("50011", true, "slack", "T1", T0);
        stats.recordSighting("99999990", false, "teams", "tenant-a", T0);
        stats.recordSighting("99999991", false, "teams", "tenant-a", T0.minus(Duration.ofDays(40)));

        Instant week = T0.minus(Duration.ofDays(7));
        assertEquals(List.of(new dev.aadsts.core.stats.CodeCount("50011", 2), new dev.aadsts.core.stats.CodeCount(
                "50126", 2), new dev.aadsts.core.stats.CodeCount("99999990", 1)), stats.topCodes(week, null, 10));
        assertEquals(List.of(new dev.aadsts.core.stats.CodeCount("50011", 3)),
                stats.topCodes(T0.minus(Duration.ofDays(30)), null, 1));
        assertEquals(List.of(new dev.aadsts.core.stats.CodeCount("50011", 2),
                new dev.aadsts.core.stats.CodeCount("50126", 1)), stats.topCodes(week, "T1", 10));
        assertEquals(List.of(new dev.aadsts.core.stats.CodeCount("99999990", 1)),
                stats.unknownCodes(T0.minus(Duration.ofDays(30)), 10));

        assertEquals(2, stats.forgetSightingsBefore(T0.minus(Duration.ofDays(10))));
        assertEquals(List.of(new dev.aadsts.core.stats.CodeCount("99999990", 1)),
                stats.unknownCodes(T0.minus(Duration.ofDays(90)), 10), "the 40-day-old sighting is gone");
    }

    @Test
    void aVoterHasOneVotePerCodeAndTheLatestCounts() {
        var stats = store.stats();
        assertTrue(stats.recordVote("50011", "slack", "voter-a", dev.aadsts.core.stats.Vote.HELPFUL, T0));
        assertFalse(stats.recordVote("50011", "slack", "voter-a", dev.aadsts.core.stats.Vote.NOT_HELPFUL, T0));
        assertTrue(stats.recordVote("50011", "teams", "voter-b", dev.aadsts.core.stats.Vote.HELPFUL, T0));
        assertTrue(stats.recordVote("50126", "teams", "voter-b", dev.aadsts.core.stats.Vote.HELPFUL, T0));
        assertEquals(List.of(new dev.aadsts.core.stats.Helpfulness("50011", 1, 1),
                new dev.aadsts.core.stats.Helpfulness("50126", 1, 0)), stats.helpfulness(10));
    }

    @Test
    void concurrentFirstVotesOfOnePersonCountOnce() throws Exception {
        assertEquals(1, winners(8, () -> store.stats().recordVote("7000215", "slack", "voter-race",
                dev.aadsts.core.stats.Vote.HELPFUL, T0)));
        assertEquals(List.of(new dev.aadsts.core.stats.Helpfulness("7000215", 1, 0)), store.stats().helpfulness(10));
    }

    @Test
    void thePepperIsMadeOnceAndSharedByEveryStoreOnTheDatabase() {
        byte[] first = store.stats().pepper();
        assertEquals(32, first.length);
        try (Store again = open(clock)) {
            assertTrue(java.util.Arrays.equals(first, again.stats().pepper()));
        }
    }

    // ---------------------------------------------------------------- accepting alerts

    @Test
    void aNewGroupIsDueAfterTheGroupWait() {
        List<Long> ids = accept(T0, alert("700016", Map.of("app", "Payroll")));

        assertEquals(1, ids.size());
        AlertGroup group = store.alertGroups().find(ids.get(0)).orElseThrow();
        assertEquals(TARGET, group.target());
        assertEquals("700016", group.code());
        assertEquals("route-a", group.route());
        assertEquals(1, group.count());
        assertEquals(T0, group.firstSeen());
        assertEquals(T0, group.lastSeen());
        assertEquals(Map.of("app", List.of("Payroll")), group.samples());
        assertEquals(0, group.deliveredCount());
        assertNull(group.messageRef());
        assertNull(group.postedAt());
        assertNull(group.lastDeliveredAt());
        assertEquals(T0.plus(WAIT), group.nextAttemptAt());
        assertEquals(0, group.attempts());
        assertNull(group.lastError());
        assertEquals(1, store.alertGroups().storedAlerts());
    }

    @Test
    void countsAddOccurrencesAndADueGroupKeepsItsTime() {
        long id = accept(T0, alert("50126", 3, Map.of())).get(0);
        accept(T0.plusSeconds(10), alert("50126", 4, Map.of()));

        AlertGroup group = store.alertGroups().find(id).orElseThrow();
        assertEquals(7, group.count());
        assertEquals(7, group.undelivered());
        assertEquals(T0, group.firstSeen());
        assertEquals(T0.plusSeconds(10), group.lastSeen());
        assertEquals(T0.plus(WAIT), group.nextAttemptAt());
        assertEquals(2, store.alertGroups().storedAlerts(), "one row per alert, whatever it stands for");
    }

    @Test
    void acceptAnswersGroupIdsInOrderOfFirstAppearance() {
        List<Long> first = accept(T0, alert("A", Map.of()), alert("B", Map.of()), alert("A", Map.of()),
                new IncomingAlert("teams:19:x", "route-t", "A", 1, Map.of(), "text"));
        assertEquals(3, first.size());
        assertEquals(3, new HashSet<>(first).size());

        List<Long> second = accept(T0, alert("B", Map.of()), alert("A", Map.of()));
        assertEquals(List.of(first.get(1), first.get(0)), second);
        assertEquals(3, store.alertGroups().find(first.get(0)).orElseThrow().count());
        assertEquals(2, store.alertGroups().find(first.get(1)).orElseThrow().count());
        assertEquals("teams:19:x", store.alertGroups().find(first.get(2)).orElseThrow().target());
        assertEquals(6, store.alertGroups().storedAlerts());
        assertEquals(List.of(), store.alertGroups().accept(List.of(), T0, WAIT, INTERVAL));
    }

    @Test
    void samplesKeepDistinctValuesInArrivalOrderUpToTheLimit() {
        long id = accept(T0, alert("700016", Map.of("app", "app1", "user", "ann@contoso.com"))).get(0);
        accept(T0, alert("700016", Map.of("app", "app2")), alert("700016", Map.of("app", "app1", "ip", " ")));
        for (String app : List.of("app3", "app2", "app4", "app5", "app6", "app7")) {
            accept(T0, alert("700016", Map.of("app", app, "user", "bob@contoso.com")));
        }

        Map<String, List<String>> samples = store.alertGroups().find(id).orElseThrow().samples();
        assertEquals(List.of("app1", "app2", "app3", "app4", "app5"), samples.get("app"));
        assertEquals(AlertGroups.SAMPLE_LIMIT, samples.get("app").size());
        assertEquals(List.of("ann@contoso.com", "bob@contoso.com"), samples.get("user"));
        assertFalse(samples.containsKey("ip"), "blank values are not samples");
    }

    @Test
    void anIdleGroupIsDueNoSoonerThanTheIntervalAfterItsLastDelivery() {
        long id = accept(T0, alert("50126", Map.of())).get(0);
        Instant due = T0.plus(WAIT);
        deliverAll("bot-1", due);
        assertNull(store.alertGroups().find(id).orElseThrow().nextAttemptAt(), "nothing new: idle");

        accept(due.plusSeconds(60), alert("50126", Map.of()));
        assertEquals(due.plus(INTERVAL), store.alertGroups().find(id).orElseThrow().nextAttemptAt());

        Instant secondDelivery = due.plus(INTERVAL);
        deliverAll("bot-1", secondDelivery);
        Instant muchLater = secondDelivery.plus(Duration.ofHours(1));
        accept(muchLater, alert("50126", Map.of()));
        AlertGroup group = store.alertGroups().find(id).orElseThrow();
        assertEquals(muchLater, group.nextAttemptAt());
        assertEquals(3, group.count());
        assertEquals(2, group.deliveredCount());
    }

    @Test
    void anIdleGroupThatWasNeverDeliveredIsDueAtOnce() {
        long id = accept(T0, alert("50126", Map.of())).get(0);
        Instant due = T0.plus(WAIT);
        assertEquals(1, store.alertGroups().claimDue("bot-1", due, LEASE, 10).size());
        assertTrue(store.alertGroups().skipped(id, "bot-1"));

        Instant later = due.plusSeconds(5);
        accept(later, alert("50126", Map.of()));
        AlertGroup group = store.alertGroups().find(id).orElseThrow();
        assertEquals(later, group.nextAttemptAt());
        assertNull(group.lastDeliveredAt());
        assertEquals(2, group.undelivered());
    }

    // ---------------------------------------------------------------- claiming and reporting

    @Test
    void claimsHandOutDueGroupsEarliestFirstUpToTheLimit() {
        long first = accept(T0, alert("A", Map.of())).get(0);
        long second = accept(T0.plusSeconds(1), alert("B", Map.of())).get(0);
        long third = accept(T0.plusSeconds(2), alert("C", Map.of())).get(0);
        accept(T0.plusSeconds(600), alert("D", Map.of()));
        Instant now = T0.plus(WAIT).plusSeconds(5);

        assertEquals(List.of(first, second), ids(store.alertGroups().claimDue("bot-1", now, LEASE, 2)));
        assertEquals(List.of(third), ids(store.alertGroups().claimDue("bot-2", now, LEASE, 10)));
        assertEquals(List.of(), store.alertGroups().claimDue("bot-3", now, LEASE, 10));
        assertEquals(List.of(), store.alertGroups().claimDue("bot-3", now, LEASE, 0));
    }

    @Test
    void claimsSeeTheGroupAsStored() {
        accept(T0, alert("A", 2, Map.of("app", "Payroll")));
        AlertGroup claimed = store.alertGroups().claimDue("bot-1", T0.plus(WAIT), LEASE, 1).get(0);
        assertEquals(store.alertGroups().find(claimed.id()).orElseThrow(), claimed);
        assertEquals(2, claimed.count());
        assertEquals(Map.of("app", List.of("Payroll")), claimed.samples());
    }

    @Test
    void aLeasedGroupIsSkippedUntilTheLeaseEnds() {
        long id = accept(T0, alert("A", Map.of())).get(0);
        Instant due = T0.plus(WAIT);

        assertEquals(List.of(id), ids(store.alertGroups().claimDue("bot-1", due, LEASE, 10)));
        assertEquals(List.of(), store.alertGroups().claimDue("bot-2", due.plusSeconds(1), LEASE, 10));
        assertEquals(List.of(), store.alertGroups().claimDue("bot-2", due.plus(LEASE).minusMillis(1), LEASE, 10));
        // bot-1 crashed: its lease ran out and bot-2 takes over.
        assertEquals(List.of(id), ids(store.alertGroups().claimDue("bot-2", due.plus(LEASE), LEASE, 10)));

        Instant late = due.plus(LEASE).plusSeconds(1);
        assertFalse(store.alertGroups().delivered(id, "bot-1", 1, "ts-1", late, late, INTERVAL), "lease lost");
        AlertGroup unchanged = store.alertGroups().find(id).orElseThrow();
        assertEquals(0, unchanged.deliveredCount());
        assertNull(unchanged.messageRef());
        assertEquals(due, unchanged.nextAttemptAt());

        assertTrue(store.alertGroups().delivered(id, "bot-2", 1, "ts-2", late, late, INTERVAL));
        assertEquals("ts-2", store.alertGroups().find(id).orElseThrow().messageRef());
    }

    @Test
    void deliveryWithNewArrivalsMakesTheGroupDueAgainAfterTheInterval() {
        long id = accept(T0, alert("A", Map.of())).get(0);
        Instant due = T0.plus(WAIT);
        assertEquals(1, store.alertGroups().claimDue("bot-1", due, LEASE, 10).size());
        accept(due.plusMillis(500), alert("A", 2, Map.of()));

        Instant posted = due.plusSeconds(1);
        assertTrue(store.alertGroups().delivered(id, "bot-1", 1, "1700000000.000100", posted, posted, INTERVAL));

        AlertGroup group = store.alertGroups().find(id).orElseThrow();
        assertEquals(1, group.deliveredCount());
        assertEquals(2, group.undelivered());
        assertEquals("1700000000.000100", group.messageRef());
        assertEquals(posted, group.postedAt());
        assertEquals(posted, group.lastDeliveredAt());
        assertEquals(posted.plus(INTERVAL), group.nextAttemptAt());

        assertEquals(List.of(), store.alertGroups().claimDue("bot-2", posted.plusSeconds(1), LEASE, 10));
        assertEquals(List.of(id), ids(store.alertGroups().claimDue("bot-2", posted.plus(INTERVAL), LEASE, 10)),
                "the lease was released with the delivery");
    }

    @Test
    void deliveryOfEverythingMakesTheGroupIdle() {
        long id = accept(T0, alert("A", 3, Map.of())).get(0);
        Instant due = T0.plus(WAIT);
        store.alertGroups().claimDue("bot-1", due, LEASE, 10);
        assertTrue(store.alertGroups().delivered(id, "bot-1", 3, "ts-1", due, due, INTERVAL));

        AlertGroup group = store.alertGroups().find(id).orElseThrow();
        assertNull(group.nextAttemptAt());
        assertEquals(0, group.undelivered());
        assertEquals(List.of(), store.alertGroups().claimDue("bot-1", due.plus(Duration.ofDays(1)), LEASE, 10));
    }

    @Test
    void aFailedDeliveryCountsTheAttemptAndRetriesLater() {
        long id = accept(T0, alert("A", Map.of())).get(0);
        Instant due = T0.plus(WAIT);
        store.alertGroups().claimDue("bot-1", due, LEASE, 10);
        Instant retryAt = due.plusSeconds(30);
        assertTrue(store.alertGroups().failed(id, "bot-1", "HTTP 503 from Slack", retryAt));

        AlertGroup group = store.alertGroups().find(id).orElseThrow();
        assertEquals(1, group.attempts());
        assertEquals("HTTP 503 from Slack", group.lastError());
        assertEquals(retryAt, group.nextAttemptAt());
        assertEquals(0, group.deliveredCount());

        assertEquals(List.of(), store.alertGroups().claimDue("bot-2", retryAt.minusMillis(1), LEASE, 10));
        assertEquals(List.of(id), ids(store.alertGroups().claimDue("bot-2", retryAt, LEASE, 10)));
        assertTrue(store.alertGroups().failed(id, "bot-2", "x".repeat(10_000), retryAt.plusSeconds(60)));
        group = store.alertGroups().find(id).orElseThrow();
        assertEquals(2, group.attempts());
        assertTrue(group.lastError().length() <= 2000);

        store.alertGroups().claimDue("bot-2", retryAt.plusSeconds(60), LEASE, 10);
        assertTrue(store.alertGroups().delivered(id, "bot-2", 1, "ts", retryAt, retryAt.plusSeconds(61), INTERVAL));
        group = store.alertGroups().find(id).orElseThrow();
        assertEquals(0, group.attempts());
        assertNull(group.lastError());
    }

    @Test
    void aSkippedDeliveryKeepsWhatWasDelivered() {
        long id = accept(T0, alert("A", Map.of())).get(0);
        Instant due = T0.plus(WAIT);
        deliverAll("bot-1", due);
        accept(due.plusSeconds(1), alert("A", 2, Map.of()));
        Instant next = due.plus(INTERVAL);
        assertEquals(List.of(id), ids(store.alertGroups().claimDue("bot-1", next, LEASE, 10)));

        assertTrue(store.alertGroups().skipped(id, "bot-1"));
        AlertGroup group = store.alertGroups().find(id).orElseThrow();
        assertNull(group.nextAttemptAt());
        assertEquals(1, group.deliveredCount());
        assertEquals("ts-" + id, group.messageRef());
        assertEquals(3, group.count());
        assertFalse(store.alertGroups().skipped(id, "bot-1"), "the lease is gone");

        // The first alert after the silence shows everything since the last post.
        Instant afterSilence = next.plus(Duration.ofHours(2));
        accept(afterSilence, alert("A", Map.of()));
        group = store.alertGroups().find(id).orElseThrow();
        assertEquals(afterSilence, group.nextAttemptAt());
        assertEquals(3, group.undelivered());
    }

    @Test
    void onlyTheLeaseHolderCanReport() {
        long id = accept(T0, alert("A", Map.of())).get(0);
        Instant due = T0.plus(WAIT);
        store.alertGroups().claimDue("bot-1", due, LEASE, 10);

        assertFalse(store.alertGroups().delivered(id, "bot-2", 1, "ts", due, due, INTERVAL));
        assertFalse(store.alertGroups().failed(id, "bot-2", "boom", due));
        assertFalse(store.alertGroups().skipped(id, "bot-2"));
        assertFalse(store.alertGroups().delivered(id + 1000, "bot-1", 1, "ts", due, due, INTERVAL));
        assertEquals(0, store.alertGroups().find(id).orElseThrow().deliveredCount());

        assertTrue(store.alertGroups().delivered(id, "bot-1", 1, "ts", due, due, INTERVAL));
        assertFalse(store.alertGroups().delivered(id, "bot-1", 1, "ts", due, due, INTERVAL), "released");
    }

    @Test
    void concurrentClaimsHandEachDueGroupToOneCaller() throws Exception {
        int groups = 120;
        List<IncomingAlert> alerts = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            alerts.add(alert("code-" + i, Map.of()));
        }
        accept(T0, alerts.toArray(IncomingAlert[]::new));
        assertEquals(groups, claimConcurrently(List.of(store, store), 8, T0.plus(WAIT)).size());
    }

    // ---------------------------------------------------------------- lookups, silences

    @Test
    void groupsAreFoundByIdAndListedPerTargetNewestFirst() {
        long older = accept(T0, alert("A", Map.of())).get(0);
        long newer = accept(T0.plusSeconds(5), alert("B", Map.of())).get(0);
        accept(T0.plusSeconds(9), new IncomingAlert("slack:COTHER", "r", "A", 1, Map.of(), "text"));

        assertEquals(List.of(newer, older), ids(store.alertGroups().forTarget(TARGET)));
        accept(T0.plusSeconds(10), alert("A", Map.of()));
        assertEquals(List.of(older, newer), ids(store.alertGroups().forTarget(TARGET)));
        assertEquals(List.of(), store.alertGroups().forTarget("slack:CNONE"));
        assertEquals(Optional.empty(), store.alertGroups().find(older + newer + 1000));
    }

    @Test
    void silencesEndAndAreReplaced() {
        Instant hour = T0.plus(Duration.ofHours(1));
        store.silences().mute(TARGET, "50126", hour, "U0ALICE");

        assertEquals(Optional.of(hour), store.silences().mutedUntil(TARGET, "50126", T0));
        assertEquals(Optional.of(hour), store.silences().mutedUntil(TARGET, "50126", hour.minusMillis(1)));
        assertEquals(Optional.empty(), store.silences().mutedUntil(TARGET, "50126", hour));
        assertEquals(Optional.empty(), store.silences().mutedUntil(TARGET, "700016", T0));
        assertEquals(Optional.empty(), store.silences().mutedUntil("slack:COTHER", "50126", T0));

        store.silences().mute(TARGET, "50126", T0.plus(Duration.ofMinutes(10)), "U0BOB");
        assertEquals(Optional.of(T0.plus(Duration.ofMinutes(10))), store.silences().mutedUntil(TARGET, "50126", T0));
    }

    // ---------------------------------------------------------------- durability and volume

    @Test
    void everythingSurvivesReopeningAndMigrationsRunOnce() throws SQLException {
        store.conversations().save(conversation("19:keep@thread.tacv2", "Finance", "Alerts", T0));
        long id = accept(T0, alert("700016", 2, Map.of("app", "Payroll"))).get(0);
        store.alertGroups().claimDue("bot-1", T0.plus(WAIT), LEASE, 10);
        store.alertGroups().delivered(id, "bot-1", 2, "ts-9", T0.plus(WAIT), T0.plus(WAIT), INTERVAL);
        accept(T0.plus(WAIT).plusSeconds(1), alert("700016", Map.of("app", "Intranet")));
        store.silences().mute(TARGET, "50126", T0.plus(Duration.ofHours(1)), "U0ALICE");
        assertTrue(store.seenEvents().firstSighting("Ev-restart", Duration.ofHours(1)));
        AlertGroup before = store.alertGroups().find(id).orElseThrow();
        long migrationsBefore = appliedMigrations();

        store.close();
        store = open(clock);
        cleanup().stopSchedule();

        assertEquals("Finance", store.conversations().find("19:keep@thread.tacv2").orElseThrow().teamName());
        assertEquals(before, store.alertGroups().find(id).orElseThrow());
        assertEquals(3, before.count());
        assertEquals(Map.of("app", List.of("Payroll", "Intranet")), before.samples());
        assertEquals(2, store.alertGroups().storedAlerts());
        assertTrue(store.silences().mutedUntil(TARGET, "50126", T0).isPresent());
        assertFalse(store.seenEvents().firstSighting("Ev-restart", Duration.ofHours(1)));

        assertEquals(migrationsBefore, appliedMigrations(), "opening again applied nothing");
    }

    @Test
    void tenThousandSingleAlertAcceptsCountExactly() {
        long started = System.nanoTime();
        long id = 0;
        for (int i = 0; i < 10_000; i++) {
            // One alert per call, as the webhook delivers them.
            id = store.alertGroups().accept(List.of(alert("50126", Map.of("app", "app-" + (i % 7)))),
                    T0.plusMillis(i), WAIT, INTERVAL).get(0);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        AlertGroup group = store.alertGroups().find(id).orElseThrow();
        assertEquals(10_000, group.count());
        assertEquals(10_000, store.alertGroups().storedAlerts());
        assertEquals(List.of("app-0", "app-1", "app-2", "app-3", "app-4"), group.samples().get("app"));
        assertEquals(T0.plus(WAIT), group.nextAttemptAt());
        assertEquals(T0.plusMillis(9_999), group.lastSeen());
        assertEquals(1, store.alertGroups().forTarget(TARGET).size());
        System.out.println("[" + store.describe() + "] 10,000 accepts in " + millis + " ms");
    }

    @Test
    void concurrentAcceptsIntoOneGroupLoseNothing() throws Exception {
        List<Callable<Set<Long>>> webhooks = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String caller = "webhook-" + t;
            // Half the callers name the two groups in the other order: locking must not deadlock on that.
            boolean reversed = t % 2 == 1;
            webhooks.add(() -> {
                Set<Long> ids = new HashSet<>();
                for (int i = 0; i < 50; i++) {
                    IncomingAlert a = alert("50126", 2, Map.of("caller", caller));
                    IncomingAlert b = alert("700016", Map.of());
                    ids.addAll(reversed ? accept(T0, b, a) : accept(T0, a, b));
                }
                return ids;
            });
        }
        Set<Long> ids = new HashSet<>();
        runAll(webhooks).forEach(ids::addAll);

        assertEquals(2, ids.size(), "one group per code, however the calls interleave");
        List<AlertGroup> groups = store.alertGroups().forTarget(TARGET);
        assertEquals(Set.of(800L, 400L), Set.of(groups.get(0).count(), groups.get(1).count()));
        assertEquals(800, store.alertGroups().storedAlerts());
    }

    // ---------------------------------------------------------------- group commit

    @Test
    void concurrentAcceptsShareTransactionsAndLoseNothing() throws Exception {
        GroupCommit commits = ((JdbcAlertGroups) store.alertGroups()).groupCommit();
        long transactionsBefore = commits.transactions();
        long submissionsBefore = commits.submissions();
        List<Callable<Set<Long>>> webhooks = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int caller = t;
            webhooks.add(() -> {
                Set<Long> ids = new HashSet<>();
                for (int i = 0; i < 100; i++) {
                    ids.addAll(accept(T0.plusMillis(i), alert(i % 2 == 0 ? "50126" : "53003",
                            Map.of("caller", "c" + caller))));
                }
                return ids;
            });
        }
        Set<Long> ids = new HashSet<>();
        runAll(webhooks).forEach(ids::addAll);

        assertEquals(2, ids.size());
        assertEquals(1_600, store.alertGroups().storedAlerts());
        assertEquals(1_600, store.alertGroups().forTarget(TARGET).stream().mapToLong(AlertGroup::count).sum());
        long transactions = commits.transactions() - transactionsBefore;
        long submissions = commits.submissions() - submissionsBefore;
        assertEquals(1_600, submissions);
        System.out.printf("[%s] 1,600 concurrent accepts in %d transactions%n", store.describe(), transactions);
        assertTrue(transactions < submissions, "accepts arriving together shared transactions: " + transactions);
    }

    /** A batch gives every group what committing its submissions one after another would have given it. */
    @Test
    void aBatchOfSubmissionsEqualsCommittingThemOneByOne() throws SQLException {
        String batched = "slack:C0BATCHED";
        String single = "slack:C0SINGLE";
        for (String target : List.of(batched, single)) {
            // An idle group that was delivered once, so the batch must honour the interval since then.
            store.alertGroups().accept(List.of(alertFor(target, "50126", "seed")), T0, WAIT, INTERVAL);
            for (AlertGroup group : store.alertGroups().claimDue("seed", T0.plus(WAIT), LEASE, 10)) {
                store.alertGroups().delivered(group.id(), "seed", group.count(), "ts", T0.plus(WAIT),
                        T0.plus(WAIT), INTERVAL);
            }
        }
        java.util.function.Function<String, List<AlertIntake.Submission>> submissions = target -> List.of(
                new AlertIntake.Submission(List.of(alertFor(target, "50126", "a"), alertFor(target, "700016", "b")),
                        T0.plusSeconds(60), WAIT, INTERVAL),
                new AlertIntake.Submission(List.of(alertFor(target, "700016", "c")), T0.plusSeconds(61),
                        Duration.ofSeconds(5), Duration.ofMinutes(1)),
                new AlertIntake.Submission(List.of(alertFor(target, "50126", "d"), alertFor(target, "50126", "a")),
                        T0.plusSeconds(62), WAIT, INTERVAL));

        List<List<Long>> ids;
        JdbcStore jdbcStore = (JdbcStore) store;
        try (Connection connection = jdbcStore.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            ids = new AlertIntake(jdbcStore.dialect()).accept(connection, submissions.apply(batched));
            connection.commit();
            connection.setAutoCommit(true);
        }
        for (AlertIntake.Submission submission : submissions.apply(single)) {
            store.alertGroups().accept(submission.alerts(), submission.now(), submission.groupWait(),
                    submission.groupInterval());
        }

        List<AlertGroup> fromBatch = store.alertGroups().forTarget(batched);
        List<AlertGroup> oneByOne = store.alertGroups().forTarget(single);
        assertEquals(2, fromBatch.size());
        for (int i = 0; i < 2; i++) {
            AlertGroup b = fromBatch.get(i);
            AlertGroup o = oneByOne.get(i);
            assertEquals(o.code(), b.code());
            assertEquals(List.of(o.count(), o.firstSeen(), o.lastSeen(), o.samples(), o.nextAttemptAt(), o.route()),
                    List.of(b.count(), b.firstSeen(), b.lastSeen(), b.samples(), b.nextAttemptAt(), b.route()),
                    b.code());
        }
        long idOf50126 = fromBatch.stream().filter(g -> g.code().equals("50126")).findFirst().orElseThrow().id();
        long idOf700016 = fromBatch.stream().filter(g -> g.code().equals("700016")).findFirst().orElseThrow().id();
        assertEquals(List.of(List.of(idOf50126, idOf700016), List.of(idOf700016), List.of(idOf50126)), ids);
    }

    static IncomingAlert alertFor(String target, String code, String app) {
        return new IncomingAlert(target, "route-" + app, code, 1, Map.of("app", app), "graph-signin");
    }

    // ---------------------------------------------------------------- helpers

    ExpiryCleanup cleanup() {
        return ((JdbcStore) store).expiryCleanup();
    }

    long rows(String table) throws SQLException {
        try (Connection connection = ((JdbcStore) store).dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Event keys that expired an hour ago, written in bulk. */
    void insertExpiredEvents(int count) throws SQLException {
        try (Connection connection = ((JdbcStore) store).dataSource().getConnection();
                java.sql.PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO seen_events (event_key, seen_at, expires_at) VALUES (?, ?, ?)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                insert.setString(1, "Ev-expired-" + i);
                Jdbc.setInstant(insert, 2, T0.minus(Duration.ofHours(2)));
                Jdbc.setInstant(insert, 3, T0.minus(Duration.ofHours(1)));
                insert.addBatch();
                if (i % 1_000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    /** Nanoseconds per first sighting of a new key, until {@code max} calls or {@code stop} says so. */
    List<Long> timeSightings(String prefix, int max, java.util.function.BooleanSupplier stop) {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < max && !stop.getAsBoolean(); i++) {
            long t0 = System.nanoTime();
            assertTrue(store.seenEvents().firstSighting("Ev-" + prefix + "-" + i, Duration.ofMinutes(10)));
            nanos.add(System.nanoTime() - t0);
        }
        return nanos;
    }

    /** The {@code p}th percentile in milliseconds (100 is the maximum). */
    static double percentile(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    long appliedMigrations() throws SQLException {
        try (Connection connection = ((JdbcStore) store).dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM \"flyway_schema_history\"")) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void signInLookupsAreAuditedNewestFirst() {
        var audit = store.signInAudit();
        assertEquals(List.of(), audit.latest(10));
        var first = new dev.aadsts.core.store.SignInAudit.Entry("slack:U0ALICE", T0,
                "0b8b7a9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b", false);
        var second = new dev.aadsts.core.store.SignInAudit.Entry("cli:bob", T0.plusSeconds(90),
                "0b8b7a9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b", true);
        audit.record(first);
        audit.record(second);
        assertEquals(List.of(second, first), audit.latest(10));
        assertEquals(List.of(second), audit.latest(1));
    }

    @Test
    void theAuditSurvivesReopeningTheStore() {
        var entry = new dev.aadsts.core.store.SignInAudit.Entry("teams:29:1abc", T0,
                "c3d4e5f6-0000-4000-8000-000000000001", true);
        store.signInAudit().record(entry);
        try (Store again = open(clock)) {
            assertEquals(List.of(entry), again.signInAudit().latest(5));
        }
    }

    static IncomingAlert alert(String code, Map<String, String> context) {
        return alert(code, 1, context);
    }

    static IncomingAlert alert(String code, long occurrences, Map<String, String> context) {
        return new IncomingAlert(TARGET, "route-a", code, occurrences, context, "azure-monitor-log-v2");
    }

    List<Long> accept(Instant now, IncomingAlert... alerts) {
        return store.alertGroups().accept(List.of(alerts), now, WAIT, INTERVAL);
    }

    /** Claims everything due at {@code now} and reports it delivered with its full count. */
    void deliverAll(String owner, Instant now) {
        for (AlertGroup group : store.alertGroups().claimDue(owner, now, LEASE, 100)) {
            assertTrue(store.alertGroups().delivered(group.id(), owner, group.count(), "ts-" + group.id(), now, now,
                    INTERVAL));
        }
    }

    static List<Long> ids(List<AlertGroup> groups) {
        return groups.stream().map(AlertGroup::id).toList();
    }

    static TeamsConversation conversation(String id, String teamName, String channelName, Instant updatedAt) {
        return new TeamsConversation(id, "https://smba.trafficmanager.net/amer/", "tenant-1", "28:bot-1", "channel",
                "team-1", teamName, "channel-1", channelName, "{\"conversation\":{\"id\":\"" + id + "\"}}",
                updatedAt);
    }

    /**
     * {@code threads} callers, spread over {@code stores}, claim small batches until nothing is left; every
     * claimed id is recorded. Fails if any group was handed out twice.
     */
    static Set<Long> claimConcurrently(List<Store> stores, int threads, Instant now) throws Exception {
        Map<Long, String> claimedBy = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        List<Callable<Void>> claimers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Store store = stores.get(t % stores.size());
            String owner = "replica-" + (t % stores.size()) + "-worker-" + t;
            claimers.add(() -> {
                for (int empty = 0; empty < 3; ) {
                    List<AlertGroup> claimed = store.alertGroups().claimDue(owner, now, LEASE, 3);
                    empty = claimed.isEmpty() ? empty + 1 : 0;
                    for (AlertGroup group : claimed) {
                        if (claimedBy.putIfAbsent(group.id(), owner) != null) {
                            duplicates.incrementAndGet();
                        }
                    }
                }
                return null;
            });
        }
        runAll(claimers);
        assertEquals(0, duplicates.get(), "groups claimed twice");
        Set<String> owners = new HashSet<>(claimedBy.values());
        assertNotEquals(0, owners.size());
        return claimedBy.keySet();
    }

    /** How many of {@code callers} concurrent calls answered true. */
    static int winners(int callers, Callable<Boolean> call) throws Exception {
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            calls.add(call);
        }
        return (int) runAll(calls).stream().filter(Boolean::booleanValue).count();
    }

    /** Runs the tasks on their own threads, released together, and returns their results in order. */
    static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
