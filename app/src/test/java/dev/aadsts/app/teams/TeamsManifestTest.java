package dev.aadsts.app.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Teams app package's manifest agrees with what the adapter handles. */
class TeamsManifestTest {
    private static final Path TEAMS = Path.of("..", "deploy", "teams");

    @Test
    void manifestDeclaresTheBotTheComposeExtensionAndResourceSpecificConsent() throws IOException {
        JsonNode m = new ObjectMapper().readTree(TEAMS.resolve("manifest.json").toFile());
        assertEquals("1.17", m.path("manifestVersion").asText());
        JsonNode bot = m.path("bots").path(0);
        assertEquals("${{BOT_ID}}", bot.path("botId").asText());
        Set<String> scopes = new HashSet<>();
        bot.path("scopes").forEach(s -> scopes.add(s.asText()));
        assertEquals(Set.of("personal", "team", "groupChat"), scopes);
        bot.path("commandLists").forEach(list -> {
            Set<String> titles = new HashSet<>();
            list.path("commands").forEach(c -> titles.add(c.path("title").asText()));
            assertEquals(Set.of("aadsts", "search", "stats", "help", "signin"), titles,
                    "the router's commands, stats and the sign-in lookup");
        });

        JsonNode ext = m.path("composeExtensions").path(0);
        assertEquals("${{BOT_ID}}", ext.path("botId").asText());
        JsonNode command = ext.path("commands").path(0);
        assertEquals("query", command.path("type").asText());
        assertEquals("query", command.path("parameters").path(0).path("name").asText(),
                "the handler reads the parameter called query");

        JsonNode links = ext.path("messageHandlers").path(0);
        assertEquals("link", links.path("type").asText());
        Set<String> domains = new HashSet<>();
        links.at("/value/domains").forEach(d -> domains.add(d.asText()));
        assertEquals(Set.copyOf(dev.aadsts.core.link.ErrorLinks.DOMAINS), domains, "the links the bot previews");

        Set<String> permissions = new HashSet<>();
        m.at("/authorization/permissions/resourceSpecific").forEach(p -> permissions.add(p.path("name").asText()));
        assertTrue(permissions.containsAll(Set.of("ChannelMessage.Read.Group", "ChatMessage.Read.Chat")), permissions
                .toString());
        assertEquals("${{BOT_DOMAIN}}", m.path("validDomains").path(0).asText());
        assertEquals("${{BOT_ID}}", m.at("/webApplicationInfo/id").asText());
    }

    @Test
    void iconsHaveTheSizesTeamsRequires() throws IOException {
        assertEquals(192, pngWidth(TEAMS.resolve("color.png")));
        assertEquals(32, pngWidth(TEAMS.resolve("outline.png")));
    }

    private static int pngWidth(Path png) throws IOException {
        try (InputStream in = Files.newInputStream(png); DataInputStream data = new DataInputStream(in)) {
            data.skipNBytes(16); // signature (8) + IHDR length and type (8)
            int width = data.readInt();
            int height = data.readInt();
            assertEquals(width, height, png + " must be square");
            return width;
        }
    }
}
