package dev.aadsts.slack;

import dev.aadsts.slack.install.TokenSeal;
import java.util.Map;

/**
 * Slack's credentials from the environment, in one of three modes. Single workspace, HTTP: the bot token and
 * signing secret. Single workspace, Socket Mode ({@code SLACK_APP_TOKEN} set): the bot token and the
 * app-level token. Distribution (installed in many workspaces through {@code /slack/install}): the client id
 * and secret, the signing secret, and {@code SLACK_STATE_KEY}, which encrypts the tokens each install leaves.
 */
public record SlackSettings(String botToken, String signingSecret, String appToken, String apiUrl,
                            Distribution distribution) {
    public static final String DEFAULT_API_URL = "https://slack.com/api/";

    /** Bot scopes an install asks for; the same list as deploy/slack/manifest-distribution.yml. */
    public static final String DEFAULT_SCOPES = "app_mentions:read,channels:history,groups:history,im:history,"
            + "mpim:history,chat:write,chat:write.public,im:write,usergroups:read,commands,links:read,links:write";

    /** Distribution mode's settings; {@code redirectUri} may be null (Slack then uses the app's only one). */
    public record Distribution(String clientId, String clientSecret, TokenSeal seal, String scopes,
                               String redirectUri) {
        @Override
        public String toString() {
            return "Distribution[clientId=" + clientId + ", scopes=" + scopes + ", redirectUri=" + redirectUri + "]";
        }
    }

    /**
     * The settings, or null with {@code why} explaining what is missing (Slack then stays off).
     *
     * @throws IllegalArgumentException distribution mode is asked for and cannot work (the message says why)
     */
    public static SlackSettings fromEnvironment(Map<String, String> env, StringBuilder why) {
        String bot = value(env, "SLACK_BOT_TOKEN");
        String secret = value(env, "SLACK_SIGNING_SECRET");
        String app = value(env, "SLACK_APP_TOKEN");
        String api = value(env, "SLACK_API_URL");
        if (api == null) {
            api = DEFAULT_API_URL;
        } else if (!api.endsWith("/")) {
            api = api + "/";
        }
        if (value(env, "SLACK_CLIENT_ID") != null || value(env, "SLACK_CLIENT_SECRET") != null) {
            return new SlackSettings(null, secret, null, api, distribution(env, bot, secret, app));
        }
        if (bot == null) {
            why.append(secret == null && app == null ? "no SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET or SLACK_APP_TOKEN set"
                    : "SLACK_BOT_TOKEN is not set");
            return null;
        }
        if (app == null && secret == null) {
            why.append("SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode) is not set");
            return null;
        }
        return new SlackSettings(bot, secret, app, api, null);
    }

    private static Distribution distribution(Map<String, String> env, String bot, String secret, String app) {
        String clientId = value(env, "SLACK_CLIENT_ID");
        String clientSecret = value(env, "SLACK_CLIENT_SECRET");
        if (clientId == null || clientSecret == null) {
            throw new IllegalArgumentException("distribution mode needs both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET; "
                    + (clientId == null ? "SLACK_CLIENT_ID" : "SLACK_CLIENT_SECRET") + " is not set");
        }
        if (secret == null) {
            throw new IllegalArgumentException("distribution mode needs SLACK_SIGNING_SECRET (Slack calls "
                    + "/slack/events in every workspace)");
        }
        if (bot != null) {
            throw new IllegalArgumentException("SLACK_BOT_TOKEN (one workspace) and SLACK_CLIENT_ID (installed in many "
                    + "through /slack/install) are two different modes; unset one of them");
        }
        if (app != null) {
            throw new IllegalArgumentException("distribution mode runs over HTTP (/slack/events); unset SLACK_APP_TOKEN");
        }
        TokenSeal seal = TokenSeal.fromBase64(value(env, TokenSeal.KEY_VARIABLE));
        String scopes = value(env, "SLACK_SCOPES");
        String redirect = value(env, "SLACK_REDIRECT_URI");
        if (redirect != null && !redirect.startsWith("https://") && !redirect.startsWith("http://localhost")
                && !redirect.startsWith("http://127.0.0.1")) {
            throw new IllegalArgumentException("SLACK_REDIRECT_URI must be an https URL ending in /slack/oauth_redirect");
        }
        return new Distribution(clientId, clientSecret, seal, scopes == null ? DEFAULT_SCOPES : scopes, redirect);
    }

    public boolean socketMode() {
        return appToken != null;
    }

    /** Installed in many workspaces through the OAuth flow, each answered with its own token. */
    public boolean distributed() {
        return distribution != null;
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    @Override
    public String toString() {
        // Never let a token reach a log line through toString().
        return "SlackSettings[mode=" + (distributed() ? "distribution" : socketMode() ? "socket" : "http")
                + ", apiUrl=" + apiUrl + "]";
    }
}
