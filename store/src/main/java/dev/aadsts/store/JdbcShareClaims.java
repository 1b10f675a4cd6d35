package dev.aadsts.store;

import dev.aadsts.core.store.ShareClaims;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** Insert-if-absent on the share's id: the primary key decides which of two clicks posts. */
final class JdbcShareClaims implements ShareClaims {

    // Expired claims are swept at most this often; the claim being made checks its own row every time.
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(10);

    private final Jdbc jdbc;
    private final InProcessWriteLock writeLock;
    private final Clock clock;
    private final AtomicReference<Instant> nextSweep = new AtomicReference<>(Instant.MIN);

    JdbcShareClaims(Jdbc jdbc, InProcessWriteLock writeLock, Clock clock) {
        this.jdbc = jdbc;
        this.writeLock = writeLock;
        this.clock = clock;
    }

    @Override
    public boolean claim(String shareId, Duration keepFor) {
        Objects.requireNonNull(shareId, "shareId");
        Instant now = clock.instant();
        return writeLock.run(() -> jdbc.call("claim share " + shareId, connection -> {
            sweepIfDue(connection, now);
            try (PreparedStatement expired = connection.prepareStatement(
                    "DELETE FROM share_claims WHERE share_id = ? AND expires_at <= ?")) {
                expired.setString(1, shareId);
                Jdbc.setInstant(expired, 2, now);
                expired.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO share_claims (share_id, claimed_at, expires_at) VALUES (?, ?, ?)")) {
                insert.setString(1, shareId);
                Jdbc.setInstant(insert, 2, now);
                Jdbc.setInstant(insert, 3, now.plus(keepFor));
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (Jdbc.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        }));
    }

    private void sweepIfDue(Connection connection, Instant now) throws SQLException {
        Instant due = nextSweep.get();
        if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(SWEEP_INTERVAL))) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM share_claims WHERE expires_at <= ?")) {
            Jdbc.setInstant(delete, 1, now);
            delete.executeUpdate();
        }
    }
}
