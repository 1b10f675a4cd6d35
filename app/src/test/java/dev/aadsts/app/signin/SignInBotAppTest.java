package dev.aadsts.app.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aadsts.app.BotApp;
import dev.aadsts.app.teams.ConnectorStandIn;
import dev.aadsts.app.teams.TeamsActivities;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.store.SignInAudit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s own wiring: settings checked before start, the lookup on for Teams, lookups in /metrics. */
class SignInBotAppTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void aWrongAllowListStopsServeBeforeAnythingStarts() {
        Map<String, String> env = Map.of("PORT", "0", "DATA_DIR", dataDir.toString(),
                "SIGNIN_TEAMS_USERS", "6b9f1a4c-2f2c-4e7e-9a57-0f9a6c0c9a11");
        BotApp.ConfigException e = assertThrows(BotApp.ConfigException.class, () -> BotApp.start(env, BotCore.load()));
        assertTrue(e.getMessage().contains("GRAPH_TENANT_ID"), e.getMessage());
    }

    @Test
    void serveTurnsTheLookupOnAndCountsARefusalInTheMetrics() throws Exception {
        SignInFixtures fixtures = new SignInFixtures();
        try (ConnectorStandIn connector = new ConnectorStandIn()) {
            Map<String, String> env = new HashMap<>(fixtures.graph.env());
            env.putAll(Map.of("PORT", "0", "DATA_DIR", dataDir.toString(), "MANAGEMENT_PORT", "0",
                    "SIGNIN_TEAMS_USERS", "0b8b7a9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"));
            try (BotApp app = BotApp.start(env, BotCore.load())) {
                TeamsActivities activities = new TeamsActivities(connector.serviceUrl());
                post(app, JSON.writeValueAsString(activities.personalMessage("AADSTS53000: Device is not in "
                        + "required device state. Correlation ID: " + SignInFixtures.BLOCKED)));
                String card = connector.next(Duration.ofSeconds(15)).body().toString();
                assertTrue(card.contains("aadsts_investigate"), card);

                var click = JSON.createObjectNode().put("action", "aadsts_investigate")
                        .put("value", SignInFixtures.BLOCKED).put("code", "53000");
                post(app, JSON.writeValueAsString(activities.cardSubmit(click,
                        "6b9f1a4c-2f2c-4e7e-9a57-0f9a6c0c9a11")));
                String refusal = connector.next(Duration.ofSeconds(15)).body().toString();
                assertTrue(refusal.contains("limited to the people your administrators named"), refusal);
                assertEquals(SignInAudit.Outcome.DENIED, app.store().signInAudit().latest(1).get(0).outcome());
                String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + app.server().managementPort() + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(metrics.contains("aadsts_signin_lookups_total{outcome=\"denied\"} 1.0"), metrics);
                assertTrue(metrics.contains("aadsts_signin_lookups_total{outcome=\"found\"} 0.0"), metrics);
            }
        } finally {
            fixtures.close();
        }
    }

    private static void post(BotApp app, String activity) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.server().port()
                + "/api/messages")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(activity)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }
}
