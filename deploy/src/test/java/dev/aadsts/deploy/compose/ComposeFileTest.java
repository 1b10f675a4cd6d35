package dev.aadsts.deploy.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aadsts.deploy.Paths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComposeFileTest {
    private static final Path DIR = Paths.deployDir().resolve("compose");
    private final JsonNode compose = read(DIR.resolve("compose.yaml"));
    private final JsonNode bot = compose.path("services").path("bot");
    private final JsonNode db = compose.path("services").path("db");

    @Test
    void runsTheBotAndPostgres16() {
        assertEquals(List.of("bot", "db"), sorted(compose.path("services").fieldNames()));
        assertTrue(db.path("image").asText().startsWith("postgres:16"), db.path("image").asText());
        assertEquals("../..", bot.path("build").path("context").asText(), "builds the repository's Dockerfile");
    }

    @Test
    void botStartsOnlyOnceTheDatabaseIsHealthy() {
        assertEquals("service_healthy", bot.path("depends_on").path("db").path("condition").asText());
        assertTrue(db.path("healthcheck").path("test").toString().contains("pg_isready"));
        assertTrue(bot.path("healthcheck").path("test").toString().contains("healthcheck.sh"),
                "the image's /readyz probe");
    }

    @Test
    void databaseKeepsItsFilesInANamedVolume() {
        String mount = db.path("volumes").get(0).asText();
        String volume = mount.substring(0, mount.indexOf(':'));
        assertEquals("/var/lib/postgresql/data", mount.substring(mount.indexOf(':') + 1));
        assertTrue(compose.path("volumes").has(volume), "volume " + volume + " not declared at the top level");
    }

    @Test
    void botUsesPostgresAndListensWhereProbesAndScrapersLook() {
        JsonNode env = bot.path("environment");
        assertTrue(env.path("DATABASE_URL").asText().matches("postgres://aadsts:\\$\\{POSTGRES_PASSWORD}@db:5432/aadsts"),
                env.path("DATABASE_URL").asText());
        assertEquals("0.0.0.0", env.path("BIND_ADDRESS").asText());
        assertEquals("9464", env.path("MANAGEMENT_PORT").asText());
        assertEquals("0.0.0.0", env.path("MANAGEMENT_BIND_ADDRESS").asText());
        assertFalse(env.has("SLACK_BOT_TOKEN") || env.has("MicrosoftAppPassword"), "credentials belong in .env");
    }

    @Test
    void botPublishesNoFixedHostPortSoItCanBeScaled() {
        assertTrue(bot.path("ports").size() > 0);
        for (JsonNode port : bot.path("ports")) {
            // "3978" is a container port (host side chosen per replica); "8080:3978" would clash at --scale bot=2.
            assertTrue(port.isTextual() && port.asText().matches("\\d+"), "fixed host port: " + port);
        }
        assertFalse(bot.has("container_name"), "a fixed container name also prevents scaling");
    }

    @Test
    void botRunsWithAReadOnlyRootAndNoCapabilities() {
        assertTrue(bot.path("read_only").asBoolean());
        assertEquals("/tmp", bot.path("tmpfs").get(0).asText());
        assertEquals("ALL", bot.path("cap_drop").get(0).asText());
    }

    @Test
    void exampleEnvironmentNamesEveryCredentialAndSetsNoneOfThem() throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve(".env.example"));
        for (String name : List.of("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_CLIENT_ID",
                "SLACK_CLIENT_SECRET", "SLACK_STATE_KEY", "MicrosoftAppId",
                "MicrosoftAppPassword", "MicrosoftAppTenantId", "MicrosoftAppType", "ALERTS_TOKEN",
                "ALERTS_SIGNING_SECRET")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("# " + name + "=")), name + " missing or set");
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("POSTGRES_PASSWORD=")));
    }

    private static List<String> sorted(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        list.sort(null);
        return list;
    }

    private static JsonNode read(Path file) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }
}
