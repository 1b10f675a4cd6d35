package dev.aadsts.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.util.QueryStringParser;
import com.slack.api.bolt.util.SlackRequestParser;
import java.util.List;
import java.util.Map;

/**
 * Reads one HTTP request to {@code /slack/events} up to the point where Bolt can run it: the signature
 * first (nothing unsigned is parsed), then the body's shape (a JSON event, a slash-command form, an
 * interaction's {@code payload=} form), then Bolt's own parsing. Whatever the request, the answer is a
 * request to run or a refusal with a status and a reason; never an exception.
 */
final class SlackRequestReader {
    /** A refusal ({@code request} null) or the parsed request ({@code status} 0). */
    record Read(Request<?> request, int status, String reason) {
        static Read refused(int status, String reason) {
            return new Read(null, status, reason);
        }
    }

    private final RequestSignature signature;
    private final SlackRequestParser parser;

    SlackRequestReader(RequestSignature signature, AppConfig appConfig) {
        this.signature = signature;
        this.parser = new SlackRequestParser(appConfig);
    }

    Read read(String rawQuery, Map<String, List<String>> headers, String body, String remoteAddress,
              long nowSeconds) {
        RequestHeaders requestHeaders = new RequestHeaders(headers);
        String text = body == null ? "" : body;
        String problem = signature.check(requestHeaders.getFirstValue("X-Slack-Request-Timestamp"),
                requestHeaders.getFirstValue("X-Slack-Signature"), text, nowSeconds);
        if (problem != null) {
            return Read.refused(401, problem);
        }
        Request<?> request;
        try {
            String malformed = malformed(text);
            if (malformed != null) {
                return Read.refused(400, malformed);
            }
            request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri("/slack/events").queryString(QueryStringParser.toMap(rawQuery)).headers(requestHeaders)
                    .requestBody(text).remoteAddress(remoteAddress).build());
        } catch (StringIndexOutOfBoundsException | IllegalArgumentException | JsonParseException e) {
            // Found by fuzzing: Bolt's form parser fails on malformed pairs ("=&x") and percent escapes
            // ("%%") instead of skipping them, and its JSON reading is stricter than the lenient check in
            // malformed(); that is a bad request, not a server error.
            return Read.refused(400, "malformed form or query string");
        }
        return request == null ? Read.refused(400, "not a Slack event, command or interaction")
                : new Read(request, 0, null);
    }

    static String malformed(String body) {
        String b = body.strip();
        if (b.startsWith("{")) {
            try {
                JsonElement json = JsonParser.parseString(b);
                return json.isJsonObject() && json.getAsJsonObject().has("type") ? null
                        : "JSON body has no \"type\"";
            } catch (RuntimeException e) {
                return "body is not valid JSON";
            }
        }
        Map<String, List<String>> form = QueryStringParser.toMap(b);
        if (form.containsKey("payload")) {
            try {
                // Bolt reads the payload as an object; a JSON string or number there made it throw (fuzzing).
                return JsonParser.parseString(form.get("payload").get(0)).isJsonObject() ? null
                        : "interaction payload is not a JSON object";
            } catch (RuntimeException e) {
                return "interaction payload is not valid JSON";
            }
        }
        if (form.containsKey("command") || form.containsKey("ssl_check")) {
            return null;
        }
        return "body is neither an event, a command nor an interaction";
    }
}
