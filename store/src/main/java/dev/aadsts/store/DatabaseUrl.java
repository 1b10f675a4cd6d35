package dev.aadsts.store;

import dev.aadsts.core.store.StoreException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A PostgreSQL location as hosting platforms hand it out ({@code postgres://user:pass@host:port/db?sslmode=require},
 * also {@code postgresql://}) or as a JDBC URL ({@code jdbc:postgresql://host:port/db?user=…&password=…}).
 * Credentials are kept apart from the JDBC URL, so neither {@link #jdbcUrl()} nor {@link #toString()} nor any
 * error message can carry the password.
 */
public final class DatabaseUrl {

    private static final List<String> SCHEMES = List.of("postgres://", "postgresql://", "jdbc:postgresql://");
    private static final Pattern HOSTS = Pattern.compile("[A-Za-z0-9._\\-\\[\\]:%,]+");
    private static final int DEFAULT_PORT = 5432;

    private final String hosts;
    private final String database;
    private final List<String> parameters;
    private final String user;
    private final String password;

    private DatabaseUrl(String hosts, String database, List<String> parameters, String user, String password) {
        this.hosts = hosts;
        this.database = database;
        this.parameters = List.copyOf(parameters);
        this.user = user;
        this.password = password;
    }

    /** Parses {@code url}; a {@link StoreException} says what is wrong without repeating the URL. */
    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw invalid("it is empty");
        }
        String trimmed = url.strip();
        String rest = null;
        for (String scheme : SCHEMES) {
            if (trimmed.regionMatches(true, 0, scheme, 0, scheme.length())) {
                rest = trimmed.substring(scheme.length());
                break;
            }
        }
        if (rest == null) {
            int colon = trimmed.indexOf(':');
            String scheme = colon > 0 && colon < 20 ? trimmed.substring(0, colon) : null;
            throw invalid(scheme == null || !scheme.matches("[A-Za-z][A-Za-z0-9+.\\-]*")
                    ? "it is not a URL"
                    : "the scheme '" + scheme + "' is not PostgreSQL's");
        }

        int question = rest.indexOf('?');
        String location = question < 0 ? rest : rest.substring(0, question);
        String query = question < 0 ? "" : rest.substring(question + 1);

        // The last '@' ends the user info: an unencoded '@' in a password then still parses.
        int at = location.lastIndexOf('@');
        String userInfo = at < 0 ? null : location.substring(0, at);
        String hostAndPath = location.substring(at + 1);
        int slash = hostAndPath.indexOf('/');
        String hosts = slash < 0 ? hostAndPath : hostAndPath.substring(0, slash);
        String database = slash < 0 ? "" : decode(hostAndPath.substring(slash + 1), "database name");

        if (hosts.isEmpty() || !HOSTS.matcher(hosts).matches()) {
            throw invalid("the host part is missing or malformed (special characters in the password must be"
                    + " percent-encoded)");
        }
        if (database.isEmpty() || database.contains("/")) {
            throw invalid("it names no database (expected …/<database> after the host)");
        }
        hosts = withDefaultPort(hosts);

        String user = null;
        String password = null;
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name");
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1), "password");
        }
        List<String> parameters = new ArrayList<>();
        for (String parameter : query.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String key = equals < 0 ? parameter : parameter.substring(0, equals);
            String value = equals < 0 ? "" : parameter.substring(equals + 1);
            if (key.equals("user")) {
                user = user == null ? decode(value, "user name") : user;
            } else if (key.equals("password")) {
                password = password == null ? decode(value, "password") : password;
            } else {
                parameters.add(parameter);
            }
        }
        return new DatabaseUrl(hosts, database, parameters, emptyToNull(user), password);
    }

    /** The same server and credentials, another database (tests create one per class). */
    public DatabaseUrl withDatabase(String name) {
        return new DatabaseUrl(hosts, name, parameters, user, password);
    }

    /** The same database as another user. */
    public DatabaseUrl withCredentials(String user, String password) {
        return new DatabaseUrl(hosts, database, parameters, user, password);
    }

    /** The same location with one more driver parameter, such as {@code currentSchema=test}. */
    public DatabaseUrl withParameter(String parameter) {
        List<String> more = new ArrayList<>(parameters);
        more.add(parameter);
        return new DatabaseUrl(hosts, database, more, user, password);
    }

    /** The URL for the driver, without user and password. */
    public String jdbcUrl() {
        String url = "jdbc:postgresql://" + hosts + "/" + encodePath(database);
        return parameters.isEmpty() ? url : url + "?" + String.join("&", parameters);
    }

    /** {@code host:port} (several, comma-separated, for a multi-host URL). */
    public String hosts() {
        return hosts;
    }

    public String database() {
        return database;
    }

    /** Driver parameters other than user and password, as written ({@code sslmode=require}…). */
    public List<String> parameters() {
        return parameters;
    }

    /** The user name, or null to let the driver decide. */
    public String user() {
        return user;
    }

    /** The password, or null; never shown anywhere else. */
    public String password() {
        return password;
    }

    /** For logs: {@code PostgreSQL db.example:5432/bot}. */
    public String describe() {
        return "PostgreSQL " + hosts + "/" + database;
    }

    @Override
    public String toString() {
        return describe();
    }

    private static String withDefaultPort(String hosts) {
        if (hosts.contains(",")) {
            return hosts;
        }
        boolean hasPort = hosts.startsWith("[") ? hosts.contains("]:") : hosts.contains(":");
        return hasPort ? hosts : hosts + ":" + DEFAULT_PORT;
    }

    private static String decode(String text, String what) {
        try {
            // URLDecoder reads '+' as a space, which is form encoding, not URL encoding; keep it literal.
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("the " + what + " has a malformed percent-escape");
        }
    }

    private static String encodePath(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-' || c == '.') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static StoreException invalid(String reason) {
        return new StoreException("DATABASE_URL is not usable: " + reason
                + ". Expected postgres://user:password@host:port/database[?sslmode=require]"
                + " or jdbc:postgresql://host:port/database");
    }
}
