package dev.aadsts.store;

import dev.aadsts.core.store.AlertGroup;
import java.sql.ResultSet;
import java.sql.SQLException;

/** How an {@link AlertGroup} is read from the {@code alert_groups} table. */
final class AlertGroupRows {

    static final String COLUMNS = "id, target, code, route, alert_count, first_seen, last_seen, samples,"
            + " delivered_count, message_ref, posted_at, last_delivered_at, next_attempt_at, attempts, last_error";

    private AlertGroupRows() {
    }

    static AlertGroup read(ResultSet row) throws SQLException {
        return new AlertGroup(
                row.getLong("id"),
                row.getString("target"),
                row.getString("code"),
                row.getString("route"),
                row.getLong("alert_count"),
                Jdbc.getInstant(row, "first_seen"),
                Jdbc.getInstant(row, "last_seen"),
                Samples.fromJson(row.getString("samples")).asMap(),
                row.getLong("delivered_count"),
                row.getString("message_ref"),
                Jdbc.getInstant(row, "posted_at"),
                Jdbc.getInstant(row, "last_delivered_at"),
                Jdbc.getInstant(row, "next_attempt_at"),
                row.getInt("attempts"),
                row.getString("last_error"));
    }
}
