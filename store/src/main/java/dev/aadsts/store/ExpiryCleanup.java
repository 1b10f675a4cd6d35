package dev.aadsts.store;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one scheduled job that removes expired rows from every {@link ExpiringTable}, so no request pays for
 * it. Rows go in small chunks, each its own short autocommit statement: a request that writes the same
 * table waits for one chunk at most, never for the whole sweep. Every replica runs it; on a shared database
 * they simply delete what the other has not deleted yet.
 */
final class ExpiryCleanup implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExpiryCleanup.class);

    /** How often the tables are swept. */
    static final Duration INTERVAL = Duration.ofMinutes(1);
    /** Rows removed by one statement. */
    static final int CHUNK = 500;

    private final Jdbc jdbc;
    private final Clock clock;
    private final List<ExpiringTable> tables;
    private final Map<ExpiringTable, String> deletes = new LinkedHashMap<>();
    private ScheduledExecutorService scheduler;
    private volatile boolean closing;

    ExpiryCleanup(Jdbc jdbc, Dialect dialect, Clock clock, List<ExpiringTable> tables) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tables = List.copyOf(tables);
        for (ExpiringTable t : this.tables) {
            deletes.put(t, dialect.deleteExpired(t.name(), t.keyColumn(), CHUNK));
        }
    }

    /** Sweeps every {@code interval} on a daemon thread of its own, starting one interval from now. */
    synchronized void start(Duration interval) {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "aadsts-store-cleanup");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::sweepLogged, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void sweepLogged() {
        try {
            int removed = sweep();
            if (removed > 0) {
                LOG.debug("removed {} expired rows", removed);
            }
        } catch (RuntimeException e) {
            // The next run tries again; an unreachable database is reported by readiness, not here.
            LOG.warn("Removing expired rows failed: {}", e.getMessage());
        }
    }

    /** Removes every row that expired by now, chunk by chunk; answers how many went. */
    int sweep() {
        Instant now = clock.instant();
        int removed = 0;
        for (ExpiringTable table : tables) {
            String delete = deletes.get(table);
            int chunk;
            do {
                chunk = jdbc.call("remove expired rows from " + table.name(), connection -> {
                    try (PreparedStatement statement = connection.prepareStatement(delete)) {
                        Jdbc.setInstant(statement, 1, now);
                        return statement.executeUpdate();
                    }
                });
                removed += chunk;
            } while (chunk == CHUNK && !closing);
        }
        return removed;
    }

    @Override
    public void close() {
        closing = true;
        stopSchedule();
    }

    /** No more scheduled sweeps; {@link #sweep()} still works (tests sweep at a time of their choosing). */
    synchronized void stopSchedule() {
        if (scheduler != null) {
            // Not interrupted: H2 gives up its file when a thread is interrupted inside a write.
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }
}
