package dev.aadsts.store;

import dev.aadsts.core.stats.CodeCount;
import dev.aadsts.core.stats.Helpfulness;
import dev.aadsts.core.stats.StatsStore;
import dev.aadsts.core.stats.Vote;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

final class JdbcStatsStore implements StatsStore {

    private static final String PEPPER = "voter-pepper";
    private static final int PEPPER_BYTES = 32;
    /** Codes seen are counts for the stats: a crash may lose the last second of them, and no one waits for a commit. */
    static final Duration SIGHTINGS_WITHIN = Duration.ofSeconds(1);

    private final Jdbc jdbc;
    private volatile byte[] pepper;

    private final BatchedCommits<Sightings, Boolean> sightings;

    JdbcStatsStore(Jdbc jdbc, InProcessWriteLock writeLock) {
        this.jdbc = jdbc;
        this.sightings = new BatchedCommits<>(jdbc, writeLock, "record codes seen", JdbcStatsStore::insert);
    }

    /**
     * Deferred: the codes seen within a second share one commit. Under a burst of pastes a commit per reply, each on
     * the embedded store's single write lock, would hold up the replies' own commits.
     */
    @Override
    public void recordSightings(List<Sighting> codes, String platform, String workspace, Instant at) {
        if (!codes.isEmpty()) {
            sightings.submitLater(new Sightings(codes, platform, workspace, at), SIGHTINGS_WITHIN);
        }
    }

    /** Commits the codes seen still deferred (before reading them, and before the store closes). */
    void flushDeferred() {
        sightings.flush();
    }

    /** The codes of one reply. */
    private record Sightings(List<Sighting> codes, String platform, String workspace, Instant at) {
    }

    private static List<Boolean> insert(Connection connection, List<Sightings> batch) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO code_sightings"
                + " (code, known, platform, workspace, seen_at) VALUES (?, ?, ?, ?, ?)")) {
            for (Sightings reply : batch) {
                for (Sighting code : reply.codes()) {
                    insert.setString(1, code.code());
                    insert.setBoolean(2, code.known());
                    insert.setString(3, reply.platform());
                    insert.setString(4, reply.workspace());
                    Jdbc.setInstant(insert, 5, reply.at());
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
        return java.util.Collections.nCopies(batch.size(), Boolean.TRUE);
    }

    @Override
    public boolean recordVote(String code, String platform, String voter, Vote vote, Instant at) {
        return jdbc.call("record a vote on " + code, connection -> {
            if (updateVote(connection, code, platform, voter, vote, at)) {
                return false;
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO feedback_votes"
                    + " (code, voter, platform, vote, voted_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, code);
                insert.setString(2, voter);
                insert.setString(3, platform);
                insert.setString(4, vote.id());
                Jdbc.setInstant(insert, 5, at);
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                // A double click raced us to the insert; the person's vote is the later word either way.
                if (Jdbc.isUniqueViolation(e) && updateVote(connection, code, platform, voter, vote, at)) {
                    return false;
                }
                throw e;
            }
        });
    }

    private static boolean updateVote(Connection connection, String code, String platform, String voter, Vote vote,
            Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE feedback_votes"
                + " SET vote = ?, platform = ?, voted_at = ? WHERE code = ? AND voter = ?")) {
            update.setString(1, vote.id());
            update.setString(2, platform);
            Jdbc.setInstant(update, 3, at);
            update.setString(4, code);
            update.setString(5, voter);
            return update.executeUpdate() == 1;
        }
    }

    @Override
    public List<CodeCount> topCodes(Instant since, String workspace, int limit) {
        return counts("read the top codes", since, workspace, false, limit);
    }

    @Override
    public List<CodeCount> unknownCodes(Instant since, int limit) {
        return counts("read the unknown codes", since, null, true, limit);
    }

    private List<CodeCount> counts(String what, Instant since, String workspace, boolean unknownOnly, int limit) {
        String sql = "SELECT code, COUNT(*) AS n FROM code_sightings WHERE seen_at >= ?"
                + (workspace == null ? "" : " AND workspace = ?")
                + (unknownOnly ? " AND known = FALSE" : "")
                + " GROUP BY code ORDER BY n DESC, code LIMIT ?";
        flushDeferred();
        return jdbc.call(what, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int i = 1;
                Jdbc.setInstant(select, i++, since);
                if (workspace != null) {
                    select.setString(i++, workspace);
                }
                select.setInt(i, limit);
                List<CodeCount> out = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        out.add(new CodeCount(row.getString("code"), row.getLong("n")));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<Helpfulness> helpfulness(int limit) {
        return jdbc.call("read the feedback", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT code,"
                    + " SUM(CASE WHEN vote = 'helpful' THEN 1 ELSE 0 END) AS helpful,"
                    + " SUM(CASE WHEN vote = 'not_helpful' THEN 1 ELSE 0 END) AS not_helpful"
                    + " FROM feedback_votes GROUP BY code ORDER BY COUNT(*) DESC, code LIMIT ?")) {
                select.setInt(1, limit);
                List<Helpfulness> out = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        out.add(new Helpfulness(row.getString("code"), row.getLong("helpful"),
                                row.getLong("not_helpful")));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public int forgetSightingsBefore(Instant cutoff) {
        flushDeferred();
        return jdbc.call("forget old sightings", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM code_sightings WHERE seen_at < ?")) {
                Jdbc.setInstant(delete, 1, cutoff);
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public byte[] pepper() {
        byte[] known = pepper;
        if (known == null) {
            known = HexFormat.of().parseHex(jdbc.call("read the installation's pepper", JdbcStatsStore::pepperOf));
            pepper = known;
        }
        return known.clone();
    }

    /** The stored pepper, made on first use; of two replicas making one at once, the first insert wins. */
    private static String pepperOf(Connection connection) throws SQLException {
        String stored = storedPepper(connection);
        if (stored != null) {
            return stored;
        }
        byte[] fresh = new byte[PEPPER_BYTES];
        new SecureRandom().nextBytes(fresh);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO install_secrets (name, secret) VALUES (?, ?)")) {
            insert.setString(1, PEPPER);
            insert.setString(2, HexFormat.of().formatHex(fresh));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!Jdbc.isUniqueViolation(e)) {
                throw e;
            }
        }
        return storedPepper(connection);
    }

    private static String storedPepper(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT secret FROM install_secrets WHERE name = ?")) {
            select.setString(1, PEPPER);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString("secret") : null;
            }
        }
    }
}
