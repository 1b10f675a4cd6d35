package dev.aadsts.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.store.Store;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Start skips Flyway only for a database that already has every migration this build ships. */
class SchemaVersionTest {
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.+\\.sql");

    @ParameterizedTest
    @ValueSource(strings = {"db/migration/h2", "db/migration/postgresql"})
    void currentIsTheNewestMigrationOfEachDialect(String folder) throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getClassLoader().getResource(folder).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            int newest = files.map(f -> VERSIONED.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches).mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
            assertEquals(newest, SchemaVersion.CURRENT, "SchemaVersion.CURRENT must name the newest migration");
        }
    }

    @Test
    void aNewDatabaseIsMigratedAndThenFoundCurrent(@TempDir Path dataDir) throws SQLException {
        try (Store store = Stores.open(Map.of("DATA_DIR", dataDir.toString()))) {
            assertTrue(SchemaVersion.isCurrent(((JdbcStore) store).dataSource()));
            assertTrue(store.seenEvents().firstSighting("Ev1", Duration.ofMinutes(1)));
        }
        // Reopened without Flyway: the data and the schema are there.
        try (Store store = Stores.open(Map.of("DATA_DIR", dataDir.toString()))) {
            assertFalse(store.seenEvents().firstSighting("Ev1", Duration.ofMinutes(1)), "same database");
        }
    }

    @Test
    void anOlderSchemaGoesThroughFlywayAgain(@TempDir Path dataDir) throws SQLException {
        try (Store store = Stores.open(Map.of("DATA_DIR", dataDir.toString()));
                Connection connection = ((JdbcStore) store).dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            // As if the newest migration (V7, the audit's outcome column) had not run yet.
            statement.executeUpdate("ALTER TABLE signin_audit DROP COLUMN outcome");
            statement.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '"
                    + SchemaVersion.CURRENT + "'");
            assertFalse(SchemaVersion.isCurrent(((JdbcStore) store).dataSource()));
        }
        try (Store store = Stores.open(Map.of("DATA_DIR", dataDir.toString()))) {
            assertTrue(SchemaVersion.isCurrent(((JdbcStore) store).dataSource()), "migrated again");
        }
    }
}
