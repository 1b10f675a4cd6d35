package dev.aadsts.store;

import dev.aadsts.core.store.IncomingAlert;
import dev.aadsts.core.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code AlertGroups.accept}: stores each alert and folds it into its group. Several callers'
 * submissions can share one transaction ({@link GroupCommit}); the result is the same as committing them
 * one after another in the order given.
 */
final class AlertIntake {

    private static final String LOCK_GROUP = "SELECT id, last_seen, samples, last_delivered_at, next_attempt_at"
            + " FROM alert_groups WHERE target = ? AND code = ?";

    private static final String INSERT_GROUP = "INSERT INTO alert_groups (target, code, route, alert_count, first_seen,"
            + " last_seen, samples, delivered_count, next_attempt_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, 0)";

    private static final String UPDATE_GROUP = "UPDATE alert_groups SET alert_count = alert_count + ?, last_seen = ?,"
            + " route = ?, samples = ?, next_attempt_at = ? WHERE id = ?";

    private static final String INSERT_ALERT = "INSERT INTO alerts (group_id, target, route, code, occurrences, context,"
            + " source, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    /** One caller's alerts, with the time and group timings it asked for. */
    record Submission(List<IncomingAlert> alerts, Instant now, Duration groupWait, Duration groupInterval) {
        Submission {
            alerts = List.copyOf(alerts);
        }
    }

    private record GroupKey(String target, String code) {
        static GroupKey of(IncomingAlert alert) {
            return new GroupKey(alert.target(), alert.code());
        }
    }

    private record LockedGroup(long id, Instant lastSeen, Samples samples, Instant lastDeliveredAt,
            Instant nextAttemptAt) {
    }

    /**
     * Everything one transaction adds to a group, in submission order. The first submission decides the times
     * a new or idle group gets (later ones find it due already); the latest time is its last sighting.
     */
    private static final class Arrivals {
        final List<IncomingAlert> alerts = new ArrayList<>();
        final Submission first;
        Instant latest;

        Arrivals(Submission first) {
            this.first = first;
            this.latest = first.now();
        }

        void add(Submission submission, IncomingAlert alert) {
            alerts.add(alert);
            latest = later(latest, submission.now());
        }
    }

    private final Dialect dialect;

    AlertIntake(Dialect dialect) {
        this.dialect = dialect;
    }

    /** @return per submission, in the order given, the ids of the groups it touched */
    List<List<Long>> accept(Connection connection, List<Submission> submissions) throws SQLException {
        Map<GroupKey, Arrivals> byGroup = new HashMap<>();
        for (Submission submission : submissions) {
            for (IncomingAlert alert : submission.alerts()) {
                byGroup.computeIfAbsent(GroupKey.of(alert), key -> new Arrivals(submission)).add(submission, alert);
            }
        }
        // Every batch locks its groups in the same order, so two batches sharing groups cannot deadlock.
        List<GroupKey> lockOrder = new ArrayList<>(byGroup.keySet());
        lockOrder.sort(Comparator.comparing(GroupKey::target).thenComparing(GroupKey::code));

        Map<GroupKey, Long> ids = new HashMap<>();
        for (GroupKey key : lockOrder) {
            ids.put(key, fold(connection, key, byGroup.get(key)));
        }
        insertAlerts(connection, submissions, ids);

        List<List<Long>> touched = new ArrayList<>();
        for (Submission submission : submissions) {
            Set<Long> mine = new LinkedHashSet<>();
            submission.alerts().forEach(alert -> mine.add(ids.get(GroupKey.of(alert))));
            touched.add(List.copyOf(mine));
        }
        return touched;
    }

