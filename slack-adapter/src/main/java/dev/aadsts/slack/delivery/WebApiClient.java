package dev.aadsts.slack.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Slack Web API calls on the JDK's non-blocking HTTP client: a call holds no thread while Slack thinks, so
 * many replies can be in flight on a handful of threads. The body is the form the Slack SDK itself would send
 * (see {@link ReplyForms}); only the transport differs.
 */
final class WebApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String apiUrl;

    WebApiClient(String apiUrl, Executor executor) {
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).executor(executor).build();
    }

    /** What one call came to. {@code retryAfterMillis} is Slack's Retry-After, or -1 without one. */
    record Answer(int status, boolean ok, String error, long retryAfterMillis) {
    }

    CompletableFuture<Answer> call(String method, String token, String form) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + method))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(WebApiClient::read);
    }

    private static Answer read(HttpResponse<String> response) {
        long retryAfter = response.headers().firstValue("Retry-After").map(WebApiClient::seconds).orElse(-1L);
        boolean ok = false;
        String error = null;
        try {
            JsonNode body = JSON.readTree(response.body());
            ok = body != null && body.path("ok").asBoolean(false);
            error = body == null ? null : body.path("error").asText(null);
        } catch (IOException e) {
            error = "unreadable answer";
        }
        if (error == null && !ok) {
            error = "HTTP " + response.statusCode();
        }
        return new Answer(response.statusCode(), ok && response.statusCode() / 100 == 2, error, retryAfter);
    }

    private static long seconds(String header) {
        try {
            return Math.max(0, Math.round(Double.parseDouble(header.strip()) * 1000));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
