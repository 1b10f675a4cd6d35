package dev.aadsts.store;

import dev.aadsts.core.store.SeenEvents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

final class JdbcSeenEvents implements SeenEvents {

    // Expired keys of other events are swept at most this often; the key being asked about is checked every call.
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    // Inserts, or takes over an expired row; either way one row changes. A live row changes nothing.
    private static final String UPSERT = "INSERT INTO seen_events (event_key, seen_at, expires_at) VALUES (?, ?, ?)"
            + " ON CONFLICT (event_key) DO UPDATE SET seen_at = EXCLUDED.seen_at, expires_at = EXCLUDED.expires_at"
            + " WHERE seen_events.expires_at <= EXCLUDED.seen_at";

    private final Jdbc jdbc;
    private final Dialect dialect;
    private final InProcessWriteLock writeLock;
    private final Clock clock;
    private final AtomicReference<Instant> nextSweep;

    JdbcSeenEvents(Jdbc jdbc, Dialect dialect, InProcessWriteLock writeLock, Clock clock) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.writeLock = writeLock;
        this.clock = clock;
        this.nextSweep = new AtomicReference<>(Instant.MIN);
    }

    @Override
    public boolean firstSighting(String key, Duration keepFor) {
        Objects.requireNonNull(key, "key");
        Instant now = clock.instant();
        Instant expires = now.plus(keepFor);
        return writeLock.run(() -> jdbc.call("record seen event", connection -> {
            sweepIfDue(connection, now);
            return dialect.hasOnConflict()
                    ? upsert(connection, key, now, expires)
                    : replaceExpiredThenInsert(connection, key, now, expires);
        }));
    }

    private static boolean upsert(Connection connection, String key, Instant now, Instant expires)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setString(1, key);
            Jdbc.setInstant(upsert, 2, now);
            Jdbc.setInstant(upsert, 3, expires);
            return upsert.executeUpdate() == 1;
        }
    }

    private static boolean replaceExpiredThenInsert(Connection connection, String key, Instant now, Instant expires)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM seen_events WHERE event_key = ? AND expires_at <= ?")) {
            delete.setString(1, key);
            Jdbc.setInstant(delete, 2, now);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO seen_events (event_key, seen_at, expires_at) VALUES (?, ?, ?)")) {
            insert.setString(1, key);
            Jdbc.setInstant(insert, 2, now);
            Jdbc.setInstant(insert, 3, expires);
            insert.executeUpdate();
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
        if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(SWEEP_INTERVAL))) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM seen_events WHERE expires_at <= ?")) {
            Jdbc.setInstant(delete, 1, now);
            delete.executeUpdate();
        }
    }
}
