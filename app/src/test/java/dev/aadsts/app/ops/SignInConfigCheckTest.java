package dev.aadsts.app.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.store.SignInAudit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check-config on the GRAPH_* and SIGNIN_* settings, and the lookups counter the metrics publish. */
class SignInConfigCheckTest {
    private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static final String CLIENT = "5c1f2a3b-0000-4000-8000-0000000000aa";

    @TempDir
    Path dataDir;

    private record Checked(int status, String text) {
    }

    private Checked check(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(settings);
        env.put("DATA_DIR", dataDir.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new ConfigCheck(env, new PrintStream(out, true, StandardCharsets.UTF_8)).run();
        return new Checked(status, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aWorkingLookupIsShownWithoutItsSecret() {
        Checked c = check(Map.of("GRAPH_TENANT_ID", TENANT, "GRAPH_CLIENT_ID", CLIENT,
                "GRAPH_CLIENT_SECRET", "graph-secret-value", "SIGNIN_SLACK_USERS", "U0ALICE"));
        assertEquals(0, c.status(), c.text());
        assertFalse(c.text().contains("graph-secret-value"), c.text());
        assertTrue(c.text().contains("GRAPH_CLIENT_SECRET          set"), c.text());
        assertTrue(c.text().contains("SIGNIN_SLACK_USERS           U0ALICE"), c.text());
        assertTrue(c.text().contains("Sign-in lookup               on (ClientSecret) for the CLI; in chat for nobody")
                && c.text().contains("SIGNIN_SLACK_* is set, but Slack is off"), c.text());
    }

    @Test
    void offUnlessConfigured() {
        Checked c = check(Map.of());
        assertEquals(0, c.status(), c.text());
        assertTrue(c.text().contains("Sign-in lookup               off: set GRAPH_TENANT_ID"), c.text());
    }

    @Test
    void everyWrongVariableIsNamed() {
        Checked noCredential = check(Map.of("GRAPH_TENANT_ID", TENANT, "GRAPH_CLIENT_ID", CLIENT));
        assertEquals(2, noCredential.status());
        assertTrue(noCredential.text().contains("Sign-in lookup: set exactly one of GRAPH_CLIENT_SECRET"),
                noCredential.text());
        Checked badList = check(Map.of("GRAPH_TENANT_ID", TENANT, "GRAPH_MANAGED_IDENTITY", "system",
                "SIGNIN_TEAMS_USERS", "ada@contoso.com"));
        assertEquals(2, badList.status());
        assertTrue(badList.text().contains("SIGNIN_TEAMS_USERS must list Entra object ids"), badList.text());
        Checked listWithoutGraph = check(Map.of("SIGNIN_SLACK_USERGROUPS", "S0HELP"));
        assertEquals(2, listWithoutGraph.status());
        assertTrue(listWithoutGraph.text().contains("need the Graph lookup: set GRAPH_TENANT_ID"),
                listWithoutGraph.text());
    }

    @Test
    void lookupsAreCountedByOutcomeFromZero() {
        Metrics metrics = new Metrics();
        metrics.signInLookup(SignInAudit.Outcome.DENIED);
        metrics.signInLookup(SignInAudit.Outcome.FOUND);
        metrics.signInLookup(SignInAudit.Outcome.FOUND);
        String scraped = metrics.scrape();
        assertTrue(scraped.contains("aadsts_signin_lookups_total{outcome=\"found\"} 2.0"), scraped);
        assertTrue(scraped.contains("aadsts_signin_lookups_total{outcome=\"denied\"} 1.0"), scraped);
        assertTrue(scraped.contains("aadsts_signin_lookups_total{outcome=\"licensing\"} 0.0"), scraped);
    }
}
