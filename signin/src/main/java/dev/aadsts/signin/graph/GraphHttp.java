package dev.aadsts.signin.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * GET over Graph with its two house rules: follow {@code @odata.nextLink} until the collection ends, and on
 * 429/503/504 wait as long as {@code Retry-After} says before trying again. 401/403 become a
 * {@link GraphException} that says what to fix; nothing from a response body is logged.
 */
public final class GraphHttp {

    /** Graph's answer when the tenant lacks Entra ID P1/P2 for sign-in logs. */
    static final String NO_PREMIUM_LICENCE = "Authentication_RequestFromNonPremiumTenantOrB2CTenant";

    static final int MAX_ATTEMPTS = 5;
    /** Beyond this a chat answer is better off saying "try later" than hanging. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(60);
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(2);
    /** Sign-in collections are small per id; a runaway nextLink chain must still end. */
    static final int MAX_PAGES = 50;

    private final HttpClient http;
    private final GraphTokens tokens;
    private final Sleeper sleeper;
    private final ObjectMapper mapper = new ObjectMapper();
    private final String origin;

    public GraphHttp(URI endpoint, GraphTokens tokens, SSLContext tls, Sleeper sleeper) {
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.tokens = tokens;
        this.sleeper = sleeper;
        this.origin = endpoint.getScheme() + "://" + endpoint.getRawAuthority();
    }

    /** Every element of the collection at {@code first}, across pages. */
    public List<JsonNode> collection(URI first) {
        List<JsonNode> items = new ArrayList<>();
        URI next = first;
        for (int page = 0; next != null; page++) {
            if (page == MAX_PAGES) {
                throw new GraphException(GraphException.Reason.UNAVAILABLE,
                        "Graph kept paging past " + MAX_PAGES + " pages; giving up");
            }
            JsonNode body = get(next);
            body.path("value").forEach(items::add);
            String link = body.path("@odata.nextLink").asText(null);
            next = link == null ? null : sameOrigin(URI.create(link));
        }
        return items;
    }

    JsonNode get(URI uri) {
        return call(uri, null);
    }

    /** A POST with a JSON body (Graph's actions, e.g. {@code checkMemberGroups}), with the same rules as GET. */
    public JsonNode post(URI uri, String json) {
        return call(uri, json);
    }

    private JsonNode call(URI uri, String json) {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = send(uri, json);
            int status = response.statusCode();
            if (status == 200) {
                try {
                    return mapper.readTree(response.body());
                } catch (IOException e) {
                    throw new GraphException(GraphException.Reason.UNAVAILABLE, "Graph answered with unreadable JSON", e);
                }
            }
            if (status == 401 || status == 403) {
                throw refused(status, errorCode(response.body()));
            }
            if ((status == 429 || status == 503 || status == 504) && attempt < MAX_ATTEMPTS) {
                pause(retryAfter(response));
                continue;
            }
            throw new GraphException(GraphException.Reason.UNAVAILABLE, status == 429
                    ? "Graph is throttling the lookup (429 after " + attempt + " attempts); try again in a few minutes"
                    : "Graph answered HTTP " + status + " (" + errorCode(response.body()) + ")");
        }
    }

    private HttpResponse<String> send(URI uri, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + tokens.accessToken())
                .header("Accept", "application/json");
        HttpRequest request = json == null ? builder.GET().build()
                : builder.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GraphException(GraphException.Reason.UNAVAILABLE,
                    "could not reach Graph at " + origin + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(GraphException.Reason.UNAVAILABLE, "interrupted while asking Graph", e);
        }
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(GraphException.Reason.UNAVAILABLE, "interrupted while Graph was throttling", e);
        }
    }

    /** Seconds or an HTTP date; missing or odd values get a short default, long ones are capped. */
    static Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
        Duration wait = DEFAULT_WAIT;
        if (value != null) {
            try {
                wait = Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                    wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                    wait = wait.isNegative() ? Duration.ZERO : wait;
                } catch (DateTimeParseException notADate) {
                    wait = DEFAULT_WAIT;
                }
            }
        }
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    private static GraphException refused(int status, String code) {
        if (NO_PREMIUM_LICENCE.equals(code)) {
            return new GraphException(GraphException.Reason.LICENCE, "Graph refused: sign-in logs need a Microsoft "
                    + "Entra ID P1 or P2 licence in this tenant (" + code + ")");
        }
        return new GraphException(GraphException.Reason.PERMISSION, "Graph refused (HTTP " + status + ", " + code
                + "): the app needs the application permission AuditLog.Read.All with admin consent");
    }

    private String errorCode(String body) {
        try {
            String code = mapper.readTree(body).path("error").path("code").asText("");
            // Only a plain identifier goes into a message; anything else is not ours to echo.
            return code.matches("[A-Za-z0-9_.]{1,100}") ? code : "no error code";
        } catch (IOException | RuntimeException e) {
            return "no error code";
        }
    }

    /** A nextLink elsewhere would receive our bearer token; Graph never sends one, so refuse it. */
    private URI sameOrigin(URI link) {
        if (!origin.equalsIgnoreCase(link.getScheme() + "://" + link.getRawAuthority())) {
            throw new GraphException(GraphException.Reason.UNAVAILABLE,
                    "Graph's next page points to another host; not following it");
        }
        return link;
    }
}
