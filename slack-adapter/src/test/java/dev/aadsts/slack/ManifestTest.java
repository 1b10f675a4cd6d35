package dev.aadsts.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped manifests ask for what the adapter handles: its events, its command, its scopes. */
class ManifestTest {
    private static final List<String> NEEDED = List.of("command: /aadsts", "app_mention", "message.channels",
            "message.groups", "message.im", "message.mpim", "chat:write", "commands", "app_mentions:read",
            "channels:history", "groups:history", "im:history", "mpim:history", "interactivity:",
            "is_enabled: true", "home_tab_enabled: true", "app_home_opened", "link_shared", "links:read",
            "links:write", "im:write", "usergroups:read", "unfurl_domains:\n    - login.microsoftonline.com\n    - learn.microsoft.com");

    private static String read(String name) throws IOException {
        return Files.readString(Path.of("..", "deploy", "slack", name));
    }

    @Test
    void socketModeManifest() throws IOException {
        String manifest = read("manifest.yml");
        NEEDED.forEach(n -> assertTrue(manifest.contains(n), n));
        assertTrue(manifest.contains("socket_mode_enabled: true"));
        assertTrue(!manifest.contains("request_url"), "Socket Mode needs no URL");
    }

    @Test
    void httpManifestPointsEverythingAtOneUrl() throws IOException {
        String manifest = read("manifest-http.yml");
        NEEDED.forEach(n -> assertTrue(manifest.contains(n), n));
        assertTrue(manifest.contains("socket_mode_enabled: false"));
        long urls = manifest.lines().filter(l -> l.strip().matches("(request_)?url: https://bot\\.example\\.com/slack/events"))
                .count();
        assertTrue(urls == 3, "events, command and interactivity share /slack/events: " + urls);
    }

    @Test
    void distributionManifestAsksForWhatAnInstallRequestsAndEnablesGridAndRotation() throws IOException {
        String manifest = read("manifest-distribution.yml");
        NEEDED.forEach(n -> assertTrue(manifest.contains(n), n));
        assertTrue(manifest.contains("redirect_urls:\n    - https://bot.example.com/slack/oauth_redirect"));
        assertTrue(manifest.contains("org_deploy_enabled: true"));
        assertTrue(manifest.contains("token_rotation_enabled: true"));
        assertTrue(manifest.contains("      - app_uninstalled\n      - tokens_revoked\n"), "uninstalls reach the bot");
        assertTrue(manifest.contains("socket_mode_enabled: false"));
        for (String scope : SlackSettings.DEFAULT_SCOPES.split(",")) {
            assertTrue(manifest.contains("      - " + scope + "\n"), "the install asks for " + scope);
        }
        long scopes = manifest.lines().dropWhile(l -> !l.strip().equals("bot:")).skip(1)
                .takeWhile(l -> l.startsWith("      - ")).count();
        assertEquals(SlackSettings.DEFAULT_SCOPES.split(",").length, scopes, "no scope the install does not ask for");
    }
}
