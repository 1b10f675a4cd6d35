package dev.aadsts.app.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Reading bounded request bodies and writing responses, shared by every route and adapter. */
public final class RequestBodies {
    /** Larger than any real error paste, small enough that a flood cannot exhaust memory. */
    static final int MAX_BODY = 1024 * 1024;
    /** Beyond this an oversized upload is cut off rather than read to the end. */
    static final int MAX_DISCARD = 16 * 1024 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RequestBodies() {
    }

    /**
     * The whole body as bytes; 413 past {@link #MAX_BODY}, 400 when empty. An oversized body is read
     * and discarded (up to {@link #MAX_DISCARD}) before answering, so the client gets to read the 413
     * instead of a connection reset in the middle of its upload.
     */
    public static byte[] read(HttpExchange exchange) throws IOException, HttpProblem {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                throw new HttpProblem(400, "Content-Length is not a number");
            }
            if (length > MAX_BODY) {
                if (length <= MAX_DISCARD) {
                    discard(exchange.getRequestBody());
                }
                throw tooLarge();
            }
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        InputStream in = exchange.getRequestBody();
        byte[] chunk = new byte[16 * 1024];
        int n;
        while ((n = in.read(chunk)) > 0) {
            if (buffer.size() + n > MAX_BODY) {
                discard(in);
                throw tooLarge();
            }
            buffer.write(chunk, 0, n);
        }
        if (buffer.size() == 0) {
            throw new HttpProblem(400, "request body is empty: send the error text");
        }
        return buffer.toByteArray();
    }

    private static HttpProblem tooLarge() {
        return new HttpProblem(413, "request body is larger than 1 MiB");
    }

    private static void discard(InputStream in) throws IOException {
        byte[] sink = new byte[16 * 1024];
        long total = 0;
        int n;
        while (total < MAX_DISCARD && (n = in.read(sink)) > 0) {
            total += n;
        }
    }

    static String text(HttpExchange exchange) throws IOException, HttpProblem {
        String body = new String(read(exchange), StandardCharsets.UTF_8);
        if (body.isBlank()) {
            throw new HttpProblem(400, "request body is blank: send the error text");
        }
        return body;
    }

    static void json(HttpExchange exchange, int status, Object value) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", MAPPER.writeValueAsBytes(value));
    }

    static void problem(HttpExchange exchange, HttpProblem problem) throws IOException {
        json(exchange, problem.status(), MAPPER.createObjectNode().put("error", problem.getMessage()));
    }

    public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
