package dev.aadsts.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.store.SlackInstallations;
import dev.aadsts.core.store.SlackInstallations.Installation;
import dev.aadsts.core.store.Store;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What the Slack installation rows must do, once per database (see the subclasses). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SlackInstallationsContractTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");

    protected final MutableClock clock = new MutableClock(T0);
    protected Store store;
    private SlackInstallations installs;

    protected abstract Store open(Clock clock);

    @BeforeAll
    void openStore() {
        store = open(clock);
        installs = store.slackInstallations();
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
            for (String table : List.of("slack_bots", "slack_installers", "slack_oauth_states")) {
                statement.executeUpdate("DELETE FROM " + table);
            }
        }
    }

    private static byte[] sealed(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Installation bot(String enterprise, String team, String tokens) {
        return new Installation(enterprise, team, null, team == null, T0, sealed(tokens));
    }

    @Test
    void aWorkspaceBotIsFoundByItsKeysAndReplacedOnReinstall() {
        installs.saveBot(bot(null, "T1", "first"));
        Installation found = installs.bot(null, "T1").orElseThrow();
        assertArrayEquals(sealed("first"), found.sealed());
        assertEquals(T0, found.installedAt());
        assertFalse(found.enterpriseInstall());
        assertTrue(installs.bot(null, "T2").isEmpty());
        assertTrue(installs.bot("E1", "T1").isEmpty(), "keys are exact; the caller decides on fallbacks");

        installs.saveBot(new Installation(null, "T1", null, false, T0.plusSeconds(60), sealed("second")));
        assertArrayEquals(sealed("second"), installs.bot(null, "T1").orElseThrow().sealed());
        assertEquals(T0.plusSeconds(60), installs.bot(null, "T1").orElseThrow().installedAt());
    }

    @Test
    void anOrgWideInstallHasNoTeamAndSitsBesideTheOrgsWorkspaceInstalls() {
        installs.saveBot(bot("E1", null, "org"));
        installs.saveBot(new Installation("E1", "T9", null, false, T0, sealed("workspace")));
        Installation org = installs.bot("E1", null).orElseThrow();
        assertTrue(org.enterpriseInstall());
        assertArrayEquals(sealed("org"), org.sealed());
        assertArrayEquals(sealed("workspace"), installs.bot("E1", "T9").orElseThrow().sealed());
    }

    @Test
    void installersAreKeptPerUserAndGoWithTheirWorkspace() {
        installs.saveBot(bot(null, "T1", "bot"));
        installs.saveInstaller(new Installation(null, "T1", "U1", false, T0, sealed("u1")));
        installs.saveInstaller(new Installation(null, "T1", "U2", false, T0, sealed("u2")));
        installs.saveInstaller(new Installation(null, "T2", "U1", false, T0, sealed("other workspace")));
        assertArrayEquals(sealed("u2"), installs.installer(null, "T1", "U2").orElseThrow().sealed());

        assertTrue(installs.deleteInstaller(null, "T1", "U2"));
        assertFalse(installs.deleteInstaller(null, "T1", "U2"));
        assertTrue(installs.installer(null, "T1", "U2").isEmpty());

        assertEquals(2, installs.deleteAll(null, "T1"));
        assertTrue(installs.bot(null, "T1").isEmpty());
        assertTrue(installs.installer(null, "T1", "U1").isEmpty());
        assertTrue(installs.installer(null, "T2", "U1").isPresent(), "another workspace keeps its grant");
    }

    @Test
    void deletingABotLeavesTheOthers() {
        installs.saveBot(bot(null, "T1", "one"));
        installs.saveBot(bot(null, "T2", "two"));
        assertTrue(installs.deleteBot(null, "T1"));
        assertFalse(installs.deleteBot(null, "T1"));
        assertTrue(installs.bot(null, "T2").isPresent());
    }

    @Test
    void aBotInstallCannotCarryAUserAndEmptyTokensAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> installs.saveBot(new Installation(null, "T1", "U1", false, T0, sealed("x"))));
        assertThrows(IllegalArgumentException.class, () -> new Installation(null, "T1", null, false, T0, new byte[0]));
    }

    @Test
    void aStateIsUsedOnceAndOnlyWhileLive() {
        installs.addState("s-1", T0.plus(Duration.ofMinutes(10)));
        installs.addState("s-2", T0.plus(Duration.ofMinutes(10)));
        assertTrue(installs.stateAvailable("s-1", T0));
        assertFalse(installs.stateAvailable("never-issued", T0));
        assertFalse(installs.stateAvailable(null, T0));

        assertTrue(installs.consumeState("s-1", T0));
        assertFalse(installs.consumeState("s-1", T0), "a state is good for one install");
        assertFalse(installs.stateAvailable("s-1", T0));

        Instant late = T0.plus(Duration.ofMinutes(11));
        assertFalse(installs.stateAvailable("s-2", late));
        assertFalse(installs.consumeState("s-2", late), "an expired state is refused");
    }

    @Test
    void expiredStatesAreSweptWhenNewOnesAreIssued() throws SQLException {
        installs.addState("old", T0.plus(Duration.ofMinutes(10)));
        clock.set(T0.plus(Duration.ofMinutes(20)));
        installs.addState("new", clock.instant().plus(Duration.ofMinutes(10)));
        try (Connection connection = ((JdbcStore) store).dataSource().getConnection();
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT COUNT(*) FROM slack_oauth_states")) {
            rows.next();
            assertEquals(1, rows.getInt(1));
        }
    }

    @Test
    void ofConcurrentCallbacksWithOneStateExactlyOneWins() throws Exception {
        installs.addState("race", T0.plus(Duration.ofMinutes(10)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tries.add(() -> installs.consumeState("race", T0));
            }
            int wins = 0;
            for (Future<Boolean> f : pool.invokeAll(tries)) {
                wins += f.get() ? 1 : 0;
            }
            assertEquals(1, wins);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentSavesOfOneBotLeaveOneRow() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> saves = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String tokens = "v" + i;
                saves.add(() -> {
                    installs.saveBot(bot(null, "TRACE", tokens));
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(saves)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(new String(installs.bot(null, "TRACE").orElseThrow().sealed(), StandardCharsets.UTF_8)
                .startsWith("v"));
    }

    @Test
    void installsSurviveReopeningTheStore() {
        installs.saveBot(bot("E1", null, "org"));
        try (Store again = open(clock)) {
            assertArrayEquals(sealed("org"), again.slackInstallations().bot("E1", null).orElseThrow().sealed());
        }
    }
}
