package dev.aadsts.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.aadsts.core.store.AlertGroups;
import dev.aadsts.core.store.ConversationReferences;
import dev.aadsts.core.store.EventReplies;
import dev.aadsts.core.stats.StatsStore;
import dev.aadsts.core.store.PendingReplies;
import dev.aadsts.core.store.SeenEvents;
import dev.aadsts.core.store.ShareClaims;
import dev.aadsts.core.store.SharePayloads;
import dev.aadsts.core.store.SignInAudit;
import dev.aadsts.core.store.Silences;
import dev.aadsts.core.store.SlackInstallations;
import dev.aadsts.core.store.Store;
import dev.aadsts.core.store.ThreadAnswers;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The store over one migrated connection pool; {@link Stores} builds it. */
final class JdbcStore implements Store {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);

    private final HikariDataSource dataSource;
    private final String description;
    private final Dialect dialect;
    private final Runnable onClose;
    private final ConversationReferences conversations;
    private final SeenEvents seenEvents;
    private final AlertGroups alertGroups;
    private final Silences silences;
    private final ShareClaims shareClaims;
    private final SharePayloads sharePayloads;
    private final ThreadAnswers threadAnswers;
    private final ExpiryCleanup expiryCleanup;
    private final JdbcPendingReplies pendingReplies;
    private final EventReplies eventReplies;
    private final JdbcStatsStore stats;
    private final SignInAudit signInAudit;
    private final SlackInstallations slackInstallations;

    JdbcStore(HikariDataSource dataSource, Dialect dialect, String description, InProcessWriteLock writeLock,
            Clock clock, Runnable onClose) {
        this.dataSource = dataSource;
        this.onClose = onClose;
        this.description = description;
        this.dialect = dialect;
        Jdbc jdbc = new Jdbc(dataSource, description);
        this.conversations = new JdbcConversationReferences(jdbc, clock);
        ExpiringKeys seen = new ExpiringKeys(jdbc, dialect, writeLock, clock, ExpiringTable.SEEN_EVENTS);
        this.seenEvents = seen::firstUse;
        this.alertGroups = new JdbcAlertGroups(jdbc, dialect, writeLock);
        this.silences = new JdbcSilences(jdbc, clock);
        this.shareClaims = new ExpiringKeys(jdbc, dialect, writeLock, clock, ExpiringTable.SHARE_CLAIMS)::firstUse;
        this.sharePayloads = new JdbcSharePayloads(jdbc, clock);
        ExpiringKeys answered = new ExpiringKeys(jdbc, dialect, writeLock, clock, ExpiringTable.THREAD_ANSWERS);
        this.threadAnswers = new JdbcThreadAnswers(answered);
        JdbcPendingReplies pending = new JdbcPendingReplies(jdbc, dialect, writeLock);
        this.eventReplies = new JdbcEventReplies(jdbc, writeLock, seen, answered, pending);
        if (dialect.serialisesWritesInProcess()) {
            pending.releaseAllLeases(clock.instant());
        }
        this.pendingReplies = pending;
        this.stats = new JdbcStatsStore(jdbc, writeLock);
        this.signInAudit = new JdbcSignInAudit(jdbc);
        this.slackInstallations = new JdbcSlackInstallations(jdbc, clock);
        this.expiryCleanup = new ExpiryCleanup(jdbc, dialect, clock, ExpiringTable.ALL);
        expiryCleanup.start(ExpiryCleanup.INTERVAL);
    }

    @Override
    public ConversationReferences conversations() {
        return conversations;
    }

    @Override
    public SeenEvents seenEvents() {
        return seenEvents;
    }

    @Override
    public AlertGroups alertGroups() {
        return alertGroups;
    }

    @Override
    public Silences silences() {
        return silences;
    }

    @Override
    public ShareClaims shareClaims() {
        return shareClaims;
    }

    @Override
    public SharePayloads sharePayloads() {
        return sharePayloads;
    }

    @Override
    public ThreadAnswers threadAnswers() {
        return threadAnswers;
    }

    @Override
    public PendingReplies pendingReplies() {
        return pendingReplies;
    }

    @Override
    public EventReplies eventReplies() {
        return eventReplies;
    }

    @Override
    public StatsStore stats() {
        return stats;
    }

    @Override
    public SignInAudit signInAudit() {
        return signInAudit;
    }

    @Override
    public SlackInstallations slackInstallations() {
        return slackInstallations;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public boolean reachable() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (java.sql.SQLException | RuntimeException e) {
            return false;
        }
    }

    /** The pool's own meters (connections in use, pending, timeouts) in {@code registry}. */
    void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
        dataSource.setMetricsTrackerFactory(new com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory(
                registry));
    }

    /** The pool itself, for tests that look at or reset the tables directly. */
    DataSource dataSource() {
        return dataSource;
    }

    Dialect dialect() {
        return dialect;
    }

    /** The scheduled removal of expired rows, for tests that run it at a time of their choosing. */
    ExpiryCleanup expiryCleanup() {
        return expiryCleanup;
    }

    @Override
    public void close() {
        expiryCleanup.close();
        try {
            pendingReplies.flushDeferred();
            stats.flushDeferred();
        } catch (RuntimeException e) {
            LOG.warn("{}: deferred writes lost at close: {}", description, e.getMessage());
        }
        dataSource.close();
        onClose.run();
    }

    @Override
    public String toString() {
        return description;
    }
}
