package dev.aadsts.store;

import dev.aadsts.core.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Creates the schema of a brand-new embedded database without Flyway. Loading Flyway (its plugins, its
 * configuration, its scan of the class path, its validation) costs more of the very first start than the seven
 * scripts themselves; on an empty H2 file there is nothing for it to check. This runs the same scripts in order
 * and writes {@code flyway_schema_history} row for row as Flyway 11 does (same table, same descriptions and
 * checksums, the same "table created" marker row), so every later Flyway run on the file validates and migrates
 * it as its own; {@code FreshSchemaTest} compares both against a database Flyway created.
 *
 * <p>Only for an embedded database with no table at all and a contiguous run of migrations ending at
 * {@link SchemaVersion#CURRENT}; anything else goes through Flyway. One process owns an H2 file, so no other
 * can migrate it meanwhile (PostgreSQL keeps Flyway, whose lock protects replicas starting together). Like
 * Flyway on H2, where DDL commits as it runs, each script is recorded once it has run: a start killed half-way
 * leaves what Flyway would leave, and the next start hands that to Flyway.
 */
final class FreshSchema {
    static final String HISTORY = "\"flyway_schema_history\"";

    // Flyway 11's history table for H2, as it creates it.
    private static final String CREATE_HISTORY = "CREATE TABLE " + HISTORY + " ("
            + "\"installed_rank\" INT NOT NULL, "
            + "\"version\" VARCHAR(50), "
            + "\"description\" VARCHAR(200) NOT NULL, "
            + "\"type\" VARCHAR(20) NOT NULL, "
            + "\"script\" VARCHAR(1000) NOT NULL, "
            + "\"checksum\" INT, "
            + "\"installed_by\" VARCHAR(100) NOT NULL, "
            + "\"installed_on\" TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL, "
            + "\"execution_time\" INT NOT NULL, "
            + "\"success\" BOOLEAN NOT NULL, "
            + "CONSTRAINT \"flyway_schema_history_pk\" PRIMARY KEY (\"installed_rank\"))";
    private static final String INDEX_HISTORY = "CREATE INDEX \"flyway_schema_history_s_idx\" ON " + HISTORY
            + " (\"success\")";
    private static final String RECORD = "INSERT INTO " + HISTORY + " (\"installed_rank\", \"version\", "
            + "\"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") "
            + "VALUES (?, ?, ?, ?, ?, ?, USER(), ?, ?)";
    // Flyway's first row, written when it creates the table (rank -1, no version).
    private static final String TABLE_CREATED = "<< Flyway Schema History table created >>";

    private FreshSchema() {
    }

    /** What a failed {@link #createIfEmpty} is reported as, wherever it ran. */
    static StoreException failed(String description, Exception e) {
        return new StoreException("Cannot create the schema of " + description + ": " + e.getMessage(), e);
    }

    /**
     * Creates the schema when the database is empty and this build's migrations allow it.
     *
     * @return false when nothing was done and Flyway must run instead
     * @throws SQLException a migration failed (recorded as failed, as Flyway would, so the next start says so)
     */
    static boolean createIfEmpty(DataSource dataSource, String migrationFolder) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return createIfEmpty(connection, migrationFolder);
        }
    }

    /** As {@link #createIfEmpty(DataSource, String)}, on a connection the caller keeps (auto-commit on). */
    static boolean createIfEmpty(Connection connection, String migrationFolder) throws SQLException {
        if (!isEmpty(connection)) {
            return false;
        }
        List<MigrationScript> scripts = MigrationScript.in(migrationFolder, FreshSchema.class.getClassLoader());
        if (!isContiguousToCurrent(scripts)) {
            return false;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE_HISTORY);
            statement.execute(INDEX_HISTORY);
        }
        try (PreparedStatement record = connection.prepareStatement(RECORD)) {
            insert(record, -1, null, TABLE_CREATED, "TABLE", "", null, 0, true);
            int rank = 1;
            for (MigrationScript script : scripts) {
                run(connection, record, rank++, script);
            }
        }
        return true;
    }

    private static void run(Connection connection, PreparedStatement record, int rank, MigrationScript script)
            throws SQLException {
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            // H2 runs every statement of a script given in one call, with its own parser.
            statement.execute(script.sql());
        } catch (SQLException e) {
            insert(record, rank, script, millisSince(started), false);
            throw new SQLException("migration " + script.script() + " failed: " + e.getMessage(), e);
        }
        insert(record, rank, script, millisSince(started), true);
    }

    private static boolean isEmpty(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = CURRENT_SCHEMA")) {
            return row.next() && row.getLong(1) == 0;
        }
    }

    private static boolean isContiguousToCurrent(List<MigrationScript> scripts) {
        for (int i = 0; i < scripts.size(); i++) {
            if (scripts.get(i).version() != i + 1) {
                return false;
            }
        }
        return scripts.size() == SchemaVersion.CURRENT;
    }

    private static void insert(PreparedStatement record, int rank, MigrationScript script, int millis,
            boolean success) throws SQLException {
        insert(record, rank, Integer.toString(script.version()), script.description(), "SQL", script.script(),
                script.checksum(), millis, success);
    }

    private static void insert(PreparedStatement record, int rank, String version, String description, String type,
            String scriptName, Integer checksum, int millis, boolean success) throws SQLException {
        record.setInt(1, rank);
        record.setString(2, version);
        record.setString(3, description);
        record.setString(4, type);
        record.setString(5, scriptName);
        if (checksum == null) {
            record.setNull(6, java.sql.Types.INTEGER);
        } else {
            record.setInt(6, checksum);
        }
        record.setInt(7, millis);
        record.setBoolean(8, success);
        record.executeUpdate();
    }

    private static int millisSince(long nanos) {
        return (int) ((System.nanoTime() - nanos) / 1_000_000);
    }
}