    private long fold(Connection connection, GroupKey key, Arrivals arrivals) throws SQLException {
        Optional<LockedGroup> existing = lock(connection, key);
        if (existing.isEmpty()) {
            Optional<Long> created = create(connection, key, arrivals);
            if (created.isPresent()) {
                return created.get();
            }
            // Another replica created the group since we looked; its row is committed and lockable now.
            existing = lock(connection, key);
            if (existing.isEmpty()) {
                throw new StoreException("Alert group " + key.target() + " / " + key.code()
                        + " was created concurrently but cannot be read");
            }
        }
        LockedGroup group = existing.get();
        Samples samples = group.samples();
        arrivals.alerts.forEach(alert -> samples.add(alert.context()));
        try (PreparedStatement update = connection.prepareStatement(UPDATE_GROUP)) {
            update.setLong(1, occurrences(arrivals.alerts));
            Jdbc.setInstant(update, 2, later(group.lastSeen(), arrivals.latest));
            update.setString(3, lastRoute(arrivals.alerts));
            update.setString(4, samples.toJson());
            Jdbc.setInstant(update, 5, nextAttempt(group, arrivals.first.now(), arrivals.first.groupInterval()));
            update.setLong(6, group.id());
            update.executeUpdate();
        }
        return group.id();
    }

    /**
     * A delivery already due keeps its time; an idle group is due once the interval since its last
     * delivery has passed, or at once if it never had one.
     */
    private static Instant nextAttempt(LockedGroup group, Instant now, Duration groupInterval) {
        if (group.nextAttemptAt() != null) {
            return group.nextAttemptAt();
        }
        if (group.lastDeliveredAt() == null) {
            return now;
        }
        return later(now, group.lastDeliveredAt().plus(groupInterval));
    }

    private Optional<LockedGroup> lock(Connection connection, GroupKey key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LOCK_GROUP + dialect.forUpdate())) {
            select.setString(1, key.target());
            select.setString(2, key.code());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new LockedGroup(
                        row.getLong("id"),
                        Jdbc.getInstant(row, "last_seen"),
                        Samples.fromJson(row.getString("samples")),
                        Jdbc.getInstant(row, "last_delivered_at"),
                        Jdbc.getInstant(row, "next_attempt_at")));
            }
        }
    }

    /** Inserts the group; empty when a concurrent transaction created it first (PostgreSQL only). */
    private Optional<Long> create(Connection connection, GroupKey key, Arrivals arrivals) throws SQLException {
        Samples samples = Samples.empty();
        arrivals.alerts.forEach(alert -> samples.add(alert.context()));
        Instant now = arrivals.first.now();
        String sql = dialect.hasOnConflict() ? INSERT_GROUP + " ON CONFLICT (target, code) DO NOTHING" : INSERT_GROUP;
        try (PreparedStatement insert = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, key.target());
            insert.setString(2, key.code());
            insert.setString(3, lastRoute(arrivals.alerts));
            insert.setLong(4, occurrences(arrivals.alerts));
            Jdbc.setInstant(insert, 5, now);
            Jdbc.setInstant(insert, 6, arrivals.latest);
            insert.setString(7, samples.toJson());
            Jdbc.setInstant(insert, 8, now.plus(arrivals.first.groupWait()));
            if (insert.executeUpdate() == 0) {
                return Optional.empty();
            }
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new StoreException("The database returned no id for the new alert group");
                }
                return Optional.of(keys.getLong("id"));
            }
        }
    }

    private static void insertAlerts(Connection connection, List<Submission> submissions, Map<GroupKey, Long> ids)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ALERT)) {
            for (Submission submission : submissions) {
                for (IncomingAlert alert : submission.alerts()) {
                    addRow(insert, alert, ids.get(GroupKey.of(alert)), submission.now());
                }
            }
            insert.executeBatch();
        }
    }

    private static void addRow(PreparedStatement insert, IncomingAlert alert, long groupId, Instant now)
            throws SQLException {
        insert.setLong(1, groupId);
        insert.setString(2, alert.target());
        insert.setString(3, alert.route());
        insert.setString(4, alert.code());
        insert.setLong(5, alert.occurrences());
        insert.setString(6, Samples.contextJson(alert.context()));
        insert.setString(7, alert.source());
        Jdbc.setInstant(insert, 8, now);
        insert.addBatch();
    }

    private static long occurrences(List<IncomingAlert> alerts) {
        return alerts.stream().mapToLong(IncomingAlert::occurrences).sum();
    }

    /** The group shows the route that matched most recently. */
    private static String lastRoute(List<IncomingAlert> alerts) {
        return alerts.get(alerts.size() - 1).route();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
