package dev.aadsts.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.store.StoreException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void readsAHostingPlatformUrlAndDecodesTheCredentials() {
        DatabaseUrl url = DatabaseUrl.parse(
                "postgres://bot%40contoso:p%40ss%3Aw%2Frd+x@db.example:5433/bot?sslmode=require");

        assertEquals("bot@contoso", url.user());
        assertEquals("p@ss:w/rd+x", url.password(), "'+' is literal in a URL's user info");
        assertEquals("jdbc:postgresql://db.example:5433/bot?sslmode=require", url.jdbcUrl());
        assertEquals("PostgreSQL db.example:5433/bot", url.describe());
        assertEquals(url.describe(), url.toString());
    }

    @Test
    void acceptsThePostgresqlSchemeInAnyCaseAndAddsTheDefaultPort() {
        DatabaseUrl url = DatabaseUrl.parse("PostgreSQL://u:pw@db.internal/aadsts");
        assertEquals("jdbc:postgresql://db.internal:5432/aadsts", url.jdbcUrl());
        assertEquals("PostgreSQL db.internal:5432/aadsts", url.describe());
    }

    @Test
    void takesCredentialsOutOfAJdbcUrl() {
        DatabaseUrl url = DatabaseUrl.parse(
                "jdbc:postgresql://10.0.0.5:5432/bot?user=aadsts&password=s%26cret&sslmode=verify-full&ssl=true");
        assertEquals("aadsts", url.user());
        assertEquals("s&cret", url.password());
        assertEquals("jdbc:postgresql://10.0.0.5:5432/bot?sslmode=verify-full&ssl=true", url.jdbcUrl());
        assertEquals(List.of("sslmode=verify-full", "ssl=true"), url.parameters());
    }

    @Test
    void aJdbcUrlWithoutCredentialsLeavesThemToTheDriver() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost:5432/bot");
        assertNull(url.user());
        assertNull(url.password());
        assertEquals("jdbc:postgresql://localhost:5432/bot", url.jdbcUrl());
    }

    @Test
    void keepsIpv6AndMultiHostAddresses() {
        assertEquals("jdbc:postgresql://[::1]:5432/bot", DatabaseUrl.parse("postgres://u:p@[::1]/bot").jdbcUrl());
        assertEquals("jdbc:postgresql://[::1]:6543/bot", DatabaseUrl.parse("postgres://u:p@[::1]:6543/bot").jdbcUrl());
        assertEquals("jdbc:postgresql://a:5432,b:5433/bot?targetServerType=primary",
                DatabaseUrl.parse("jdbc:postgresql://a:5432,b:5433/bot?targetServerType=primary").jdbcUrl());
    }

    @Test
    void aPasswordWithAnUnencodedAtSignOrSlashStillParses() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://bot:p@s/s@db.example:5432/bot");
        assertEquals("p@s/s", url.password());
        assertEquals("db.example:5432", url.hosts());
        assertEquals("bot", url.database());
    }

    @Test
    void encodesOddDatabaseNamesForTheDriver() {
        assertEquals("jdbc:postgresql://h:5432/my%20bot%2Bdb",
                DatabaseUrl.parse("postgres://u:p@h/my%20bot%2Bdb").jdbcUrl());
    }

    @Test
    void derivedLocationsKeepServerAndCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u:pw@h:1/a?sslmode=disable");
        DatabaseUrl other = url.withDatabase("b").withParameter("currentSchema=t1");
        assertEquals("jdbc:postgresql://h:1/b?sslmode=disable&currentSchema=t1", other.jdbcUrl());
        assertEquals("pw", other.password());
        assertEquals("v", url.withCredentials("x", "v").password());
    }

    @Test
    void rejectsWhatIsNotAPostgresqlUrlWithoutRepeatingIt() {
        assertRejected("", "empty");
        assertRejected("   ", "empty");
        assertRejected("mysql://root:hunter2@db/bot", "scheme 'mysql'");
        assertRejected("hunter2", "not a URL");
        assertRejected("postgres://root:hunter2@/bot", "host");
        assertRejected("postgres://root:hunter2@db.example:5432", "database");
        assertRejected("postgres://root:hunter2@db.example:5432/", "database");
        assertRejected("postgres://root:%zzhunter2@db.example/bot", "percent");
        assertRejected("postgres://root:hun?ter2@db.example/bot", "database");
    }

    @Test
    void neverShowsThePassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u:hunter2@db/bot?sslmode=require");
        assertFalse(url.toString().contains("hunter2"));
        assertFalse(url.jdbcUrl().contains("hunter2"));
        assertFalse(url.describe().contains("hunter2"));
    }

    private static void assertRejected(String text, String reason) {
        StoreException e = assertThrows(StoreException.class, () -> DatabaseUrl.parse(text));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().startsWith("DATABASE_URL"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2") || e.getMessage().contains("ter2"), e.getMessage());
    }
}
