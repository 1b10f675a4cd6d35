package dev.aadsts.app.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Reading bounded request bodies and writing responses, shared by every route. */
final class Exchanges {
    /** Larger than any real error paste, small enough that a flood cannot exhaust memory. */
    static final int MAX_BODY = 1024 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Exchanges() {
    }

    /** The whole body as bytes; 413 past {@link #MAX_BODY} (read no further), 400 when empty. */
    static byte[] body(HttpExchange exchange) throws IOException, HttpProblem {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > MAX_BODY) {
                    throw new HttpProblem(413, "request body is larger than 1 MiB");
                }
            } catch (NumberFormatException e) {
                throw new HttpProblem(400, "Content-Length is not a number");
            }
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (InputStream in = exchange.getRequestBody()) {
            byte[] chunk = new byte[16 * 1024];
            int n;
            while ((n = in.read(chunk)) > 0) {
                if (buffer.size() + n > MAX_BODY) {
                    throw new HttpProblem(413, "request body is larger than 1 MiB");
                }
                buffer.write(chunk, 0, n);
            }
        }
        if (buffer.size() == 0) {
            throw new HttpProblem(400, "request body is empty: send the error text");
        }
        return buffer.toByteArray();
    }

    static String text(HttpExchange exchange) throws IOException, HttpProblem {
        String body = new String(body(exchange), StandardCharsets.UTF_8);
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

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
