package dev.aadsts.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class H2StoreTest extends StoreContractTest {

    // Not @TempDir: with one test instance per class it is injected only after @BeforeAll opened the store.
    private Path dataDir;

    @Override
    protected Store open(Clock clock) {
        if (dataDir == null) {
            try {
                dataDir = Files.createTempDirectory("aadsts-h2-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Stores.embedded(dataDir, clock);
    }

    @Override
    @AfterAll
    void closeStore() {
        super.closeStore();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theDatabaseIsOneFileInTheDataDirectory() {
        assertTrue(Files.isRegularFile(dataDir.resolve(Stores.EMBEDDED_DATABASE_NAME + ".mv.db")));
        assertEquals("embedded H2 at " + dataDir.toAbsolutePath().normalize(), store.describe());
    }

    @Test
    void reopeningTheEmbeddedFileFreesEveryPendingReplyAtOnce() {
        store.pendingReplies().add(pending("EvCrash", T0, T0.plus(java.time.Duration.ofHours(1))));
        assertEquals(java.util.List.of(), store.pendingReplies().claimExpired("slack", T0, LEASE, 10));
        store.close();
        store = open(clock);
        assertEquals(java.util.List.of("EvCrash"), store.pendingReplies().claimExpired("slack", T0, LEASE, 10)
                .stream().map(r -> r.key()).toList(), "only one process opens the file: the old holder is gone");
    }

    @Test
    void deferredWritesAreCommittedWhenTheStoreCloses() {
        store.pendingReplies().add(pending("EvDeliveredBeforeStop", T0, T0.plus(java.time.Duration.ofHours(1))));
        store.pendingReplies().remove("EvDeliveredBeforeStop");
        store.stats().recordSighting("50011", true, "slack", "TDEFER", T0);
        store.close();
        store = open(clock);
        assertEquals(java.util.List.of(), store.pendingReplies().claimExpired("slack", T0, LEASE, 10)
                .stream().filter(r -> r.key().equals("EvDeliveredBeforeStop")).toList(), "not sent again");
        assertEquals(java.util.List.of(new dev.aadsts.core.stats.CodeCount("50011", 1)),
                store.stats().topCodes(T0, "TDEFER", 5), "counted");
    }
}
