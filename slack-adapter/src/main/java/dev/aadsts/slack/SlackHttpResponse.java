package dev.aadsts.slack;

/** What the host server sends back for a request to {@code /slack/events}. */
public record SlackHttpResponse(int status, String contentType, String body) {
    static SlackHttpResponse error(int status, String reason) {
        return new SlackHttpResponse(status, "application/json; charset=utf-8",
                "{\"error\":\"" + reason.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
