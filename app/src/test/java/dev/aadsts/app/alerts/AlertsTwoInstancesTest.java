package dev.aadsts.app.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.app.BotApp;
import dev.aadsts.app.slack.SlackStandIn;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.store.AlertGroup;
import dev.aadsts.store.testing.PostgresServer;
import dev.aadsts.store.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Two bot instances on one real PostgreSQL server, both taking alerts and both dispatching: every group's
 * card is posted exactly once, and the counts add up across instances.
 */
class AlertsTwoInstancesTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void eachGroupIsDeliveredByExactlyOneInstance() throws Exception {
        BotCore core = BotCore.load();
        try (TestDatabase db = PostgresServer.shared().createDatabase(); SlackStandIn slack = new SlackStandIn()) {
            Map<String, String> env = new HashMap<>();
            env.put("PORT", "0");
            env.put("BIND_ADDRESS", "127.0.0.1");
            env.put("DATABASE_URL", db.url());
            env.put("SLACK_BOT_TOKEN", "xoxb-two-instances");
            env.put("SLACK_SIGNING_SECRET", "two-instances-secret");
            env.put("SLACK_API_URL", slack.apiUrl());
            env.put("ALERTS_TOKEN", AlertsEndToEndTest.TOKEN);
            env.put("ALERTS_SLACK_CHANNEL", "C0TWOINST1");
            env.put("ALERTS_GROUP_WAIT", "1s");
            env.put("ALERTS_GROUP_INTERVAL", "1h");
            env.put("ALERTS_POLL_MILLIS", "50");
            String[] codes = {"50126", "50053", "53003", "700016", "7000215", "50076", "65001", "90072"};
            try (BotApp a = BotApp.start(env, core); BotApp b = BotApp.start(env, core)) {
                for (int i = 0; i < 40; i++) {
                    BotApp to = i % 2 == 0 ? a : b;
                    String body = AlertsEndToEndTest.graphSignIns(codes[i % codes.length], 5, i * 5);
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + to.server().port() + "/api/alerts")).header("Authorization", "Bearer "
                            + AlertsEndToEndTest.TOKEN).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(202, r.statusCode(), r.body());
                }
                Map<String, Integer> posts = new TreeMap<>();
                for (int i = 0; i < codes.length; i++) {
                    SlackStandIn.Call call = slack.next("/api/chat.postMessage", Duration.ofSeconds(30));
                    assertTrue(call != null, "delivered so far: " + posts);
                    String text = call.form().get("text");
                    posts.merge(text.substring(6, text.indexOf(' ')), 1, Integer::sum);
                }
                assertNull(slack.next("/api/chat.postMessage", Duration.ofSeconds(3)), "no group posted twice");
                assertEquals(codes.length, posts.size());
                posts.values().forEach(n -> assertEquals(1, n));
                List<AlertGroup> groups = a.store().alertGroups().forTarget("slack:C0TWOINST1");
                assertEquals(codes.length, groups.size());
                assertEquals(200, groups.stream().mapToLong(AlertGroup::count).sum(), "every alert counted once");
                assertEquals(200, b.store().alertGroups().storedAlerts());
            }
        }
    }
}
