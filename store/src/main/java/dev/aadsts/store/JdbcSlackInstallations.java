package dev.aadsts.store;

import dev.aadsts.core.store.SlackInstallations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Slack installs and OAuth states; an absent enterprise or team id is stored as '' so keys stay NOT NULL. */
final class JdbcSlackInstallations implements SlackInstallations {

    private static final String NONE = "";

    private final Jdbc jdbc;
    private final Clock clock;

    JdbcSlackInstallations(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void saveBot(Installation bot) {
        if (bot.userId() != null) {
            throw new IllegalArgumentException("a bot install has no user id");
        }
        save("save a Slack bot install",
                "UPDATE slack_bots SET enterprise_install = ?, installed_at = ?, sealed = ?"
                        + " WHERE enterprise_id = ? AND team_id = ?",
                "INSERT INTO slack_bots (enterprise_install, installed_at, sealed, enterprise_id, team_id)"
                        + " VALUES (?, ?, ?, ?, ?)", bot);
    }

    @Override
    public void saveInstaller(Installation installer) {
        Objects.requireNonNull(installer.userId(), "an installer needs a user id");
        save("save a Slack installer",
                "UPDATE slack_installers SET enterprise_install = ?, installed_at = ?, sealed = ?"
                        + " WHERE enterprise_id = ? AND team_id = ? AND user_id = ?",
                "INSERT INTO slack_installers (enterprise_install, installed_at, sealed, enterprise_id, team_id,"
                        + " user_id) VALUES (?, ?, ?, ?, ?, ?)", installer);
    }

    /** Update first, insert when nothing was there; a concurrent insert of the same key turns into an update. */
    private void save(String what, String update, String insert, Installation row) {
        jdbc.call(what, connection -> {
            if (write(connection, update, row) == 1) {
                return null;
            }
            try {
                write(connection, insert, row);
            } catch (SQLException e) {
                if (!Jdbc.isUniqueViolation(e) || write(connection, update, row) != 1) {
                    throw e;
                }
            }
            return null;
        });
    }

    private static int write(Connection connection, String sql, Installation row) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setBoolean(1, row.enterpriseInstall());
            Jdbc.setInstant(statement, 2, row.installedAt());
            statement.setBytes(3, row.sealed());
            statement.setString(4, key(row.enterpriseId()));
            statement.setString(5, key(row.teamId()));
            if (row.userId() != null) {
                statement.setString(6, row.userId());
            }
            return statement.executeUpdate();
        }
    }

    @Override
    public Optional<Installation> bot(String enterpriseId, String teamId) {
        return jdbc.call("read a Slack bot install", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT enterprise_install, installed_at, sealed FROM slack_bots"
                            + " WHERE enterprise_id = ? AND team_id = ?")) {
                select.setString(1, key(enterpriseId));
                select.setString(2, key(teamId));
                return one(select, enterpriseId, teamId, null);
            }
        });
    }

    @Override
    public Optional<Installation> installer(String enterpriseId, String teamId, String userId) {
        Objects.requireNonNull(userId, "userId");
        return jdbc.call("read a Slack installer", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT enterprise_install, installed_at, sealed FROM slack_installers"
                            + " WHERE enterprise_id = ? AND team_id = ? AND user_id = ?")) {
                select.setString(1, key(enterpriseId));
                select.setString(2, key(teamId));
                select.setString(3, userId);
                return one(select, enterpriseId, teamId, userId);
            }
        });
    }

    private static Optional<Installation> one(PreparedStatement select, String enterpriseId, String teamId,
            String userId) throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            return Optional.of(new Installation(enterpriseId, teamId, userId, row.getBoolean("enterprise_install"),
                    Jdbc.getInstant(row, "installed_at"), row.getBytes("sealed")));
        }
    }

    @Override
    public boolean deleteBot(String enterpriseId, String teamId) {
        return delete("forget a Slack bot install",
                "DELETE FROM slack_bots WHERE enterprise_id = ? AND team_id = ?", enterpriseId, teamId, null) > 0;
    }

    @Override
    public boolean deleteInstaller(String enterpriseId, String teamId, String userId) {
        Objects.requireNonNull(userId, "userId");
        return delete("forget a Slack installer",
                "DELETE FROM slack_installers WHERE enterprise_id = ? AND team_id = ? AND user_id = ?",
                enterpriseId, teamId, userId) > 0;
    }

    @Override
    public int deleteAll(String enterpriseId, String teamId) {
        // One transaction: an uninstall never leaves a bot without its installers or the other way round.
        return jdbc.transaction("forget a Slack install", connection ->
                delete(connection, "DELETE FROM slack_installers WHERE enterprise_id = ? AND team_id = ?",
                        enterpriseId, teamId, null)
                        + delete(connection, "DELETE FROM slack_bots WHERE enterprise_id = ? AND team_id = ?",
                        enterpriseId, teamId, null));
    }

    private int delete(String what, String sql, String enterpriseId, String teamId, String userId) {
        return jdbc.call(what, connection -> delete(connection, sql, enterpriseId, teamId, userId));
    }

    private static int delete(Connection connection, String sql, String enterpriseId, String teamId, String userId)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setString(1, key(enterpriseId));
            delete.setString(2, key(teamId));
            if (userId != null) {
                delete.setString(3, userId);
            }
            return delete.executeUpdate();
        }
    }

    @Override
    public void addState(String state, Instant expiresAt) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(expiresAt, "expiresAt");
        jdbc.call("remember an OAuth state", connection -> {
            // States nobody came back with pile up otherwise; each new install sweeps the expired ones.
            try (PreparedStatement sweep = connection.prepareStatement(
                    "DELETE FROM slack_oauth_states WHERE expires_at <= ?")) {
                Jdbc.setInstant(sweep, 1, clock.instant());
                sweep.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO slack_oauth_states (state, expires_at) VALUES (?, ?)")) {
                insert.setString(1, state);
                Jdbc.setInstant(insert, 2, expiresAt);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean stateAvailable(String state, Instant now) {
        if (state == null) {
            return false;
        }
        return jdbc.call("check an OAuth state", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT 1 FROM slack_oauth_states WHERE state = ? AND expires_at > ?")) {
                select.setString(1, state);
                Jdbc.setInstant(select, 2, now);
                try (ResultSet row = select.executeQuery()) {
                    return row.next();
                }
            }
        });
    }

    @Override
    public boolean consumeState(String state, Instant now) {
        if (state == null) {
            return false;
        }
        // The delete decides between two callers with one state; an expired row is left to the sweep.
        return jdbc.call("use an OAuth state", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM slack_oauth_states WHERE state = ? AND expires_at > ?")) {
                delete.setString(1, state);
                Jdbc.setInstant(delete, 2, now);
                return delete.executeUpdate() == 1;
            }
        });
    }

    private static String key(String id) {
        return id == null || id.isBlank() ? NONE : id;
    }
}
