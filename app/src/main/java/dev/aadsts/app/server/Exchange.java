package dev.aadsts.app.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aadsts.core.context.PasteBytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request as a route sees it (method, path, query, headers, the whole body already read within the
 * server's limits, the client's address) and the one response it gives. Keeps the routes and the
 * adapters' mounts free of the HTTP server's own types.
 */
public final class Exchange {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final String clientAddress;
    private final Map<String, String> responseHeaders = new LinkedHashMap<>();
    private Response response;

    /** What a route answered. */
    public record Response(int status, String contentType, byte[] body) {
    }

    Exchange(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body,
            String clientAddress) {
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = body;
        this.clientAddress = clientAddress;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String rawQuery() {
        return rawQuery;
    }

    /** Header names are case-insensitive, as HTTP says. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String clientAddress() {
        return clientAddress;
    }

    /** The body's bytes; 400 when there is none (every POST here needs one). */
    public byte[] body() throws HttpProblem {
        if (body.length == 0) {
            throw new HttpProblem(400, "request body is empty: send the error text");
        }
        return body;
    }

    /**
     * The body as text: UTF-8, or UTF-16 with or without a byte-order mark (what Windows PowerShell's
     * {@code >} writes when someone saves an error and posts the file); 400 when blank.
     */
    public String text() throws HttpProblem {
        String text = PasteBytes.decode(body());
        if (text.isBlank()) {
            throw new HttpProblem(400, "request body is blank: send the error text");
        }
        return text;
    }

    /** The first value of a query parameter, URL-decoded; null when absent. */
    public String queryParameter(String name) throws HttpProblem {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&", 64)) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                try {
                    return URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new HttpProblem(400, "query parameter " + name + " is not valid URL encoding");
                }
            }
        }
        return null;
    }

    public void responseHeader(String name, String value) {
        responseHeaders.put(name, value);
    }

    Map<String, String> responseHeaders() {
        return responseHeaders;
    }

    public void send(int status, String contentType, byte[] bytes) {
        response = new Response(status, contentType, bytes);
    }

    public void sendText(int status, String text) {
        send(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public void json(int status, Object value) {
        try {
            send(status, "application/json; charset=utf-8", MAPPER.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void problem(HttpProblem problem) {
        response = problemResponse(problem.status(), problem.getMessage());
    }

    /** The JSON error every refusal carries: {@code {"error": reason}}. */
    static Response problemResponse(int status, String reason) {
        try {
            return new Response(status, "application/json; charset=utf-8",
                    MAPPER.writeValueAsBytes(MAPPER.createObjectNode().put("error", reason)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Response response() {
        return response;
    }
}
