package dev.aadsts.core.stats;

import dev.aadsts.core.store.SeenEvents;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the stats report once a week (Mondays from 08:00 UTC) to one configured conversation. Every replica
 * runs the timer; the week is claimed in the store first, so exactly one of them posts.
 */
public final class WeeklyDigest implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WeeklyDigest.class);
    static final LocalTime SEND_AFTER = LocalTime.of(8, 0);
    private static final Duration CHECK_EVERY = Duration.ofMinutes(15);
    private static final Duration CLAIM_KEPT = Duration.ofDays(8);

    /** Where the digest goes: a Slack channel or a Teams conversation. */
    @FunctionalInterface
    public interface Destination {
        void post(String title, String text);
    }

    private final Stats stats;
    private final SeenEvents claims;
    private final Destination destination;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public WeeklyDigest(Stats stats, SeenEvents claims, Destination destination, Clock clock) {
        this.stats = stats;
        this.claims = claims;
        this.destination = destination;
        this.clock = clock;
    }

    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stats-digest");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::runQuietly, 1, CHECK_EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    private void runQuietly() {
        try {
            sendIfDue();
        } catch (RuntimeException e) {
            LOG.warn("weekly stats digest failed: {}", e.getMessage());
        }
    }

    /** Sends this week's digest if it is time and no replica has; true when this call sent it. */
    public boolean sendIfDue() {
        ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
        ZonedDateTime due = now.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).with(SEND_AFTER);
        if (now.isBefore(due)) {
            return false;
        }
        String week = now.get(IsoFields.WEEK_BASED_YEAR) + "-W" + now.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        if (!claims.firstSighting("stats-digest:" + week, CLAIM_KEPT)) {
            return false;
        }
        destination.post("AADSTS codes, week " + week, "AADSTS codes, week " + week + "\n\n"
                + stats.report().text());
        int forgotten = stats.forgetOld();
        LOG.info("weekly stats digest sent for {} ({} old sightings removed)", week, forgotten);
        return true;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
