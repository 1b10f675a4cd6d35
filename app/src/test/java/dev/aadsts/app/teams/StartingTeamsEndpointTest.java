package dev.aadsts.app.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.BotCore;
import dev.aadsts.core.store.Store;
import dev.aadsts.store.Stores;
import dev.aadsts.teams.TeamsEndpoint;
import dev.aadsts.teams.TeamsSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Teams endpoint built beside the server's start: not ready until built, and its failure still surfaces. */
class StartingTeamsEndpointTest {
    private static final TeamsSettings EMULATOR = TeamsSettings.fromEnv(Map.of());

    @Test
    void notReadyUntilBuiltThenEveryCallReachesTheRealEndpoint(@TempDir Path dataDir) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try (Store store = Stores.embedded(dataDir)) {
            BotCore core = BotCore.load();
            StartingTeamsEndpoint teams = StartingTeamsEndpoint.start(EMULATOR, () -> {
                awaitQuietly(gate);
                return TeamsEndpoint.create(EMULATOR, core, store);
            });
            assertFalse(teams.ready(), "still building");
            assertSame(EMULATOR, teams.settings(), "known without waiting");

            gate.countDown();
            TeamsEndpoint built = teams.await();
            assertTrue(teams.ready());
            assertEquals(built.counters(), teams.counters());
            assertEquals(400, teams.handle(null, "not an activity".getBytes(java.nio.charset.StandardCharsets.UTF_8)).status());
            teams.close();
        }
    }

    @Test
    void aFailedBuildIsThrownToWhoeverWaitsAndLeavesNothingToClose() {
        StartingTeamsEndpoint teams = StartingTeamsEndpoint.start(EMULATOR, () -> {
            throw new IllegalStateException("the SDK refused");
        });
        IllegalStateException thrown = assertThrows(IllegalStateException.class, teams::await);
        assertEquals("the SDK refused", thrown.getMessage());
        assertFalse(teams.ready(), "never ready");
        teams.close();
    }

    private static void awaitQuietly(CountDownLatch gate) {
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
