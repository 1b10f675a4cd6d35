package dev.aadsts.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Keys that may be used once while they are kept: Slack event ids (a retried event is answered once), share
 * buttons (a replayed click posts once) and codes answered per thread (a second paste is not answered). The
 * table's primary key decides which of two concurrent callers wins, on one instance or several. Expired rows
 * stay until {@link ExpiryCleanup} removes them; until then they count as unused.
 */
final class ExpiringKeys {

    private final Jdbc jdbc;
    private final Dialect dialect;
    private final InProcessWriteLock writeLock;
    private final Clock clock;
    private final String upsert;
    private final String deleteExpiredKey;
    private final String insert;
    private final String kept;

    ExpiringKeys(Jdbc jdbc, Dialect dialect, InProcessWriteLock writeLock, Clock clock, ExpiringTable table) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.writeLock = writeLock;
        this.clock = clock;
        String t = table.name();
        String key = table.keyColumn();
        String usedAt = table.writtenAtColumn();
        this.insert = "INSERT INTO " + t + " (" + key + ", " + usedAt + ", expires_at) VALUES (?, ?, ?)";
        // Inserts, or takes over an expired row; either way one row changes. A live row changes nothing.
        this.upsert = insert + " ON CONFLICT (" + key + ") DO UPDATE SET " + usedAt + " = EXCLUDED." + usedAt
                + ", expires_at = EXCLUDED.expires_at WHERE " + t + ".expires_at <= EXCLUDED." + usedAt;
        this.deleteExpiredKey = "DELETE FROM " + t + " WHERE " + key + " = ? AND expires_at <= ?";
        this.kept = "SELECT 1 FROM " + t + " WHERE " + key + " = ? AND expires_at > ?";
    }

    /**
     * True the first time {@code key} is used within {@code keepFor}, false while an earlier use is kept.
     * Atomic across threads and instances.
     */
    boolean firstUse(String key, Duration keepFor) {
        Objects.requireNonNull(key, "key");
        return writeLock.run(() -> jdbc.call("record first use of a key", connection -> firstUse(connection, key,
                keepFor)));
    }

    /**
     * {@link #firstUse(String, Duration)} on the caller's connection, inside its transaction: for writes that must
     * be kept together with others (an event's id with the reply it is owed). On the embedded store the caller
     * holds the write lock.
     */
    boolean firstUse(Connection connection, String key, Duration keepFor) throws SQLException {
        Objects.requireNonNull(key, "key");
        Instant now = clock.instant();
        Instant expires = now.plus(keepFor);
        return dialect.hasOnConflict()
                ? upsert(connection, key, now, expires)
                : replaceExpiredThenInsert(connection, key, now, expires);
    }

    /** Whether {@code key} was used and its use is still kept; changes nothing. */
    boolean isKept(String key) {
        Objects.requireNonNull(key, "key");
        Instant now = clock.instant();
        return jdbc.call("look up a key", connection -> {
            try (PreparedStatement select = connection.prepareStatement(kept)) {
                select.setString(1, key);
                Jdbc.setInstant(select, 2, now);
                try (ResultSet row = select.executeQuery()) {
                    return row.next();
                }
            }
        });
    }

    private boolean upsert(Connection connection, String key, Instant now, Instant expires) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(upsert)) {
            statement.setString(1, key);
            Jdbc.setInstant(statement, 2, now);
            Jdbc.setInstant(statement, 3, expires);
            return statement.executeUpdate() == 1;
        }
    }

    private boolean replaceExpiredThenInsert(Connection connection, String key, Instant now, Instant expires)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(deleteExpiredKey)) {
            delete.setString(1, key);
            Jdbc.setInstant(delete, 2, now);
            delete.executeUpdate();
        }
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            statement.setString(1, key);
            Jdbc.setInstant(statement, 2, now);
            Jdbc.setInstant(statement, 3, expires);
            statement.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }
}
