package dev.aadsts.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An empty embedded database gets the schema Flyway would give it, history included, so Flyway takes it over
 * as its own on a later release.
 */
class FreshSchemaTest {

    @Test
    void createsTheSameSchemaAndHistoryAsFlyway(@TempDir Path tmp) throws SQLException {
        JdbcDataSource fresh = h2(tmp.resolve("fresh"));
        JdbcDataSource flyway = h2(tmp.resolve("flyway"));
        assertTrue(FreshSchema.createIfEmpty(fresh, Dialect.H2.migrationFolder()));
        flyway(flyway, Dialect.H2.migrationLocation()).migrate();

        assertEquals(ddl(flyway), ddl(fresh));
        assertEquals(history(flyway), history(fresh));
        assertEquals(SchemaVersion.CURRENT + 1, history(fresh).size(), "the marker row and one per migration");
        assertTrue(SchemaVersion.isCurrent(fresh));
    }

    @Test
    void flywayValidatesTheCreatedSchemaAndMigratesItFurther(@TempDir Path tmp) throws SQLException {
        JdbcDataSource fresh = h2(tmp.resolve("fresh"));
        assertTrue(FreshSchema.createIfEmpty(fresh, Dialect.H2.migrationFolder()));

        flyway(fresh, Dialect.H2.migrationLocation()).validate(); // throws on any checksum or description mismatch
        assertEquals(0, flyway(fresh, Dialect.H2.migrationLocation()).migrate().migrationsExecuted);
        MigrateResult later = flyway(fresh, Dialect.H2.migrationLocation(), "classpath:db/later-release/h2").migrate();
        assertEquals(1, later.migrationsExecuted);
        assertTrue(later.success);
        try (Connection connection = fresh.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO seen_events (event_key, seen_at, expires_at, later_note) "
                    + "VALUES ('Ev1', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'migrated')");
        }
    }

    @Test
    void aDatabaseWithAnyTableIsLeftToFlyway(@TempDir Path tmp) throws SQLException {
        JdbcDataSource db = h2(tmp.resolve("db"));
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE someone_elses (id INT)");
        }
        assertFalse(FreshSchema.createIfEmpty(db, Dialect.H2.migrationFolder()));
        assertEquals(List.of("SOMEONE_ELSES"), tables(db));
    }

    @Test
    void migrationsAreListedFromTheClassPathInVersionOrder() {
        List<MigrationScript> scripts = MigrationScript.in(Dialect.H2.migrationFolder(),
                getClass().getClassLoader());
        assertEquals(SchemaVersion.CURRENT, scripts.size());
        assertEquals("initial schema", scripts.get(0).description());
        assertEquals("V1__initial_schema.sql", scripts.get(0).script());
        for (int i = 0; i < scripts.size(); i++) {
            assertEquals(i + 1, scripts.get(i).version());
        }
    }

    @Test
    void theChecksumIgnoresLineEndingsAndAByteOrderMark() {
        int unix = new MigrationScript(1, "x", "V1__x.sql", "CREATE TABLE a (id INT);\nSELECT 1;\n").checksum();
        assertEquals(unix, new MigrationScript(1, "x", "V1__x.sql", "CREATE TABLE a (id INT);\r\nSELECT 1;\r\n")
                .checksum());
        assertEquals(unix, new MigrationScript(1, "x", "V1__x.sql", "\uFEFFCREATE TABLE a (id INT);\nSELECT 1;")
                .checksum());
    }

    private static JdbcDataSource h2(Path dir) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    private static Flyway flyway(JdbcDataSource dataSource, String... locations) {
        return Flyway.configure().dataSource(dataSource).locations(locations).load();
    }

    private static List<String> ddl(JdbcDataSource dataSource) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SCRIPT NODATA")) {
            while (rows.next()) {
                String line = rows.getString(1);
                if (!line.startsWith("-- ") && !line.startsWith("CREATE USER")) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    /** Every column but the two that depend on when and how fast it ran. */
    private static List<String> history(JdbcDataSource dataSource) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT * FROM " + FreshSchema.HISTORY
                        + " ORDER BY \"installed_rank\"")) {
            ResultSetMetaData columns = row.getMetaData();
            while (row.next()) {
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    String name = columns.getColumnName(i);
                    if (!name.equals("installed_on") && !name.equals("execution_time")) {
                        line.append(name).append('=').append(row.getString(i)).append(' ');
                    }
                }
                rows.add(line.toString());
            }
        }
        return rows;
    }

    private static List<String> tables(JdbcDataSource dataSource) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES "
                        + "WHERE TABLE_SCHEMA = CURRENT_SCHEMA ORDER BY TABLE_NAME")) {
            while (row.next()) {
                names.add(row.getString(1));
            }
        }
        return names;
    }
}
