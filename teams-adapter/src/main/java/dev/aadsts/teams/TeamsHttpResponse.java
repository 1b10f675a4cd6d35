package dev.aadsts.teams;

import java.nio.charset.StandardCharsets;

/** What to answer the Bot Connector: a status, and a JSON body for invokes (empty otherwise). */
public record TeamsHttpResponse(int status, String contentType, byte[] body) {

    static TeamsHttpResponse empty(int status) {
        return new TeamsHttpResponse(status, null, new byte[0]);
    }

    static TeamsHttpResponse json(int status, String json) {
        return new TeamsHttpResponse(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }

    /** A problem answer in the same shape as the rest of the server's errors: {@code {"error": reason}}. */
    static TeamsHttpResponse problem(int status, String reason) {
        String escaped = reason.replace("\\", "\\\\").replace("\"", "\\\"");
        return json(status, "{\"error\":\"" + escaped + "\"}");
    }
}
