package dev.aadsts.store;

import dev.aadsts.core.store.Silences;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

final class JdbcSilences implements Silences {

    private final Jdbc jdbc;
    private final Clock clock;

    JdbcSilences(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void mute(String target, String code, Instant until, String mutedBy) {
        Instant mutedAt = clock.instant();
        jdbc.call("mute " + code + " for " + target, connection -> {
            if (update(connection, target, code, until, mutedBy, mutedAt)) {
                return null;
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO silences (target, code, muted_until, muted_by, muted_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, target);
                insert.setString(2, code);
                Jdbc.setInstant(insert, 3, until);
                insert.setString(4, mutedBy);
                Jdbc.setInstant(insert, 5, mutedAt);
                insert.executeUpdate();
            } catch (SQLException e) {
                // Someone muted the same code at the same moment; the later word wins, as with any replacement.
                if (!Jdbc.isUniqueViolation(e) || !update(connection, target, code, until, mutedBy, mutedAt)) {
                    throw e;
                }
            }
            return null;
        });
    }

    @Override
    public Optional<Instant> mutedUntil(String target, String code, Instant now) {
        return jdbc.call("read silence of " + code + " for " + target, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT muted_until FROM silences WHERE target = ? AND code = ? AND muted_until > ?")) {
                select.setString(1, target);
                select.setString(2, code);
                Jdbc.setInstant(select, 3, now);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(Jdbc.getInstant(row, "muted_until")) : Optional.empty();
                }
            }
        });
    }

    private static boolean update(Connection connection, String target, String code, Instant until, String mutedBy,
            Instant mutedAt) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE silences SET muted_until = ?, muted_by = ?, muted_at = ? WHERE target = ? AND code = ?")) {
            Jdbc.setInstant(update, 1, until);
            update.setString(2, mutedBy);
            Jdbc.setInstant(update, 3, mutedAt);
            update.setString(4, target);
            update.setString(5, code);
            return update.executeUpdate() > 0;
        }
    }
}
