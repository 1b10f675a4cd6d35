package dev.aadsts.app.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.BotCore;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.core.stats.Vote;
import dev.aadsts.core.store.Store;
import dev.aadsts.store.Stores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the stats tables hold, read back with plain SQL from the database file after the bot closed it. */
class StatsPrivacyTest {
    private static final BotCore CORE = BotCore.load();

    @TempDir
    Path dir;

    @Test
    void votesKeepAPseudonymAndSightingsKeepNoText() throws Exception {
        String paste = "AADSTS50126: Error validating credentials for alex@contoso.example secret-project-x";
        try (Store store = Stores.embedded(dir)) {
            Stats stats = new Stats(store.stats(), CORE.catalog(), Clock.systemUTC());
            stats.seen(CORE.router().paste(paste), "slack", "T0001");
            assertTrue(stats.vote("50126", "slack", "U0VOTER1", Vote.HELPFUL));
        }
        StringBuilder everything = new StringBuilder();
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve(Stores.EMBEDDED_DATABASE_NAME));
                Statement sql = db.createStatement()) {
            for (String table : new String[] {"feedback_votes", "code_sightings"}) {
                try (ResultSet rows = sql.executeQuery("SELECT * FROM " + table)) {
                    while (rows.next()) {
                        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                            everything.append(rows.getString(i)).append('|');
                        }
                    }
                }
            }
            try (ResultSet voter = sql.executeQuery("SELECT voter FROM feedback_votes")) {
                assertTrue(voter.next());
                assertTrue(voter.getString(1).matches("[0-9a-f]{64}"), voter.getString(1));
            }
            try (ResultSet count = sql.executeQuery("SELECT COUNT(*) FROM code_sightings WHERE code = '50126'")) {
                count.next();
                assertEquals(1, count.getInt(1));
            }
        }
        assertFalse(everything.toString().contains("U0VOTER1"), everything.toString());
        assertFalse(everything.toString().contains("contoso"), everything.toString());
        assertFalse(everything.toString().contains("secret-project-x"), everything.toString());
    }
}
