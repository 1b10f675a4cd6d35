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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The body of {@code AlertGroups.accept}: stores each alert and folds it into its group, in one transaction. */
final class AlertIntake {

    private static final String LOCK_GROUP = "SELECT id, last_seen, samples, last_delivered_at, next_attempt_at"
            + " FROM alert_groups WHERE target = ? AND code = ?";

    private static final String INSERT_GROUP = "INSERT INTO alert_groups (target, code, route, alert_count, first_seen,"
            + " last_seen, samples, delivered_count, next_attempt_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, 0)";

    private static final String UPDATE_GROUP = "UPDATE alert_groups SET alert_count = alert_count + ?, last_seen = ?,"
            + " route = ?, samples = ?, next_attempt_at = ? WHERE id = ?";

    private static final String INSERT_ALERT = "INSERT INTO alerts (group_id, target, route, code, occurrences, context,"
            + " source, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private record GroupKey(String target, String code) {
    }

    private record LockedGroup(long id, Instant lastSeen, Samples samples, Instant lastDeliveredAt,
            Instant nextAttemptAt) {
    }

    private final Dialect dialect;

    AlertIntake(Dialect dialect) {
        this.dialect = dialect;
    }

    List<Long> accept(Connection connection, List<IncomingAlert> alerts, Instant now, Duration groupWait,
            Duration groupInterval) throws SQLException {
        Map<GroupKey, List<IncomingAlert>> byGroup = new LinkedHashMap<>();
        for (IncomingAlert alert : alerts) {
            byGroup.computeIfAbsent(new GroupKey(alert.target(), alert.code()), key -> new ArrayList<>()).add(alert);
        }
        // Every batch locks its groups in the same order, so two batches sharing groups cannot deadlock.
        List<GroupKey> lockOrder = new ArrayList<>(byGroup.keySet());
        lockOrder.sort(Comparator.comparing(GroupKey::target).thenComparing(GroupKey::code));

        Map<GroupKey, Long> ids = new HashMap<>();
        for (GroupKey key : lockOrder) {
            ids.put(key, fold(connection, key, byGroup.get(key), now, groupWait, groupInterval));
        }
        insertAlerts(connection, alerts, ids, now);

        List<Long> touched = new ArrayList<>();
        byGroup.keySet().forEach(key -> touched.add(ids.get(key)));
        return touched;
    }

    private long fold(Connection connection, GroupKey key, List<IncomingAlert> alerts, Instant now, Duration groupWait,
            Duration groupInterval) throws SQLException {
        Optional<LockedGroup> existing = lock(connection, key);
        if (existing.isEmpty()) {
            Optional<Long> created = create(connection, key, alerts, now, groupWait);
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
        alerts.forEach(alert -> samples.add(alert.context()));
        try (PreparedStatement update = connection.prepareStatement(UPDATE_GROUP)) {
            update.setLong(1, occurrences(alerts));
            Jdbc.setInstant(update, 2, later(group.lastSeen(), now));
            update.setString(3, lastRoute(alerts));
            update.setString(4, samples.toJson());
            Jdbc.setInstant(update, 5, nextAttempt(group, now, groupInterval));
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
    private Optional<Long> create(Connection connection, GroupKey key, List<IncomingAlert> alerts, Instant now,
            Duration groupWait) throws SQLException {
        Samples samples = Samples.empty();
        alerts.forEach(alert -> samples.add(alert.context()));
        String sql = dialect.hasOnConflict() ? INSERT_GROUP + " ON CONFLICT (target, code) DO NOTHING" : INSERT_GROUP;
        try (PreparedStatement insert = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, key.target());
            insert.setString(2, key.code());
            insert.setString(3, lastRoute(alerts));
            insert.setLong(4, occurrences(alerts));
            Jdbc.setInstant(insert, 5, now);
            Jdbc.setInstant(insert, 6, now);
            insert.setString(7, samples.toJson());
            Jdbc.setInstant(insert, 8, now.plus(groupWait));
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

    private static void insertAlerts(Connection connection, List<IncomingAlert> alerts, Map<GroupKey, Long> ids,
            Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ALERT)) {
            for (IncomingAlert alert : alerts) {
                insert.setLong(1, ids.get(new GroupKey(alert.target(), alert.code())));
                insert.setString(2, alert.target());
                insert.setString(3, alert.route());
                insert.setString(4, alert.code());
                insert.setLong(5, alert.occurrences());
                insert.setString(6, Samples.contextJson(alert.context()));
                insert.setString(7, alert.source());
                Jdbc.setInstant(insert, 8, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
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
