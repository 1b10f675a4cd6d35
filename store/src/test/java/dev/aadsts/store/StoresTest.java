package dev.aadsts.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.store.Store;
import dev.aadsts.core.store.StoreException;
import dev.aadsts.store.testing.PostgresServer;
import dev.aadsts.store.testing.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing and opening a store from the environment. */
class StoresTest {

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = PostgresServer.shared().createDatabase();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void withoutDatabaseUrlTheStoreIsEmbeddedInTheDataDirectoryWhichIsCreated(@TempDir Path tmp) {
        Path dataDir = tmp.resolve("var/aadsts");
        try (Store store = Stores.open(Map.of("DATA_DIR", dataDir.toString(), "DATABASE_URL", " "))) {
            assertEquals("embedded H2 at " + dataDir.toAbsolutePath(), store.describe());
            assertTrue(store.seenEvents().firstSighting("Ev1", Duration.ofMinutes(1)));
        }
        assertTrue(Files.isRegularFile(dataDir.resolve("aadsts-bot.mv.db")));
    }

    @Test
    void databaseUrlWinsOverTheDataDirectory(@TempDir Path tmp) {
        try (Store store = Stores.open(Map.of("DATABASE_URL", database.url(), "DATA_DIR", tmp.toString()))) {
            assertTrue(store.describe().startsWith("PostgreSQL "), store.describe());
            assertTrue(store.describe().endsWith("/" + database.database()), store.describe());
            assertFalse(store.describe().contains(database.password()));
            assertTrue(store.seenEvents().firstSighting("Ev1", Duration.ofMinutes(1)));
        }
        try (Store store = Stores.open(Map.of("DATABASE_URL", database.url()))) {
            assertFalse(store.seenEvents().firstSighting("Ev1", Duration.ofMinutes(1)), "same database");
        }
    }

    @Test
    void aJdbcUrlWithCredentialsInItsQueryWorksToo() {
        String url = database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?") + "user="
                + encode(database.user()) + "&password=" + encode(database.password());
        try (Store store = Stores.postgres(url)) {
            assertFalse(store.describe().contains(database.password()));
            assertEquals(0, store.alertGroups().storedAlerts());
        }
    }

    @Test
    void aMalformedDatabaseUrlIsRejectedWithoutThePassword() {
        StoreException e = assertThrows(StoreException.class,
                () -> Stores.open(Map.of("DATABASE_URL", "mysql://bot:hunter2@db.example/bot")));
        assertTrue(e.getMessage().contains("DATABASE_URL"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void aWrongPasswordFailsAtOpenWithoutEchoingIt() {
        String wrong = database.url().replaceFirst(":[^:@/]+@", ":wrong-hunter2@");
        StoreException e = assertThrows(StoreException.class, () -> Stores.postgres(wrong));
        assertTrue(e.getMessage().startsWith("Cannot open PostgreSQL "), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("hunter2"), t.toString());
        }
    }

    @Test
    void anUnreachableServerFailsAtOpen() {
        StoreException e = assertThrows(StoreException.class,
                () -> Stores.postgres("postgres://bot:hunter2@127.0.0.1:1/bot"));
        assertTrue(e.getMessage().startsWith("Cannot open PostgreSQL 127.0.0.1:1/bot"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void aSecondProcessCannotOpenTheEmbeddedDatabase(@TempDir Path tmp) throws Exception {
        secondProcessIsRefused(tmp, "now");
    }

    @Test
    void aSecondProcessOpeningAheadAsServeDoesIsRefusedWithTheSameMessage(@TempDir Path tmp) throws Exception {
        secondProcessIsRefused(tmp, "ahead");
    }

    private static void secondProcessIsRefused(Path tmp, String how) throws Exception {
        Store owner = Stores.embedded(tmp);
        try {
            ProcessBuilder other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), OpenEmbeddedStore.class.getName(), tmp.toString(),
                    how).redirectErrorStream(true);
            Process process = other.start();
            String output = new String(process.getInputStream().readAllBytes());
            process.waitFor();
            assertEquals(3, process.exitValue(), output);
            assertTrue(output.contains("aadsts-bot is already running (pid " + ProcessHandle.current().pid() + ")"),
                    output);
            assertTrue(output.contains("set DATA_DIR to another folder"), output);
            assertFalse(output.contains("DATABASE_URL"), output);
        } finally {
            owner.close();
        }
        assertFalse(Files.exists(tmp.resolve(PidFile.NAME)), "the pid file goes when the store closes");
    }

    /** Run in a second JVM by the tests above: opens the store now, or "ahead" as serve does. */
    static final class OpenEmbeddedStore {
        public static void main(String[] args) {
            try {
                if (args[1].equals("ahead")) {
                    Stores.beginOpening(Map.of("DATA_DIR", args[0])).finish().close();
                } else {
                    Stores.embedded(Path.of(args[0])).close();
                }
                System.exit(0);
            } catch (StoreException e) {
                System.out.println(e.getMessage());
                System.exit(3);
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
