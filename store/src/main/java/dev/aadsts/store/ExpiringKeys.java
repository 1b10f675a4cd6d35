package dev.aadsts.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keys that may be used once while they are kept: Slack event ids (a retried event is answered once) and
 * share buttons (a replayed click posts once). The table's primary key decides which of two concurrent
 * callers wins, on one instance or several.
 */
final class ExpiringKeys {

    /** Where the keys live: the table, its key column and the column for when a key was first used. */
    record Table(String name, String keyColumn, String usedAtColumn) {
        static final Table SEEN_EVENTS = new Table("seen_events", "event_key", "seen_at");
        static final Table SHARE_CLAIMS = new Table("share_claims", "share_id", "claimed_at");
    }

    private final Jdbc jdbc;
    private final Dialect dialect;
    private final InProcessWriteLock writeLock;
    private final Clock clock;
    // Expired keys of others are swept at most this often; the key being asked about is checked every call.
    private final Duration sweepInterval;
    private final AtomicReference<Instant> nextSweep = new AtomicReference<>(Instant.MIN);
    private final String upsert;
    private final String deleteExpiredKey;
    private final String insert;
    private final String sweep;

    ExpiringKeys(Jdbc jdbc, Dialect dialect, InProcessWriteLock writeLock, Clock clock, Table table,
            Duration sweepInterval) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.writeLock = writeLock;
        this.clock = clock;
        this.sweepInterval = sweepInterval;
        String t = table.name();
        String key = table.keyColumn();
        String usedAt = table.usedAtColumn();
        this.insert = "INSERT INTO " + t + " (" + key + ", " + usedAt + ", expires_at) VALUES (?, ?, ?)";
        // Inserts, or takes over an expired row; either way one row changes. A live row changes nothing.
        this.upsert = insert + " ON CONFLICT (" + key + ") DO UPDATE SET " + usedAt + " = EXCLUDED." + usedAt
                + ", expires_at = EXCLUDED.expires_at WHERE " + t + ".expires_at <= EXCLUDED." + usedAt;
        this.deleteExpiredKey = "DELETE FROM " + t + " WHERE " + key + " = ? AND expires_at <= ?";
        this.sweep = "DELETE FROM " + t + " WHERE expires_at <= ?";
    }

    /**
     * True the first time {@code key} is used within {@code keepFor}, false while an earlier use is kept.
     * Atomic across threads and instances.
     */
    boolean firstUse(String key, Duration keepFor) {
        Objects.requireNonNull(key, "key");
        Instant now = clock.instant();
        Instant expires = now.plus(keepFor);
        return writeLock.run(() -> jdbc.call("record first use of a key", connection -> {
            sweepIfDue(connection, now);
            return dialect.hasOnConflict()
                    ? upsert(connection, key, now, expires)
                    : replaceExpiredThenInsert(connection, key, now, expires);
        }));
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

    private void sweepIfDue(Connection connection, Instant now) throws SQLException {
        Instant due = nextSweep.get();
        if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(sweepInterval))) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(sweep)) {
            Jdbc.setInstant(delete, 1, now);
            delete.executeUpdate();
        }
    }
}
