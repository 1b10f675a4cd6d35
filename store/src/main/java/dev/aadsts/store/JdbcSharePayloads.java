package dev.aadsts.store;

import dev.aadsts.core.store.SharePayloads;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Share payloads in {@code share_payloads}; {@link ExpiryCleanup} removes the expired ones. */
final class JdbcSharePayloads implements SharePayloads {

    private static final String INSERT = "INSERT INTO share_payloads (share_id, payload, created_at, expires_at)"
            + " VALUES (?, ?, ?, ?)";
    private static final String FIND = "SELECT payload FROM share_payloads WHERE share_id = ? AND expires_at > ?";

    private final Jdbc jdbc;
    private final Clock clock;

    JdbcSharePayloads(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void save(String shareId, String payload, Duration keepFor) {
        Objects.requireNonNull(shareId, "shareId");
        Objects.requireNonNull(payload, "payload");
        Instant now = clock.instant();
        jdbc.call("save a share payload", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, shareId);
                insert.setString(2, payload);
                Jdbc.setInstant(insert, 3, now);
                Jdbc.setInstant(insert, 4, now.plus(keepFor));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<String> find(String shareId) {
        if (shareId == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return jdbc.call("read a share payload", connection -> {
            try (PreparedStatement select = connection.prepareStatement(FIND)) {
                select.setString(1, shareId);
                Jdbc.setInstant(select, 2, now);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString("payload")) : Optional.empty();
                }
            }
        });
    }
}
