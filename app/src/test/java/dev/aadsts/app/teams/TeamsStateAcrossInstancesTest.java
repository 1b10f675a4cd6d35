package dev.aadsts.app.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aadsts.app.BotApp;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.stats.Helpfulness;
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
import org.junit.jupiter.api.Test;

/**
 * Two Teams bot instances on one PostgreSQL database, as behind a load balancer: a card posted by one works
 * when its button is clicked on the other (the card's data carries everything), and an activity Teams
 * redelivers to the other instance is answered once.
 */
class TeamsStateAcrossInstancesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(BotApp app, JsonNode activity) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.server().port()
                        + "/api/messages")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(activity))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCardFromOneInstanceWorksOnTheOtherAndARedeliveryIsAnsweredOnce() throws Exception {
        BotCore core = BotCore.load();
        try (TestDatabase db = PostgresServer.shared().createDatabase(); ConnectorStandIn connector =
                new ConnectorStandIn()) {
            TeamsActivities activities = new TeamsActivities(connector.serviceUrl());
            Map<String, String> env = new HashMap<>();
            env.put("PORT", "0");
            env.put("BIND_ADDRESS", "127.0.0.1");
            env.put("DATABASE_URL", db.url());
            try (BotApp first = BotApp.start(env, core); BotApp second = BotApp.start(env, core)) {
                ObjectNode paste = activities.personalMessage("AADSTS50126");
                post(first, paste);
                ConnectorStandIn.Call answer = connector.next(WAIT);
                assertNotNull(answer, "the first instance answers");
                post(second, paste);
                connector.expectNothing(Duration.ofSeconds(2));

                JsonNode helpful = null;
                for (JsonNode block : answer.body().at("/attachments/0/content/body")) {
                    for (JsonNode action : block.path("actions")) {
                        if ("helpful".equals(action.at("/data/vote").asText())) {
                            helpful = action.get("data");
                        }
                    }
                }
                assertNotNull(helpful, answer.body().toString());
                post(second, activities.cardSubmit(helpful, "aad-voter-replica"));
                ConnectorStandIn.Call thanks = connector.next(WAIT);
                assertNotNull(thanks, "the other instance handles the click");
                assertTrue(thanks.body().toString().contains("Thanks for the feedback on AADSTS50126"),
                        thanks.body().toString());
                assertEquals(List.of(new Helpfulness("50126", 1, 0)), first.store().stats().helpfulness(10));
            }
        }
    }
}
