package dev.aadsts.store;

import dev.aadsts.core.store.PendingReplies;
import dev.aadsts.core.store.PendingReply;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@link PendingReplies} in the {@code pending_replies} table; claims lease rows like alert groups do. */
final class JdbcPendingReplies implements PendingReplies {
    private static final String COLUMNS = "reply_key, platform, workspace, target, payload, created_at, lease_until";

    private final Jdbc jdbc;
    private final Dialect dialect;
    private final InProcessWriteLock writeLock;
    // Replies are recorded on the request thread and forgotten as they are delivered, many a second each way:
    // concurrent ones share a commit.
    private final BatchedCommits<PendingReply, Boolean> adds;
    private final BatchedCommits<String, Boolean> removes;
    /**
     * A delivered reply is forgotten within this long, together with the others delivered meanwhile. A crash in
     * between sends that reply again after the restart; before, the same could happen in the moment between
     * Slack's answer and the delete's commit, which was a commit of its own for every reply.
     */
    static final Duration FORGET_WITHIN = Duration.ofMillis(100);

    JdbcPendingReplies(Jdbc jdbc, Dialect dialect, InProcessWriteLock writeLock) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.writeLock = writeLock;
        this.adds = new BatchedCommits<>(jdbc, writeLock, "record pending replies", this::insert);
        this.removes = new BatchedCommits<>(jdbc, writeLock, "forget delivered replies", JdbcPendingReplies::delete);
    }

    @Override
    public boolean add(PendingReply reply) {
        return adds.submit(reply);
    }

    /** Records each reply not yet recorded, on the caller's connection and inside its transaction. */
    List<Boolean> insert(Connection connection, List<PendingReply> replies) throws SQLException {
        // A key already there is left alone (update count 0); on PostgreSQL a failed insert would end the batch.
        String sql = dialect.hasOnConflict()
                ? "INSERT INTO pending_replies (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (reply_key) DO NOTHING"
                : "INSERT INTO pending_replies (" + COLUMNS + ") SELECT ?, ?, ?, ?, ?, ?, ? FROM DUAL"
                        + " WHERE NOT EXISTS (SELECT 1 FROM pending_replies WHERE reply_key = ?)";
        List<Boolean> added = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (PendingReply reply : replies) {
                insert.setString(1, reply.key());
                insert.setString(2, reply.platform());
                insert.setString(3, reply.workspace());
                insert.setString(4, reply.target());
                insert.setString(5, reply.payload());
                Jdbc.setInstant(insert, 6, reply.createdAt());
                Jdbc.setInstant(insert, 7, reply.leaseUntil());
                if (!dialect.hasOnConflict()) {
                    insert.setString(8, reply.key());
                }
                // One at a time: two replies in one batch may share a key, and each must learn whether it won.
                added.add(insert.executeUpdate() == 1);
            }
        }
        return added;
    }

    @Override
    public List<PendingReply> claimExpired(String platform, Instant now, Duration lease, int max) {
        Objects.requireNonNull(platform, "platform");
        if (max <= 0) {
            return List.of();
        }
        Instant until = now.plus(lease);
        removes.flush();
        return writeLock.run(() -> jdbc.transaction("claim pending replies", connection -> {
            List<PendingReply> expired = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM pending_replies WHERE platform = ? AND lease_until <= ? ORDER BY created_at, reply_key"
                    + " LIMIT ?" + dialect.forUpdateSkipLocked())) {
                select.setString(1, platform);
                Jdbc.setInstant(select, 2, now);
                select.setInt(3, max);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        expired.add(new PendingReply(row.getString("reply_key"), row.getString("platform"),
                                row.getString("workspace"), row.getString("target"), row.getString("payload"),
                                Jdbc.getInstant(row, "created_at"), Jdbc.storable(until)));
                    }
                }
            }
            if (expired.isEmpty()) {
                return List.of();
            }
            try (PreparedStatement claim = connection.prepareStatement(
                    "UPDATE pending_replies SET lease_until = ? WHERE reply_key = ?")) {
                for (PendingReply reply : expired) {
                    Jdbc.setInstant(claim, 1, until);
                    claim.setString(2, reply.key());
                    claim.addBatch();
                }
                claim.executeBatch();
            }
            return expired;
        }));
    }

    @Override
    public void renew(java.util.Collection<String> keys, Instant until) {
        if (keys.isEmpty()) {
            return;
        }
        writeLock.run(() -> jdbc.transaction("renew pending reply leases", connection -> {
            try (PreparedStatement renew = connection.prepareStatement(
                    "UPDATE pending_replies SET lease_until = ? WHERE reply_key = ?")) {
                for (String key : keys) {
                    Jdbc.setInstant(renew, 1, until);
                    renew.setString(2, key);
                    renew.addBatch();
                }
                return renew.executeBatch().length;
            }
        }));
    }

    /**
     * Only one process opens the embedded file, so whoever held a lease in it has stopped: every owed reply is
     * free to be claimed at once instead of when its lease would have run out.
     */
    void releaseAllLeases(Instant now) {
        writeLock.run(() -> jdbc.call("release the leases of a stopped process", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE pending_replies SET lease_until = ? WHERE lease_until > ?")) {
                Jdbc.setInstant(update, 1, now);
                Jdbc.setInstant(update, 2, now);
                return update.executeUpdate();
            }
        }));
    }

    @Override
    public void remove(String key) {
        removes.submitLater(key, FORGET_WITHIN);
    }

    /** Commits the removals still deferred (before the store closes). */
    void flushDeferred() {
        removes.flush();
    }

    private static List<Boolean> delete(Connection connection, List<String> keys) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM pending_replies WHERE reply_key = ?")) {
            for (String key : keys) {
                delete.setString(1, key);
                delete.addBatch();
            }
            delete.executeBatch();
        }
        return java.util.Collections.nCopies(keys.size(), Boolean.TRUE);
    }

    @Override
    public void postpone(String key, Instant retryAt) {
        writeLock.run(() -> jdbc.call("postpone a pending reply", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE pending_replies SET lease_until = ? WHERE reply_key = ?")) {
                Jdbc.setInstant(update, 1, retryAt);
                update.setString(2, key);
                return update.executeUpdate();
            }
        }));
    }

    @Override
    public long count(String platform) {
        removes.flush();
        return jdbc.call("count pending replies", connection -> {
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT COUNT(*) FROM pending_replies WHERE platform = ?")) {
                count.setString(1, platform);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }
}
