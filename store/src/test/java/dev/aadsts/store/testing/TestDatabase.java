package dev.aadsts.store.testing;

import dev.aadsts.store.DatabaseUrl;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

/** A database of its own for one test class on the {@link PostgresServer}; {@link #close()} drops it. */
public final class TestDatabase implements AutoCloseable {

    private final PostgresServer server;
    private final DatabaseUrl location;
    private final String name;
    private final boolean schema;
    private boolean dropped;

    TestDatabase(PostgresServer server, DatabaseUrl location, String name, boolean schema) {
        this.server = server;
        this.location = location;
        this.name = name;
        this.schema = schema;
    }

    /**
     * The database as a hosting platform would hand it out, {@code postgres://user:password@host:port/name}
     * with user and password percent-encoded: what {@code DATABASE_URL} holds in production.
     */
    public String url() {
        StringBuilder url = new StringBuilder("postgres://");
        if (location.user() != null) {
            url.append(encode(location.user()));
            if (location.password() != null) {
                url.append(':').append(encode(location.password()));
            }
            url.append('@');
        }
        url.append(location.hosts()).append('/').append(location.database());
        if (!location.parameters().isEmpty()) {
            url.append('?').append(String.join("&", location.parameters()));
        }
        return url.toString();
    }

    /** The driver URL, without credentials. */
    public String jdbcUrl() {
        return location.jdbcUrl();
    }

    public String user() {
        return location.user();
    }

    public String password() {
        return location.password();
    }

    /** The name of what was created: the database, or the schema where creating databases was not allowed. */
    public String name() {
        return name;
    }

    /** The database the tests connect to (the created one, or the one holding the created schema). */
    public String database() {
        return location.database();
    }

    /** A plain connection for looking at tables directly. */
    public Connection connect() throws SQLException {
        return PostgresServer.connect(location);
    }

    @Override
    public synchronized void close() {
        if (!dropped) {
            dropped = true;
            server.drop(name, schema);
        }
    }

    @Override
    public String toString() {
        return location.describe() + (schema ? " (schema " + name + ")" : "");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
