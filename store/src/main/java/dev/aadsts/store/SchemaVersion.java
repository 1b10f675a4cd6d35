package dev.aadsts.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Whether a database already has every migration this build ships, read with one query. Loading and running
 * Flyway costs about half a second of a start on two cores (its classes, a scan of the jar for migration files,
 * a validation), only to find on nearly every start that there is nothing to do. A database at the newest
 * version with no failed migration recorded skips it; a new, empty embedded database gets its schema from
 * {@link FreshSchema}; anything else (a new PostgreSQL database, an older schema, a failed migration, a version
 * this build does not know) goes through Flyway as before.
 */
final class SchemaVersion {
    /** The newest migration under db/migration/{h2,postgresql}; {@code SchemaVersionTest} keeps them in step. */
    static final int CURRENT = 7;

    private static final String QUERY = "SELECT MAX(CAST(\"version\" AS INTEGER)), "
            + "SUM(CASE WHEN \"success\" THEN 0 ELSE 1 END) FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL";

    private SchemaVersion() {
    }

    static boolean isCurrent(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return isCurrent(connection);
        } catch (SQLException noConnection) {
            return false;
        }
    }

    /** As {@link #isCurrent(DataSource)}, on a connection the caller keeps. */
    static boolean isCurrent(Connection connection) {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(QUERY)) {
            return row.next() && row.getInt(1) == CURRENT && !row.wasNull() && row.getLong(2) == 0;
        } catch (SQLException noHistoryYet) {
            // A new database has no history table; a version that is not a whole number is not ours to judge.
            return false;
        }
    }
}
