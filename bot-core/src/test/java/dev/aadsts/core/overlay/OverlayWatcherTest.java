package dev.aadsts.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.BotCore;
import dev.aadsts.core.TestCore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlayWatcherTest {
    @TempDir
    Path dir;

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aChangedFileIsReloadedAndABrokenOneKeepsThePreviousOverlay() throws Exception {
        Files.writeString(dir.resolve("org.yaml"), "organization: Contoso\nrules:\n  - codes: [50011]\n    note: one\n");
        OverlayLoader loader = new OverlayLoader(TestCore.get().catalog());
        BotCore core = new BotCore(TestCore.get().catalog());
        core.useOverlay(loader.load(dir));
        try (OverlayWatcher watcher = OverlayWatcher.start(dir, loader, core::useOverlay)) {
            assertEquals(List.of("one"), core.cards().forCode("50011").organization().notes());

            Files.writeString(dir.resolve("org.yaml"), "organization: Contoso\nrules:\n  - codes: [50011]\n    note: two\n");
            waitFor(() -> watcher.reloads() >= 1, "the edit is picked up");
            assertEquals(List.of("two"), core.cards().forCode("50011").organization().notes());

            Files.writeString(dir.resolve("org.yaml"), "organization: Contoso\nrules:\n  - codes: [50011]\n    nte: x\n");
            waitFor(() -> watcher.failures() >= 1, "the broken edit is refused");
            assertTrue(watcher.lastProblem().contains("org.yaml:4: unknown field 'nte'"), watcher.lastProblem());
            assertEquals(List.of("two"), core.cards().forCode("50011").organization().notes(), "previous kept");

            Files.delete(dir.resolve("org.yaml"));
            waitFor(() -> core.cards().forCode("50011").organization() == null, "removing the file removes notes");
        }
    }
}
