package dev.aadsts.store;

import com.zaxxer.hikari.HikariConfig;
import dev.aadsts.core.store.Store;
import dev.aadsts.core.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The embedded database in two steps. {@link #prepare} does the slow part with plain JDBC: the folder, H2's
 * engine opening (or creating) the file, and a brand-new file's schema. It uses nothing that logs, so
 * {@code serve} runs it on its own thread while logging is still being configured. {@link #open} then starts the
 * connection pool, which only joins the database that {@code prepare} kept open, and builds the store.
 * {@link #discard} instead removes the file and folders this start created, when the settings turn out wrong:
 * a start that stops on a bad setting leaves nothing behind, as it did when the store was opened only after the
 * settings were checked.
 *
 * <p>Every failure reads as it did when the pool opened the file itself: {@code prepare} throws the folder's
 * errors, keeps a schema failure for {@code open} to throw, and leaves a file it could not open to the pool,
 * whose attempt reports it (another process holding it, most often) with the usual message.
 */
final class EmbeddedFile {
    /** H2's name for the file {@link Stores#EMBEDDED_DATABASE_NAME} becomes. */
    static final String FILE_NAME = Stores.EMBEDDED_DATABASE_NAME + ".mv.db";

    private final Path dir;
    private final String description;
    private final String jdbcUrl;
    private final Path createdFolder;
    private final Set<String> namesBefore;
    private final boolean newFile;
    private Connection held;
    private boolean schemaCurrent;
    private StoreException schemaFailure;

    private EmbeddedFile(Path dir, Path createdFolder, Set<String> namesBefore, boolean newFile) {
        this.dir = dir;
        this.description = "embedded H2 at " + dir;
        this.jdbcUrl = "jdbc:h2:file:" + dir.resolve(Stores.EMBEDDED_DATABASE_NAME)
                // The store closes the database itself; H2's own exit hook could close it under a final write.
                + ";DB_CLOSE_ON_EXIT=FALSE"
                // Write every commit to the file at once, so an accepted alert survives a crash right after.
                + ";WRITE_DELAY=0"
                + ";LOCK_TIMEOUT=10000";
        this.createdFolder = createdFolder;
        this.namesBefore = namesBefore;
        this.newFile = newFile;
    }

    /**
     * Creates the folder, opens the file and, when this start created the file, its schema. Never logs.
     *
     * @throws StoreException the path cannot be used or the folder cannot be created
     */
    static EmbeddedFile prepare(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (dir.toString().contains(";")) {
            throw new StoreException("Cannot open embedded H2 at " + dir + ": H2 does not accept ';' in a database path");
        }
        Path createdFolder = outermostMissing(dir);
        // null when the folder cannot be listed: then only the database file itself counts as this start's
        Set<String> namesBefore = createdFolder == null ? names(dir) : Set.of();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("Cannot create the data directory " + dir + ": " + e, e);
        }
        EmbeddedFile file = new EmbeddedFile(dir, createdFolder, namesBefore, !Files.exists(dir.resolve(FILE_NAME)));
        file.openAhead();
        return file;
    }

    private void openAhead() {
        Connection connection;
        try {
            connection = org.h2.Driver.load().connect(jdbcUrl, new Properties());
        } catch (SQLException | RuntimeException e) {
            return; // the pool tries again in open() and reports it as it always has
        }
        if (newFile) {
            try {
                schemaCurrent = FreshSchema.createIfEmpty(connection, Dialect.H2.migrationFolder());
            } catch (SQLException | RuntimeException e) {
                closeQuietly(connection);
                schemaFailure = FreshSchema.failed(description, e);
                return;
            }
        } else {
            // An existing file is only read here: whatever it needs is done in open(), once the settings hold.
            schemaCurrent = SchemaVersion.isCurrent(connection);
        }
        held = connection;
    }

    /**
     * The store on the prepared file: the pool, the rest of the schema work if any (Flyway for an older file),
     * the pid file.
     *
     * @throws StoreException as {@link Stores#embedded(Path)} always has
     */
    Store open(Clock clock) {
        try {
            if (schemaFailure != null) {
                throw schemaFailure;
            }
            HikariConfig config = Stores.poolConfig();
            config.setDriverClassName("org.h2.Driver");
            config.setJdbcUrl(jdbcUrl);
            PidFile pidFile = new PidFile(dir);
            Store store = Stores.start(config, Dialect.H2, description, InProcessWriteLock.forDatabase(jdbcUrl),
                    clock, pidFile, schemaCurrent);
            pidFile.write();
            return store;
        } finally {
            release(); // the pool has its own connections now, or failed and closed them
        }
    }

    /** Closes the file and removes what this start created: the file, H2's files beside it, new folders. */
    void discard() {
        release();
        if (!newFile) {
            return;
        }
        try {
            if (createdFolder != null) {
                deleteTree(createdFolder);
            } else if (namesBefore == null) {
                Files.deleteIfExists(dir.resolve(FILE_NAME));
            } else {
                Set<String> now = names(dir);
                for (String name : now == null ? Set.of(FILE_NAME) : now) {
                    if (!namesBefore.contains(name) && name.startsWith(Stores.EMBEDDED_DATABASE_NAME + ".")) {
                        Files.deleteIfExists(dir.resolve(name));
                    }
                }
            }
        } catch (IOException e) {
            // What could not be removed is a store without data; the next start uses or completes it.
        }
    }

    private void release() {
        if (held != null) {
            closeQuietly(held);
            held = null;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing the last connection closes the database; nothing else holds it.
        }
    }

    /** The outermost folder of {@code dir} (or itself) that does not exist yet; null when it exists. */
    private static Path outermostMissing(Path dir) {
        Path missing = null;
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        return missing;
    }

    /** The names in {@code dir}; null when it cannot be listed. */
    private static Set<String> names(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(HashSet::new));
        } catch (IOException e) {
            return null;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }
}
