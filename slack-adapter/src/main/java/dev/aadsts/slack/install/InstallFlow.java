package dev.aadsts.slack.install;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.service.InstallationService;
import com.slack.api.bolt.service.builtin.oauth.OAuthV2AccessErrorHandler;
import com.slack.api.bolt.util.QueryStringParser;
import com.slack.api.bolt.util.SlackRequestParser;
import com.slack.api.token_rotation.TokenRotator;
import dev.aadsts.core.store.SlackInstallations;
import dev.aadsts.slack.SlackSettings;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth v2 install flow on Bolt: {@code GET /slack/install} hands the browser a fresh {@code state} (kept in
 * the store and in a cookie) and the "Add to Slack" page; {@code GET /slack/oauth_redirect} checks that state
 * against both, exchanges the code with {@code oauth.v2.access} and saves the install. Refusals are 400s with a
 * short page saying what to do; nothing a browser sent is echoed unescaped, and the code is never logged.
 */
public final class InstallFlow {
    private static final Logger LOG = LoggerFactory.getLogger(InstallFlow.class);

    public static final String INSTALL_PATH = "/slack/install";
    public static final String REDIRECT_PATH = "/slack/oauth_redirect";

    private final App app;
    private final SlackRequestParser parser;
    private final InstallationService stored;
    private final InstallationService installations;

    private InstallFlow(App app, InstallationService stored, InstallationService installations) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.stored = stored;
        this.installations = installations;
    }

    /** A browser's answer: status, type, body and headers (the state cookie, a redirect's Location). */
    public record Answer(int status, String contentType, String body, Map<String, List<String>> headers) {
    }

    /** Distribution mode's part of Bolt's configuration: the client, the scopes, the two paths. */
    public static void configure(AppConfig.AppConfigBuilder config, SlackSettings.Distribution distribution) {
        config.clientId(distribution.clientId()).clientSecret(distribution.clientSecret())
                .scope(distribution.scopes()).userScope(null).redirectUri(distribution.redirectUri())
                .oauthInstallPath(INSTALL_PATH).oauthRedirectUriPath(REDIRECT_PATH).appPath(null)
                .stateValidationEnabled(true)
                .oauthCancellationUrl(null).oauthCompletionUrl(null);
    }

    /**
     * Turns the flow on in {@code app}: installs and states kept in {@code rows}, tokens sealed with the
     * distribution's key and refreshed by {@code slack}'s {@code oauth.v2.access} when due.
     */
    public static InstallFlow register(App app, Slack slack, SlackSettings.Distribution distribution,
                                       SlackInstallations rows) {
        StoredInstallationService stored = new StoredInstallationService(rows, distribution.seal());
        InstallationService installations = new RotatingInstallationService(stored, new TokenRotator(slack.methods(),
                TokenRotator.DEFAULT_MILLISECONDS_BEFORE_EXPIRATION, distribution.clientId(),
                distribution.clientSecret()));
        app.asOAuthApp(true);
        app.service(new StoredOAuthStateService(rows, Clock.systemUTC()));
        app.service(installations);
        app.oauthCallbackStateError((request, response) -> refuse(response,
                "This install link has expired or was not started in this browser. Start again at "
                        + INSTALL_PATH + "."));
        app.oauthCallbackError((request, response) -> refuse(response,
                "Slack did not complete the install (" + request.getPayload().getError() + "). Start again at "
                        + INSTALL_PATH + "."));
        app.oauthCallbackAccessError((OAuthV2AccessErrorHandler) (request, response, api) -> {
            LOG.warn("oauth.v2.access refused an install: {}", api.getError());
            return refuse(response, "Slack refused the install (" + api.getError() + "). Start again at "
                    + INSTALL_PATH + ".");
        });
        app.oauthCallbackException((request, response, e) -> {
            LOG.error("a Slack install failed: {}", e.getMessage());
            response.setStatusCode(500);
            response.setContentType("text/html; charset=utf-8");
            response.setBody(Html.page("Install failed", "The install could not be completed; see the server log."));
            return response;
        });
        return new InstallFlow(app, stored, installations);
    }

    /** The installs as stored, without refreshing: for uninstalls and revocations, whose tokens are dead. */
    public InstallationService stored() {
        return stored;
    }

    /** Each workspace's bot token, refreshed first when it is about to expire. */
    public BotTokens botTokens() {
        return BotTokens.installed(installations);
    }

    private static Response refuse(Response response, String text) {
        response.setStatusCode(400);
        response.setContentType("text/html; charset=utf-8");
        response.setBody(Html.page("Install not completed", text));
        return response;
    }

    /** One browser request to {@link #INSTALL_PATH} or {@link #REDIRECT_PATH}. */
    public Answer handle(String path, String rawQuery, Map<String, List<String>> headers, String remoteAddress) {
        Request<?> request;
        try {
            request = parser.parse(SlackRequestParser.HttpRequest.builder().requestUri(path)
                    .queryString(QueryStringParser.toMap(rawQuery == null ? "" : rawQuery))
                    .headers(new RequestHeaders(headers)).requestBody("").remoteAddress(remoteAddress).build());
        } catch (RuntimeException e) {
            // Bolt's query parser throws on malformed pairs and percent escapes instead of skipping them.
            return new Answer(400, "text/plain; charset=utf-8", "malformed query string", Map.of());
        }
        if (request == null) {
            return new Answer(404, "text/plain; charset=utf-8", "not an install path", Map.of());
        }
        try {
            Response response = app.run(request);
            return new Answer(response.getStatusCode(), response.getContentType(), response.getBody(),
                    response.getHeaders() == null ? Map.of() : response.getHeaders());
        } catch (Exception e) {
            LOG.error("Slack install request failed", e);
            return new Answer(500, "text/plain; charset=utf-8", "internal error; see the server log", Map.of());
        }
    }

    /** The few HTML pages of the flow that are ours (Bolt renders the "Add to Slack" and success pages). */
    static final class Html {
        private Html() {
        }

        static String page(String title, String text) {
            return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                    + "</title></head><body><h1>" + escape(title) + "</h1><p>" + escape(text) + "</p></body></html>";
        }

        static String escape(String s) {
            if (s == null) {
                return "";
            }
            StringBuilder out = new StringBuilder(s.length());
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '&' -> out.append("&amp;");
                    case '"' -> out.append("&quot;");
                    case '\'' -> out.append("&#39;");
                    default -> out.append(c);
                }
            }
            return out.toString();
        }
    }
}
