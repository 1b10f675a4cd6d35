package dev.aadsts.app.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.app.BotApp;
import dev.aadsts.app.ops.ConfigCheck;
import dev.aadsts.core.BotCore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check-config and serve on distribution mode's settings: what is on, and what stops it, without secrets. */
class SlackDistributionConfigTest {
    private static final String KEY = Base64.getEncoder().encodeToString(
            "an-aes-256-key-of-32-bytes-long!".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    Path dir;

    private Map<String, String> env(String key) {
        Map<String, String> env = new HashMap<>(Map.of("DATA_DIR", dir.toString(), "PORT", "0",
                "BIND_ADDRESS", "127.0.0.1", "SLACK_CLIENT_ID", "1111.2222", "SLACK_CLIENT_SECRET", "the-client-secret",
                "SLACK_SIGNING_SECRET", "the-signing-secret"));
        env.put("SLACK_STATE_KEY", key);
        return env;
    }

    private static String check(Map<String, String> env, int expectedStatus) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new ConfigCheck(env, new PrintStream(out, true)).run();
        assertEquals(expectedStatus, status, out.toString());
        return out.toString();
    }

    @Test
    void checkConfigShowsDistributionModeWithItsSecretsOnlyAsSet() {
        String out = check(env(KEY), 0);
        assertTrue(out.contains("on for any workspace that installs it: GET /slack/install"), out);
        assertTrue(out.contains("SLACK_CLIENT_ID              1111.2222"), out);
        assertTrue(out.contains("SLACK_STATE_KEY              set"), out);
        assertFalse(out.contains(KEY), "the key is never printed");
        assertFalse(out.contains("the-client-secret"));
    }

    @Test
    void aBadKeyStopsCheckConfigAndServeWithTheReason() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        String out = check(env(shortKey), 2);
        assertTrue(out.contains("Slack: SLACK_STATE_KEY must be 32 bytes of base64"), out);
        assertFalse(out.contains(shortKey), "the key is never printed");

        BotApp.ConfigException refused = assertThrows(BotApp.ConfigException.class,
                () -> BotApp.start(env(shortKey), BotCore.load()));
        assertTrue(refused.getMessage().contains("SLACK_STATE_KEY"), refused.getMessage());
    }

    @Test
    void aSlackDestinationWithoutItsWorkspaceIsRefusedAtStart() {
        Map<String, String> bare = env(KEY);
        bare.put("ALERTS_TOKEN", "alerts-token-for-tests");
        bare.put("ALERTS_SLACK_CHANNEL", "C0ALERTS01");
        String out = check(bare, 2);
        assertTrue(out.contains("Slack: alert target C0ALERTS01 names no workspace"), out);
        BotApp.ConfigException refused = assertThrows(BotApp.ConfigException.class,
                () -> BotApp.start(bare, BotCore.load()));
        assertTrue(refused.getMessage().contains("T0123ABCD/C0ALERTS01"), refused.getMessage());

        Map<String, String> named = env(KEY);
        named.put("ALERTS_TOKEN", "alerts-token-for-tests");
        named.put("ALERTS_SLACK_CHANNEL", "T0CONTOSO1/C0ALERTS01");
        named.put("STATS_DIGEST_CHANNEL", "C0DIGEST01");
        assertTrue(check(named, 2).contains("STATS_DIGEST_CHANNEL C0DIGEST01 names no workspace"));
        named.put("STATS_DIGEST_CHANNEL", "T0CONTOSO1/C0DIGEST01");
        check(named, 0);
    }
}
