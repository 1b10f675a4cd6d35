package dev.aadsts.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.store.AlertGroup;
import dev.aadsts.core.store.IncomingAlert;
import dev.aadsts.core.store.Store;
import dev.aadsts.store.testing.PostgresServer;
import dev.aadsts.store.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The contract on a real PostgreSQL server, plus what only a shared database must do: several bot replicas. */
class PostgresStoreTest extends StoreContractTest {

    private TestDatabase database;

    @Override
    protected Store open(Clock clock) {
        if (database == null) {
            database = PostgresServer.shared().createDatabase();
        }
        return Stores.postgres(database.url(), clock);
    }

    @Override
    @AfterAll
    void closeStore() {
        super.closeStore();
        if (database != null) {
            database.close();
        }
    }

    @Test
    void describesTheServerWithoutThePassword() {
        assertTrue(store.describe().startsWith("PostgreSQL "), store.describe());
        assertTrue(store.describe().endsWith("/" + database.database()), store.describe());
        assertFalse(store.describe().contains(database.password()));
    }

    // A replica is a second Store: its own pool, as a second bot instance would have.

    @Test
    void replicasClaimEveryDueGroupExactlyOnce() throws Exception {
        try (Store replica = open(clock)) {
            List<IncomingAlert> alerts = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                alerts.add(alert("code-" + i, Map.of()));
            }
            store.alertGroups().accept(alerts, T0, WAIT, INTERVAL);

            Set<Long> claimed = claimConcurrently(List.of(store, replica), 8, T0.plus(WAIT));
            assertEquals(300, claimed.size());
        }
    }

    @Test
    void replicasAcceptAndDeliverConcurrentlyWithoutLosingAlerts() throws Exception {
        try (Store replica = open(clock)) {
            List<Store> replicas = List.of(store, replica);
            List<Callable<Integer>> workers = new ArrayList<>();
            Instant due = T0.plus(WAIT);
            for (int w = 0; w < 8; w++) {
                Store mine = replicas.get(w % 2);
                String owner = "replica-" + w;
                if (w % 2 == 0) {
                    // A webhook: one alert per call, spread over 10 codes.
                    workers.add(() -> {
                        for (int i = 0; i < 250; i++) {
                            mine.alertGroups().accept(List.of(alert("code-" + (i % 10), Map.of())), due, Duration.ZERO,
                                    Duration.ZERO);
                        }
                        return 0;
                    });
                } else {
                    // A delivery loop: whatever it claims, it posts with the count it saw.
                    workers.add(() -> {
                        int delivered = 0;
                        for (int round = 0; round < 200; round++) {
                            for (AlertGroup group : mine.alertGroups().claimDue(owner, due, LEASE, 2)) {
                                assertTrue(mine.alertGroups().delivered(group.id(), owner, group.count(), "ts",
                                        due, due, Duration.ZERO));
                                delivered++;
                            }
                        }
                        return delivered;
                    });
                }
            }
            runAll(workers);

            List<AlertGroup> groups = store.alertGroups().forTarget(TARGET);
            assertEquals(10, groups.size());
            assertEquals(1000, groups.stream().mapToLong(AlertGroup::count).sum());
            assertEquals(1000, store.alertGroups().storedAlerts());
            for (AlertGroup group : groups) {
                // Whatever the last post showed, anything beyond it must still be due.
                assertEquals(group.undelivered() > 0, group.nextAttemptAt() != null, group.toString());
            }
        }
    }

    @Test
    void replicasAgreeOnFirstSightings() throws Exception {
        try (Store replica = open(clock)) {
            List<Store> replicas = List.of(store, replica);
            for (int round = 0; round < 10; round++) {
                String key = "Ev-replicas-" + round;
                List<Callable<Boolean>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    Store mine = replicas.get(i % 2);
                    calls.add(() -> mine.seenEvents().firstSighting(key, Duration.ofMinutes(5)));
                }
                assertEquals(1, runAll(calls).stream().filter(Boolean::booleanValue).count(), key);
            }
        }
    }

    @Test
    void replicasClaimEveryPendingReplyExactlyOnce() throws Exception {
        for (int i = 0; i < 200; i++) {
            store.pendingReplies().add(pending("EvRace" + i, T0.plusMillis(i), T0));
        }
        try (Store replica = open(clock)) {
            List<Store> replicas = List.of(store, replica);
            List<Callable<List<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Store mine = replicas.get(i % 2);
                calls.add(() -> {
                    List<String> mineClaimed = new ArrayList<>();
                    for (int round = 0; round < 10; round++) {
                        mine.pendingReplies().claimExpired("slack", T0.plusSeconds(1), Duration.ofMinutes(5), 7)
                                .forEach(r -> mineClaimed.add(r.key()));
                    }
                    return mineClaimed;
                });
            }
            List<String> all = runAll(calls).stream().flatMap(List::stream).toList();
            assertEquals(200, all.size(), "every reply claimed");
            assertEquals(200, new java.util.HashSet<>(all).size(), "no reply claimed twice");
        }
    }
}
