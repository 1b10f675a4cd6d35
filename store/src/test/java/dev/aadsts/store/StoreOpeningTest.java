package dev.aadsts.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.store.Store;
import dev.aadsts.core.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store opened ahead on its own thread ({@code serve}): the same store and the same errors as
 * {@link Stores#open}, and a start abandoned for a bad setting leaves behind nothing it made.
 */
class StoreOpeningTest {

    @Test
    void finishGivesTheStoreWithTheSchemaFlywayWouldHaveMade(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("data");
        try (Store store = Stores.beginOpening(Map.of("DATA_DIR", dataDir.toString())).finish()) {
            assertEquals("embedded H2 at " + dataDir.toAbsolutePath(), store.describe());
            assertTrue(store.seenEvents().firstSighting("Ev1", Duration.ofMinutes(1)));
            assertTrue(store.reachable());
        }
        JdbcDataSource file = new JdbcDataSource();
        file.setURL("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(Stores.EMBEDDED_DATABASE_NAME));
        assertTrue(SchemaVersion.isCurrent(file), "every migration recorded as Flyway records it");
        try (Store again = Stores.beginOpening(Map.of("DATA_DIR", dataDir.toString())).finish()) {
            assertFalse(again.seenEvents().firstSighting("Ev1", Duration.ofMinutes(1)), "same database on a restart");
        }
    }

    @Test
    void abandoningAFirstStartRemovesTheFoldersItCreated(@TempDir Path tmp) {
        Path dataDir = tmp.resolve("var/lib/aadsts");
        StoreOpening opening = Stores.beginOpening(Map.of("DATA_DIR", dataDir.toString()));
        opening.abandon();
        assertFalse(Files.exists(tmp.resolve("var")), "var/, lib/ and aadsts/ were this start's");
        assertTrue(Files.isDirectory(tmp), "the folder that was there stays");
    }

    @Test
    void abandoningAFirstStartInAnExistingFolderRemovesOnlyTheDatabaseFiles(@TempDir Path dataDir) throws Exception {
        Files.writeString(dataDir.resolve("routes.json"), "{}");
        Files.writeString(dataDir.resolve("aadsts-bot.notes"), "the operator's, before this start");
        StoreOpening opening = Stores.beginOpening(Map.of("DATA_DIR", dataDir.toString()));
        opening.abandon();
        assertEquals(List.of("aadsts-bot.notes", "routes.json"), names(dataDir));
    }

    @Test
    void abandoningARestartKeepsTheDatabaseAndItsData(@TempDir Path dataDir) {
        try (Store store = Stores.embedded(dataDir)) {
            assertTrue(store.seenEvents().firstSighting("Ev1", Duration.ofMinutes(1)));
        }
        Stores.beginOpening(Map.of("DATA_DIR", dataDir.toString())).abandon();
        assertTrue(Files.isRegularFile(dataDir.resolve(EmbeddedFile.FILE_NAME)));
        try (Store store = Stores.embedded(dataDir)) {
            assertFalse(store.seenEvents().firstSighting("Ev1", Duration.ofMinutes(1)), "the data is still there");
        }
    }

    @Test
    void aFileH2CannotOpenFailsWithTheMessageOfAnOpenOnTheCallersThreadAndIsNeverRemoved(@TempDir Path dataDir)
            throws Exception {
        byte[] notADatabase = "not an H2 database, but someone's file".getBytes(StandardCharsets.UTF_8);
        Path file = dataDir.resolve(EmbeddedFile.FILE_NAME);
        Files.write(file, notADatabase);

        StoreException direct = assertThrows(StoreException.class, () -> Stores.embedded(dataDir));
        StoreException ahead = assertThrows(StoreException.class,
                () -> Stores.beginOpening(Map.of("DATA_DIR", dataDir.toString())).finish());
        assertTrue(direct.getMessage().startsWith("Cannot open embedded H2 at " + dataDir.toAbsolutePath() + ": "),
                direct.getMessage());
        assertEquals(direct.getMessage(), ahead.getMessage());

        Stores.beginOpening(Map.of("DATA_DIR", dataDir.toString())).abandon();
        assertArrayEquals(notADatabase, Files.readAllBytes(file), "not this start's file: left as it was");
    }

    @Test
    void aPathH2CannotUseFailsAtFinishAsBeforeAndAbandonsQuietly(@TempDir Path tmp) {
        Path dataDir = tmp.resolve("a;b");
        StoreException e = assertThrows(StoreException.class,
                () -> Stores.beginOpening(Map.of("DATA_DIR", dataDir.toString())).finish());
        assertEquals("Cannot open embedded H2 at " + dataDir.toAbsolutePath()
                + ": H2 does not accept ';' in a database path", e.getMessage());
        Stores.beginOpening(Map.of("DATA_DIR", dataDir.toString())).abandon();
        assertFalse(Files.exists(dataDir));
    }

    @Test
    void aFolderThatCannotBeCreatedFailsAtFinishAsBefore(@TempDir Path tmp) throws Exception {
        Path blocker = Files.writeString(tmp.resolve("a-file"), "x");
        StoreException e = assertThrows(StoreException.class,
                () -> Stores.beginOpening(Map.of("DATA_DIR", blocker.resolve("data").toString())).finish());
        assertTrue(e.getMessage().startsWith("Cannot create the data directory " + blocker.resolve("data")),
                e.getMessage());
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
