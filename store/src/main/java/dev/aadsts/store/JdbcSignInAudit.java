package dev.aadsts.store;

import dev.aadsts.core.store.SignInAudit;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

final class JdbcSignInAudit implements SignInAudit {

    private final Jdbc jdbc;

    JdbcSignInAudit(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(Entry entry) {
        jdbc.call("write a sign-in audit entry", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO signin_audit (asked_by, asked_at, looked_up_id, found, outcome) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, entry.who());
                Jdbc.setInstant(insert, 2, entry.at());
                insert.setString(3, entry.lookedUpId());
                insert.setBoolean(4, entry.found());
                insert.setString(5, entry.outcome().id());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<Entry> latest(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return jdbc.call("read the sign-in audit", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT asked_by, asked_at, looked_up_id, outcome FROM signin_audit ORDER BY asked_at DESC, id DESC"
                            + " LIMIT ?")) {
                select.setInt(1, limit);
                List<Entry> entries = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        entries.add(new Entry(row.getString("asked_by"), Jdbc.getInstant(row, "asked_at"),
                                row.getString("looked_up_id"), SignInAudit.Outcome.fromId(row.getString("outcome"))));
                    }
                }
                return entries;
            }
        });
    }
}
