package dev.aadsts.app.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load runs' client against a real HTTP server: what it sends, and each way an answer's end is found. */
class KeepAliveClientTest {
    private HttpServer server;
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private final List<String> signatures = new CopyOnWriteArrayList<>();
    /** The client ports the server saw: one per connection the client opened. */
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private KeepAliveClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            bodies.add(exchange.getRequestBody().readAllBytes());
            signatures.add(exchange.getRequestHeaders().getFirst("X-Signature"));
            clientPorts.add(exchange.getRemoteAddress().getPort());
            byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            switch (exchange.getRequestURI().getPath()) {
                // Length 0 makes the JDK server answer chunked.
                case "/chunked" -> {
                    exchange.sendResponseHeaders(200, 0);
                    exchange.getResponseBody().write(answer);
                }
                case "/close" -> {
                    exchange.getResponseHeaders().set("Connection", "close");
                    exchange.sendResponseHeaders(202, answer.length);
                    exchange.getResponseBody().write(answer);
                }
                case "/refuse" -> exchange.sendResponseHeaders(503, -1);
                default -> {
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                }
            }
            exchange.close();
        });
        server.start();
        client = new KeepAliveClient(1);
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                .header("X-Signature", "v0=abc").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    void sendsTheBodyAndHeadersAndReusesTheConnection() throws Exception {
        assertEquals(200, client.sendAndWait(post("/fixed", "first ü")));
        assertEquals(200, client.sendAndWait(post("/chunked", "second")));
        assertEquals(503, client.sendAndWait(post("/refuse", "third")));
        assertEquals(200, client.sendAndWait(post("/fixed", "")));
        assertArrayEquals("first ü".getBytes(StandardCharsets.UTF_8), bodies.get(0));
        assertEquals("second", new String(bodies.get(1), StandardCharsets.UTF_8));
        assertEquals(0, bodies.get(3).length);
        assertEquals(List.of("v0=abc", "v0=abc", "v0=abc", "v0=abc"), signatures);
        // Fixed-length, chunked and empty answers each ended where they should: one connection served all four.
        assertEquals(1, clientPorts.size());
    }

    @Test
    void opensANewConnectionAfterTheServerAsksToClose() throws Exception {
        assertEquals(202, client.sendAndWait(post("/close", "a")));
        assertEquals(200, client.sendAndWait(post("/fixed", "b")));
        assertEquals(2, clientPorts.size());
    }

    @Test
    void aServerThatIsGoneIsAFailureNotAStatus() {
        server.stop(0);
        assertThrows(IOException.class, () -> client.sendAndWait(post("/fixed", "x")));
    }
}
