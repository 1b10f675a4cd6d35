package dev.aadsts.core.alert.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.knowledge.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertRoutingTest {
    private static Catalog catalog;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        catalog = Catalog.load();
    }

    private AlertRouting routing(String name, String text, Map<String, String> extraEnv) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        var env = new java.util.HashMap<>(extraEnv);
        env.put("ALERTS_ROUTES", file.toString());
        return AlertRouting.fromEnvironment(env);
    }

    private static final String ROUTES = """
            defaults:
              group_wait: 10s
              group_interval: 2m
            routes:
              - name: passwords
                match:
                  codes: [AADSTS50126, 50053]
                slack: [C0PASS0001]
                continue: true
              - name: helpdesk-wide
                match:
                  categories: [credentials]
                teams:
                  - team: Identity Helpdesk
                    channel: Sign-in alerts
              - name: policies
                match:
                  categories: [conditional-access]
                teams:
                  - conversation: "19:abc@thread.tacv2"
            default_route:
              slack: [C0DEFAULT1]
            """;

    @Test
    void firstMatchWinsUnlessItContinuesAndTheRestFallToTheDefault() throws IOException {
        AlertRouting r = routing("routes.yaml", ROUTES, Map.of());
        List<String> for50126 = r.routesFor("50126", catalog).stream().map(AlertRoute::name).toList();
        assertEquals(List.of("passwords", "helpdesk-wide"), for50126, "continue: true lets the next route match too");
        assertEquals("teams:Identity Helpdesk » Sign-in alerts",
                r.routesFor("50126", catalog).get(1).targets().get(0).key());
        assertEquals(List.of("policies"), r.routesFor("53003", catalog).stream().map(AlertRoute::name).toList());
        assertEquals(List.of(AlertRouting.DEFAULT_ROUTE),
                r.routesFor("9999999", catalog).stream().map(AlertRoute::name).toList(), "unknown codes too");
        assertEquals(Duration.ofSeconds(10), r.timings().groupWait());
        assertEquals(Duration.ofMinutes(2), r.timings().groupInterval());
        assertEquals(AlertTimings.DEFAULT.repeatInterval(), r.timings().repeatInterval());
    }

    @Test
    void jsonWorksToo() throws IOException {
        AlertRouting r = routing("routes.json", """
                {"routes":[{"name":"x","match":{"codes":["50126"]},"slack":["C0PASS0001"]}],
                 "default_route":{"teams":[{"team":"T","channel":"General"}]}}
                """, Map.of());
        assertEquals("slack:C0PASS0001", r.routesFor("50126", catalog).get(0).targets().get(0).key());
        assertEquals("teams:T » General", r.routesFor("1", catalog).get(0).targets().get(0).key());
    }

    @Test
    void theEnvironmentAloneCanGiveTheDefaultRoute() {
        AlertRouting r = AlertRouting.fromEnvironment(Map.of("ALERTS_SLACK_CHANNEL", "C0ENV00001, C0ENV00002",
                "ALERTS_TEAMS_CHANNEL", "Identity Helpdesk/Alerts", "ALERTS_GROUP_WAIT", "1s"));
        List<String> keys = r.defaultRoute().targets().stream().map(AlertTarget::key).toList();
        assertEquals(List.of("slack:C0ENV00001", "slack:C0ENV00002", "teams:Identity Helpdesk » Alerts"), keys);
        assertEquals(Duration.ofSeconds(1), r.timings().groupWait());
    }

    @Test
    void aSlackTargetCanNameItsWorkspaceOrOrganization() throws IOException {
        AlertRouting r = routing("routes.yaml", """
                routes:
                  - name: contoso
                    match:
                      codes: [50126]
                    slack: [T0CONTOSO1/C0ALERTS01, E0GRIDORG1/C0ALERTS02]
                default_route:
                  slack: [C0DEFAULT1]
                """, Map.of());
        List<AlertTarget> targets = r.routesFor("50126", catalog).get(0).targets();
        assertEquals("slack:T0CONTOSO1/C0ALERTS01", targets.get(0).key());
        assertEquals("T0CONTOSO1", targets.get(0).slackWorkspace());
        assertEquals("C0ALERTS01", targets.get(0).slackChannel());
        assertEquals("E0GRIDORG1", targets.get(1).slackWorkspace());
        AlertTarget bare = r.defaultRoute().targets().get(0);
        assertEquals(null, bare.slackWorkspace());
        assertEquals("C0DEFAULT1", bare.slackChannel());
        assertEquals(targets.get(0), AlertTarget.fromKey(targets.get(0).key()), "the store's key reads back");

        AlertConfigException e = assertThrows(AlertConfigException.class, () -> routing("bad.yaml", """
                routes:
                  - name: x
                    match:
                      codes: [50126]
                    slack: [contoso/C0ALERTS01]
                default_route:
                  slack: [C0DEFAULT1]
                """, Map.of()));
        assertTrue(e.getMessage().contains("T0123ABCD/C0123ABCD"), e.getMessage());
    }

    @Test
    void withoutAnyDefaultRouteAlertsCouldBeLostSoStartIsRefused() {
        AlertConfigException e = assertThrows(AlertConfigException.class, () -> AlertRouting.fromEnvironment(Map.of()));
        assertTrue(e.getMessage().contains("ALERTS_SLACK_CHANNEL"), e.getMessage());
    }

    @Test
    void mistakesNameTheFileAndLine() throws IOException {
        String typo = ROUTES.replace("    slack: [C0PASS0001]", "    slak: [C0PASS0001]");
        AlertConfigException e = assertThrows(AlertConfigException.class, () -> routing("typo.yaml", typo, Map.of()));
        assertTrue(e.getMessage().contains("typo.yaml:8"), e.getMessage());
        assertTrue(e.getMessage().contains("slak"), e.getMessage());

        String channelName = ROUTES.replace("[C0PASS0001]", "[\"#passwords\"]");
        e = assertThrows(AlertConfigException.class, () -> routing("name.yaml", channelName, Map.of()));
        assertTrue(e.getMessage().contains("name.yaml:8"), e.getMessage());
        assertTrue(e.getMessage().contains("not a Slack channel id"), e.getMessage());

        String badCategory = ROUTES.replace("[conditional-access]", "[conditional-acess]");
        e = assertThrows(AlertConfigException.class, () -> routing("cat.yaml", badCategory, Map.of()));
        assertTrue(e.getMessage().contains("cat.yaml:18"), e.getMessage());

        e = assertThrows(AlertConfigException.class, () -> routing("dur.yaml",
                ROUTES.replace("group_wait: 10s", "group_wait: soon"), Map.of()));
        assertTrue(e.getMessage().contains("dur.yaml:2") && e.getMessage().contains("group_wait"), e.getMessage());

        e = assertThrows(AlertConfigException.class, () -> routing("broken.yaml", "routes: [\n  - name: x\n  slack", Map.of()));
        assertTrue(e.getMessage().startsWith(dir.resolve("broken.yaml") + ":"), e.getMessage());
    }
}
