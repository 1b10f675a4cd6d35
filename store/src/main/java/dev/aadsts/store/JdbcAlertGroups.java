package dev.aadsts.store;

import dev.aadsts.core.store.AlertGroup;
import dev.aadsts.core.store.AlertGroups;
import dev.aadsts.core.store.IncomingAlert;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

final class JdbcAlertGroups implements AlertGroups {

    // Errors come from HTTP clients and can be whole response bodies; the start says what went wrong.
    private static final int ERROR_LIMIT = 2000;

    private static final String SELECT_DUE = "SELECT id FROM alert_groups"
            + " WHERE next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)"
            + " ORDER BY next_attempt_at, id LIMIT ?";

    private static final String DELIVERED = "UPDATE alert_groups SET delivered_count = ?, message_ref = ?,"
            + " posted_at = ?, last_delivered_at = ?,"
            + " next_attempt_at = CASE WHEN alert_count > ? THEN CAST(? AS TIMESTAMP(6) WITH TIME ZONE) END,"
            + " attempts = 0, last_error = NULL, lease_owner = NULL, lease_until = NULL"
            + " WHERE id = ? AND lease_owner = ?";

    private static final String FAILED = "UPDATE alert_groups SET attempts = attempts + 1, last_error = ?,"
            + " next_attempt_at = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?";

    private static final String SKIPPED = "UPDATE alert_groups SET next_attempt_at = NULL, attempts = 0,"
            + " last_error = NULL, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?";

    /**
     * Transactions in flight at once per instance. One: an alert storm hits the same few groups, whose row locks
     * would make a second transaction wait for the first anyway, and one committer lets each batch carry
     * everything that arrived during the previous commit. Replicas still commit side by side.
     */
    static final int COMMITTERS = 1;
    /** A group commit carries at most this many alerts. */
    static final int MAX_BATCH_ALERTS = 1_000;
    /** How long an accept may wait for its turn to commit before it gives up with nothing stored. */
    static final Duration MAX_QUEUE_WAIT = Duration.ofSeconds(10);

    private final Jdbc jdbc;
    private final Dialect dialect;
    private final InProcessWriteLock writeLock;
    private final GroupCommit groupCommit;

    JdbcAlertGroups(Jdbc jdbc, Dialect dialect, InProcessWriteLock writeLock) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.writeLock = writeLock;
        AlertIntake intake = new AlertIntake(dialect);
        this.groupCommit = new GroupCommit(batch -> writeLock.run(() -> jdbc.transaction("accept "
                + batch.stream().mapToInt(s -> s.alerts().size()).sum() + " alert(s)",
                connection -> intake.accept(connection, batch))), COMMITTERS, MAX_BATCH_ALERTS, MAX_QUEUE_WAIT);
    }

    @Override
    public List<Long> accept(List<IncomingAlert> alerts, Instant now, Duration groupWait, Duration groupInterval) {
        if (alerts.isEmpty()) {
            return List.of();
        }
        for (IncomingAlert alert : alerts) {
            Objects.requireNonNull(alert.target(), "alert target");
            Objects.requireNonNull(alert.code(), "alert code");
        }
        return groupCommit.accept(new AlertIntake.Submission(alerts, now, groupWait, groupInterval));
    }

    /** How accepts were batched so far, for tests. */
    GroupCommit groupCommit() {
        return groupCommit;
    }

    @Override
    public List<AlertGroup> claimDue(String owner, Instant now, Duration lease, int max) {
        Objects.requireNonNull(owner, "owner");
        if (max <= 0) {
            return List.of();
        }
        return writeLock.run(() -> jdbc.transaction("claim due alert groups", connection -> {
            List<Long> ids = dueIds(connection, now, max);
            if (ids.isEmpty()) {
                return List.of();
            }
            try (PreparedStatement lock = connection.prepareStatement(
                    "UPDATE alert_groups SET lease_owner = ?, lease_until = ? WHERE id = ?")) {
                for (long id : ids) {
                    lock.setString(1, owner);
                    Jdbc.setInstant(lock, 2, now.plus(lease));
                    lock.setLong(3, id);
                    lock.addBatch();
                }
                lock.executeBatch();
            }
            List<AlertGroup> claimed = select(connection, "WHERE id IN (" + placeholders(ids.size()) + ")",
                    ids.toArray());
            claimed.sort(Comparator.comparing(AlertGroup::nextAttemptAt).thenComparingLong(AlertGroup::id));
            return claimed;
        }));
    }

    @Override
    public boolean delivered(long groupId, String owner, long shownCount, String messageRef, Instant postedAt,
            Instant now, Duration groupInterval) {
        return writeLock.run(() -> jdbc.call("record delivery of alert group " + groupId, connection -> {
            try (PreparedStatement update = connection.prepareStatement(DELIVERED)) {
                update.setLong(1, shownCount);
                update.setString(2, messageRef);
                Jdbc.setInstant(update, 3, postedAt);
                Jdbc.setInstant(update, 4, now);
                update.setLong(5, shownCount);
                Jdbc.setInstant(update, 6, now.plus(groupInterval));
                update.setLong(7, groupId);
                update.setString(8, owner);
                return update.executeUpdate() == 1;
            }
        }));
    }

    @Override
    public boolean failed(long groupId, String owner, String error, Instant retryAt) {
        String shortError = error != null && error.length() > ERROR_LIMIT ? error.substring(0, ERROR_LIMIT) : error;
        return writeLock.run(() -> jdbc.call("record failed delivery of alert group " + groupId, connection -> {
            try (PreparedStatement update = connection.prepareStatement(FAILED)) {
                update.setString(1, shortError);
                Jdbc.setInstant(update, 2, retryAt);
                update.setLong(3, groupId);
                update.setString(4, owner);
                return update.executeUpdate() == 1;
            }
        }));
    }

    @Override
    public boolean skipped(long groupId, String owner) {
        return writeLock.run(() -> jdbc.call("record skipped delivery of alert group " + groupId, connection -> {
            try (PreparedStatement update = connection.prepareStatement(SKIPPED)) {
                update.setLong(1, groupId);
                update.setString(2, owner);
                return update.executeUpdate() == 1;
            }
        }));
    }

    @Override
    public Optional<AlertGroup> find(long groupId) {
        return jdbc.call("read alert group " + groupId,
                connection -> select(connection, "WHERE id = ?", groupId).stream().findFirst());
    }

    @Override
    public List<AlertGroup> forTarget(String target) {
        return jdbc.call("list alert groups of " + target,
                connection -> select(connection, "WHERE target = ? ORDER BY last_seen DESC, id DESC", target));
    }

    @Override
    public long storedAlerts() {
        return jdbc.call("count stored alerts", connection -> {
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM alerts");
                    ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    private List<Long> dueIds(Connection connection, Instant now, int max) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_DUE + dialect.forUpdateSkipLocked())) {
            Jdbc.setInstant(select, 1, now);
            Jdbc.setInstant(select, 2, now);
            select.setInt(3, max);
            try (ResultSet row = select.executeQuery()) {
                List<Long> ids = new ArrayList<>();
                while (row.next()) {
                    ids.add(row.getLong(1));
                }
                return ids;
            }
        }
    }

    private static List<AlertGroup> select(Connection connection, String condition, Object... parameters)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + AlertGroupRows.COLUMNS + " FROM alert_groups " + condition)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = select.executeQuery()) {
                List<AlertGroup> groups = new ArrayList<>();
                while (row.next()) {
                    groups.add(AlertGroupRows.read(row));
                }
                return groups;
            }
        }
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
