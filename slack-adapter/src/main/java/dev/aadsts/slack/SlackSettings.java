package dev.aadsts.slack;

import java.util.Map;

/**
 * Slack's credentials from the environment. HTTP mode needs the bot token and signing secret; Socket
 * Mode (when {@code SLACK_APP_TOKEN} is set) needs the bot token and the app-level token.
 */
public record SlackSettings(String botToken, String signingSecret, String appToken, String apiUrl) {
    public static final String DEFAULT_API_URL = "https://slack.com/api/";

    /** The settings, or null with {@code why} explaining what is missing (Slack then stays off). */
    public static SlackSettings fromEnvironment(Map<String, String> env, StringBuilder why) {
        String bot = value(env, "SLACK_BOT_TOKEN");
        String secret = value(env, "SLACK_SIGNING_SECRET");
        String app = value(env, "SLACK_APP_TOKEN");
        String api = value(env, "SLACK_API_URL");
        if (bot == null) {
            why.append(secret == null && app == null ? "no SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET or SLACK_APP_TOKEN set"
                    : "SLACK_BOT_TOKEN is not set");
            return null;
        }
        if (app == null && secret == null) {
            why.append("SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode) is not set");
            return null;
        }
        if (api == null) {
            api = DEFAULT_API_URL;
        } else if (!api.endsWith("/")) {
            api = api + "/";
        }
        return new SlackSettings(bot, secret, app, api);
    }

    public boolean socketMode() {
        return appToken != null;
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    @Override
    public String toString() {
        // Never let a token reach a log line through toString().
        return "SlackSettings[mode=" + (socketMode() ? "socket" : "http") + ", apiUrl=" + apiUrl + "]";
    }
}
