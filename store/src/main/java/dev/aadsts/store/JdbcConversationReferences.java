package dev.aadsts.store;

import dev.aadsts.core.store.ConversationReferences;
import dev.aadsts.core.store.TeamsConversation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

final class JdbcConversationReferences implements ConversationReferences {

    private static final String COLUMNS = "conversation_id, service_url, tenant_id, bot_id, conversation_type,"
            + " team_id, team_name, channel_id, channel_name, reference_json, updated_at";

    private static final String UPDATE = "UPDATE teams_conversations SET service_url = ?, tenant_id = ?, bot_id = ?,"
            + " conversation_type = ?, team_id = ?, team_name = COALESCE(?, team_name), channel_id = ?,"
            + " channel_name = COALESCE(?, channel_name), reference_json = ?, updated_at = ?"
            + " WHERE conversation_id = ?";

    private static final String INSERT = "INSERT INTO teams_conversations (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Jdbc jdbc;
    private final Clock clock;

    JdbcConversationReferences(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void save(TeamsConversation conversation) {
        Objects.requireNonNull(conversation.conversationId(), "conversationId");
        Instant updatedAt = conversation.updatedAt() != null ? conversation.updatedAt() : clock.instant();
        jdbc.call("save Teams conversation reference", connection -> {
            if (update(connection, conversation, updatedAt)) {
                return null;
            }
            try {
                insert(connection, conversation, updatedAt);
            } catch (SQLException e) {
                // Another thread or replica inserted it between our update and insert: update theirs.
                if (!Jdbc.isUniqueViolation(e) || !update(connection, conversation, updatedAt)) {
                    throw e;
                }
            }
            return null;
        });
    }

    @Override
    public Optional<TeamsConversation> find(String conversationId) {
        return jdbc.call("read Teams conversation reference", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM teams_conversations WHERE conversation_id = ?")) {
                select.setString(1, conversationId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(read(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<TeamsConversation> all() {
        return jdbc.call("list Teams conversation references", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM teams_conversations");
                    ResultSet row = select.executeQuery()) {
                List<TeamsConversation> all = new ArrayList<>();
                while (row.next()) {
                    all.add(read(row));
                }
                // Sorted here, not by the database, whose collation may not be code-point order.
                all.sort(Comparator.comparing(TeamsConversation::conversationId));
                return all;
            }
        });
    }

    @Override
    public boolean remove(String conversationId) {
        return jdbc.call("remove Teams conversation reference", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM teams_conversations WHERE conversation_id = ?")) {
                delete.setString(1, conversationId);
                return delete.executeUpdate() > 0;
            }
        });
    }

    private static boolean update(Connection connection, TeamsConversation c, Instant updatedAt) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            update.setString(1, c.serviceUrl());
            update.setString(2, c.tenantId());
            update.setString(3, c.botId());
            update.setString(4, c.conversationType());
            update.setString(5, c.teamId());
            update.setString(6, c.teamName());
            update.setString(7, c.channelId());
            update.setString(8, c.channelName());
            update.setString(9, c.referenceJson());
            Jdbc.setInstant(update, 10, updatedAt);
            update.setString(11, c.conversationId());
            return update.executeUpdate() > 0;
        }
    }

    private static void insert(Connection connection, TeamsConversation c, Instant updatedAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, c.conversationId());
            insert.setString(2, c.serviceUrl());
            insert.setString(3, c.tenantId());
            insert.setString(4, c.botId());
            insert.setString(5, c.conversationType());
            insert.setString(6, c.teamId());
            insert.setString(7, c.teamName());
            insert.setString(8, c.channelId());
            insert.setString(9, c.channelName());
            insert.setString(10, c.referenceJson());
            Jdbc.setInstant(insert, 11, updatedAt);
            insert.executeUpdate();
        }
    }

    private static TeamsConversation read(ResultSet row) throws SQLException {
        return new TeamsConversation(
                row.getString("conversation_id"),
                row.getString("service_url"),
                row.getString("tenant_id"),
                row.getString("bot_id"),
                row.getString("conversation_type"),
                row.getString("team_id"),
                row.getString("team_name"),
                row.getString("channel_id"),
                row.getString("channel_name"),
                row.getString("reference_json"),
                Jdbc.getInstant(row, "updated_at"));
    }
}
