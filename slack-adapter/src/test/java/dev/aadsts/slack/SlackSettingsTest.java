package dev.aadsts.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The three Slack modes from the environment, and the half-configured distribution mode refused clearly. */
class SlackSettingsTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private static Map<String, String> distribution() {
        Map<String, String> env = new HashMap<>(Map.of("SLACK_CLIENT_ID", "1.2", "SLACK_CLIENT_SECRET", "cs",
                "SLACK_SIGNING_SECRET", "ss", "SLACK_STATE_KEY", KEY));
        return env;
    }

    private static String refusal(Map<String, String> env) {
        return assertThrows(IllegalArgumentException.class,
                () -> SlackSettings.fromEnvironment(env, new StringBuilder())).getMessage();
    }

    @Test
    void clientIdAndSecretTurnOnDistributionMode() {
        SlackSettings settings = SlackSettings.fromEnvironment(distribution(), new StringBuilder());
        assertTrue(settings.distributed());
        assertFalse(settings.socketMode());
        assertNull(settings.botToken());
        assertEquals(SlackSettings.DEFAULT_SCOPES, settings.distribution().scopes());
        assertFalse(settings.toString().contains("cs"), settings.toString());
        assertFalse(settings.distribution().toString().contains("cs"), "the client secret stays out of logs");
    }

    @Test
    void singleWorkspaceModeIsUnchanged() {
        SlackSettings single = SlackSettings.fromEnvironment(Map.of("SLACK_BOT_TOKEN", "xoxb-1",
                "SLACK_SIGNING_SECRET", "ss"), new StringBuilder());
        assertFalse(single.distributed());
        assertEquals("xoxb-1", single.botToken());
    }

    @Test
    void halfADistributionSetupIsRefusedWithWhatIsMissing() {
        Map<String, String> noSecret = distribution();
        noSecret.remove("SLACK_CLIENT_SECRET");
        assertTrue(refusal(noSecret).contains("SLACK_CLIENT_SECRET is not set"));

        Map<String, String> noSigning = distribution();
        noSigning.remove("SLACK_SIGNING_SECRET");
        assertTrue(refusal(noSigning).contains("SLACK_SIGNING_SECRET"));

        Map<String, String> noKey = distribution();
        noKey.remove("SLACK_STATE_KEY");
        assertTrue(refusal(noKey).contains("SLACK_STATE_KEY is not set"));

        Map<String, String> bothModes = distribution();
        bothModes.put("SLACK_BOT_TOKEN", "xoxb-1");
        assertTrue(refusal(bothModes).contains("unset one of them"));

        Map<String, String> socket = distribution();
        socket.put("SLACK_APP_TOKEN", "xapp-1");
        assertTrue(refusal(socket).contains("SLACK_APP_TOKEN"));

        Map<String, String> plainHttp = distribution();
        plainHttp.put("SLACK_REDIRECT_URI", "http://bot.example.com/slack/oauth_redirect");
        assertTrue(refusal(plainHttp).contains("https"));
    }
}
