package dev.aadsts.app.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.app.BotApp;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.core.stats.WeeklyDigest;
import dev.aadsts.core.store.Store;
import dev.aadsts.store.Stores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The weekly digest against the real embedded store: due on Mondays, sent once a week however many replicas. */
class WeeklyDigestTest {
    private static final BotCore CORE = BotCore.load();
    // A Monday.
    private static final Instant MONDAY_0900 = Instant.parse("2026-11-30T09:00:00Z");

    @TempDir
    Path dir;

    private static WeeklyDigest digest(Store store, Instant now, List<String> posts) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new WeeklyDigest(new Stats(store.stats(), CORE.catalog(), clock), store.seenEvents(),
                (title, text) -> posts.add(text), clock);
    }

    @Test
    void twoReplicasSendOneDigestAWeekOnlyFromMondayMorning() {
        List<String> posts = new CopyOnWriteArrayList<>();
        try (Store store = Stores.embedded(dir)) {
            store.stats().recordSighting("50126", true, "slack", "T1", MONDAY_0900.minusSeconds(3600));
            assertFalse(digest(store, Instant.parse("2026-11-30T07:59:00Z"), posts).sendIfDue(), "not before 08:00");
            assertTrue(digest(store, MONDAY_0900, posts).sendIfDue());
            assertFalse(digest(store, MONDAY_0900.plusSeconds(60), posts).sendIfDue(), "the other replica");
            assertFalse(digest(store, Instant.parse("2026-12-06T23:00:00Z"), posts).sendIfDue(), "same week");
            assertTrue(digest(store, Instant.parse("2026-12-07T08:00:00Z"), posts).sendIfDue(), "next week");
        }
        assertEquals(2, posts.size());
        assertTrue(posts.get(0).startsWith("AADSTS codes, week 2026-W49"), posts.get(0));
        assertTrue(posts.get(0).contains("Codes pasted most, last 7 days\n  AADSTS50126  1"), posts.get(0));
    }

    @Test
    void theSettingNamesASlackChannelOrATeamsConversation() {
        assertNull(StatsDigestSetting.parse(Map.of()));
        assertEquals(new StatsDigestSetting.Target(true, "C0DIGEST1"),
                StatsDigestSetting.parse(Map.of("STATS_DIGEST_CHANNEL", "C0DIGEST1")));
        assertEquals(new StatsDigestSetting.Target(true, "C0DIGEST1"),
                StatsDigestSetting.parse(Map.of("STATS_DIGEST_CHANNEL", "slack:C0DIGEST1")));
        assertEquals(new StatsDigestSetting.Target(true, "T0CONTOSO/C0DIGEST1"),
                StatsDigestSetting.parse(Map.of("STATS_DIGEST_CHANNEL", "T0CONTOSO/C0DIGEST1")),
                "a workspace of several, in distribution mode");
        assertEquals(new StatsDigestSetting.Target(false, "19:abc@thread.tacv2"),
                StatsDigestSetting.parse(Map.of("STATS_DIGEST_CHANNEL", "19:abc@thread.tacv2")));
        assertThrows(IllegalArgumentException.class,
                () -> StatsDigestSetting.parse(Map.of("STATS_DIGEST_CHANNEL", "#general")));
    }

    @Test
    void checkConfigReportsTheDigestAndWhatWouldStopIt() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int status = new dev.aadsts.app.ops.ConfigCheck(Map.of("DATA_DIR", dir.toString(),
                "STATS_DIGEST_CHANNEL", "C0DIGEST1"), new java.io.PrintStream(out, true)).run();
        assertEquals(2, status, out.toString());
        assertTrue(out.toString().contains("STATS_DIGEST_CHANNEL         C0DIGEST1"), out.toString());
        assertTrue(out.toString().contains("Stats digest: STATS_DIGEST_CHANNEL names a Slack channel, but Slack is off"),
                out.toString());
    }

    @Test
    void aDigestForAPlatformThatIsOffStopsTheStart() {
        BotApp.ConfigException e = assertThrows(BotApp.ConfigException.class, () -> BotApp.start(Map.of("PORT", "0",
                "DATA_DIR", dir.toString(), "STATS_DIGEST_CHANNEL", "C0DIGEST1"), CORE));
        assertTrue(e.getMessage().contains("Slack is off"), e.getMessage());
    }
}
