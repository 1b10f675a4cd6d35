package dev.aadsts.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.aadsts.core.store.Store;
import dev.aadsts.core.store.StoreException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Opens the bot's store: PostgreSQL when {@code DATABASE_URL} is set (several replicas can share it), else an
 * embedded H2 database under {@code DATA_DIR} (default {@code ./data}) that one process owns. Every open brings
 * the schema up to date: nothing to do when it is current ({@link SchemaVersion}), the scripts run directly on an
 * empty embedded database ({@link FreshSchema}), Flyway otherwise.
 */
public final class Stores {

    public static final String DATABASE_URL = "DATABASE_URL";
    public static final String DATA_DIR = "DATA_DIR";
    public static final String DEFAULT_DATA_DIR = "./data";

    /** File name (without H2's {@code .mv.db}) of the embedded database inside the data directory. */
    public static final String EMBEDDED_DATABASE_NAME = "aadsts-bot";

    // Small: the bot's queries are short, and several replicas share one PostgreSQL's connection limit.
    private static final int POOL_SIZE = 8;
    private static final int MIN_IDLE = 2;
    private static final long CONNECTION_TIMEOUT_MILLIS = 10_000;
    // H2's error code when another process holds the database file.
    private static final int H2_DATABASE_IN_USE = 90020;

    private Stores() {
    }

    /** The store the environment asks for: {@code DATABASE_URL}, else {@code DATA_DIR}, else {@code ./data}. */
    public static Store open(Map<String, String> env) {
        String url = env.get(DATABASE_URL);
        if (url != null && !url.isBlank()) {
            return postgres(url);
        }
        String dir = env.get(DATA_DIR);
        return embedded(Path.of(dir == null || dir.isBlank() ? DEFAULT_DATA_DIR : dir.strip()));
    }

    /** Embedded H2 in {@code dataDir}, created if missing. */
    public static Store embedded(Path dataDir) {
        return embedded(dataDir, Clock.systemUTC());
    }

    /** PostgreSQL at {@code databaseUrl}: {@code postgres://…}, {@code postgresql://…} or {@code jdbc:postgresql://…}. */
    public static Store postgres(String databaseUrl) {
        return postgres(databaseUrl, Clock.systemUTC());
    }

    static Store embedded(Path dataDir, Clock clock) {
        return EmbeddedFile.prepare(dataDir).open(clock);
    }

    /**
     * Starts opening the store the environment asks for, for {@link StoreOpening#finish} to complete: the embedded
     * database's file and schema on their own thread (see {@link EmbeddedFile}), PostgreSQL entirely in
     * {@code finish}. Never throws; {@code finish} throws what {@link #open} would.
     */
    public static StoreOpening beginOpening(Map<String, String> env) {
        String url = env.get(DATABASE_URL);
        if (url != null && !url.isBlank()) {
            return StoreOpening.onFinish(() -> postgres(url));
        }
        String dir = env.get(DATA_DIR);
        return StoreOpening.embedded(Path.of(dir == null || dir.isBlank() ? DEFAULT_DATA_DIR : dir.strip()),
                Clock.systemUTC());
    }

    static Store postgres(String databaseUrl, Clock clock) {
        DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
        HikariConfig config = poolConfig();
        config.setDriverClassName("org.postgresql.Driver");
        config.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            config.setUsername(url.user());
        }
        if (url.password() != null) {
            config.setPassword(url.password());
        }
        config.addDataSourceProperty("ApplicationName", "aadsts-bot");
        // A group commit's alert rows go to the server as one multi-row INSERT instead of one per row.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return start(config, Dialect.POSTGRESQL, url.describe(), InProcessWriteLock.none(), clock, null, false);
    }

    static HikariConfig poolConfig() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("aadsts-store");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(MIN_IDLE);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        return config;
    }

    /** @param schemaCurrent already known to be at this build's version (checked on the same open database) */
    static Store start(HikariConfig config, Dialect dialect, String description, InProcessWriteLock writeLock,
            Clock clock, PidFile pidFile, boolean schemaCurrent) {
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException(cannotOpen(description, e, pidFile), e);
        }
        try {
            if (!schemaCurrent && !SchemaVersion.isCurrent(dataSource)
                    && !createdFresh(dataSource, dialect, description)) {
                Flyway.configure()
                        .dataSource(dataSource)
                        .locations(dialect.migrationLocation())
                        .load()
                        .migrate();
            }
        } catch (FlywayException e) {
            dataSource.close();
            throw new StoreException("Cannot migrate the schema of " + description + ": " + e.getMessage(), e);
        }
        return new JdbcStore(dataSource, dialect, description, writeLock, clock,
                pidFile == null ? () -> { } : pidFile::remove);
    }

    /** An empty embedded database gets its schema without loading Flyway (see {@link FreshSchema}). */
    private static boolean createdFresh(HikariDataSource dataSource, Dialect dialect, String description) {
        if (dialect != Dialect.H2) {
            return false;
        }
        try {
            return FreshSchema.createIfEmpty(dataSource, dialect.migrationFolder());
        } catch (SQLException | RuntimeException e) {
            dataSource.close();
            throw FreshSchema.failed(description, e);
        }
    }

    private static String cannotOpen(String description, RuntimeException e, PidFile pidFile) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_IN_USE && pidFile != null) {
                // Nearly always a second "serve" in the same folder; PostgreSQL is rarely what the person wants.
                String who = pidFile.runningHolder().map(pid -> "aadsts-bot is already running (pid " + pid + ")")
                        .orElse("another process is using it");
                return "Cannot open " + description + ": " + who + ". Stop it, or set " + DATA_DIR
                        + " to another folder for a second instance.";
            }
        }
        // The driver's own message says most (refused, unknown host, authentication failed); the pool's wrapper less.
        Throwable telling = e;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                telling = cause;
                break;
            }
            telling = cause;
        }
        return "Cannot open " + description + ": " + telling.getMessage();
    }

    /** Publishes the connection pool's meters (in use, idle, pending, timeouts) to {@code registry}. */
    public static void bindMetrics(Store store, io.micrometer.core.instrument.MeterRegistry registry) {
        if (store instanceof JdbcStore jdbc) {
            jdbc.bindMetrics(registry);
        }
    }
}
