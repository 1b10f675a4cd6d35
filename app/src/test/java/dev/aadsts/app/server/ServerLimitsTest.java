package dev.aadsts.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.BotCore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server's limits, each provoked over real sockets the way a slow or hostile client would. */
class ServerLimitsTest {
    private static BotCore core;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private BotServer server;

    @BeforeAll
    static void loadCore() {
        core = BotCore.load();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private void start(Map<String, String> env, String bind) throws IOException {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("PORT", "0");
        all.put("BIND_ADDRESS", bind);
        server = BotServer.start(ServerConfig.fromEnvironment(all), ServerLimits.fromEnvironment(all), core,
                s -> s.mount("POST", "/test/slow", exchange -> {
                    sleep(1500);
                    exchange.sendText(200, "finished");
                }));
    }

    private String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void clientsThatTrickleHeadersNeitherBlockOthersNorStayForever() throws Exception {
        start(Map.of("HTTP_HEADER_TIMEOUT_SECONDS", "2"), "127.0.0.1");
        List<Socket> slow = new ArrayList<>();
        try {
            // More slow clients than the old server had worker threads (8), each mid-way through its headers.
            for (int i = 0; i < 64; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }
            long started = System.nanoTime();
            HttpResponse<String> health = get("/healthz");
            assertEquals(200, health.statusCode());
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(1), "healthz answered within 1 s");
            // They keep trickling, one header line a second, which no idle timeout would ever catch.
            int closed = 0;
            for (int round = 0; round < 6 && closed < slow.size(); round++) {
                Thread.sleep(1000);
                closed = 0;
                for (Socket s : slow) {
                    if (!trickle(s)) {
                        closed++;
                    }
                }
            }
            assertEquals(slow.size(), closed, "every connection stuck in its headers was closed");
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    /** Sends one more header line; false once the server has closed the connection. */
    private static boolean trickle(Socket s) {
        try {
            s.setSoTimeout(50);
            OutputStream out = s.getOutputStream();
            out.write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            int b = s.getInputStream().read();
            return b != -1;
        } catch (SocketTimeoutException stillOpen) {
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    @Test
    void aBodyThatStopsHalfWayGets408() throws Exception {
        start(Map.of("HTTP_BODY_TIMEOUT_SECONDS", "1"), "127.0.0.1");
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("POST /api/explain HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 1000\r\n\r\nAADSTS50011 and then nothing more").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String answer = readAll(s.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("took longer than 1 s"), answer);
        }
    }

    @Test
    void aDeclaredOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        start(Map.of(), "127.0.0.1");
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("POST /api/explain HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 5000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String answer = readAll(s.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("larger than 1 MiB"), answer);
        }
    }

    @Test
    void anUndeclaredOversizedBodyIsCutOffWith413() throws Exception {
        start(Map.of(), "127.0.0.1");
        byte[] big = "AADSTS50011 ".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base() + "/api/explain"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode(), r.body());
    }

    @Test
    void publicEndpointsAreRateLimitedPerClientWhenReachableFromOutside() throws Exception {
        start(Map.of("PUBLIC_API_PER_MINUTE", "60"), "0.0.0.0");
        int ok = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 40; i++) {
            last = get("/api/search?q=expired+secret");
            if (last.statusCode() == 200) {
                ok++;
            } else {
                break;
            }
        }
        assertEquals(429, last.statusCode(), "the burst ran out");
        assertTrue(ok >= 10 && ok <= 20, "a burst of about a quarter of the per-minute rate passed: " + ok);
        assertTrue(last.headers().firstValue("Retry-After").isPresent());
        assertEquals(200, get("/healthz").statusCode(), "health and webhooks are never rate-limited");
    }

    @Test
    void loopbackOnlyServersAreNotRateLimited() throws Exception {
        start(Map.of("PUBLIC_API_PER_MINUTE", "4"), "127.0.0.1");
        for (int i = 0; i < 20; i++) {
            assertEquals(200, get("/api/search?q=mfa").statusCode());
        }
    }

    @Test
    void playgroundOffTakesThePageAndThePublicApiAway() throws Exception {
        start(Map.of("PLAYGROUND", "off"), "127.0.0.1");
        assertEquals(404, get("/").statusCode());
        assertEquals(404, get("/api/search?q=mfa").statusCode());
        assertEquals(200, get("/healthz").statusCode());
        assertThrows(IllegalArgumentException.class, () -> ServerLimits.fromEnvironment(Map.of("PLAYGROUND", "maybe")));
    }

    @Test
    void errorsNeverRepeatWhatTheClientSent() throws Exception {
        start(Map.of(), "127.0.0.1");
        HttpResponse<String> r = get("/%3Cscript%3Ealert(1)%3C/script%3E");
        assertEquals(404, r.statusCode());
        assertFalse(r.body().contains("script"), r.body());
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void thePlaygroundForbidsBaseAndFormRetargeting() throws Exception {
        start(Map.of(), "127.0.0.1");
        String csp = get("/").headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("base-uri 'none'"), csp);
        assertTrue(csp.contains("form-action 'self'"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
    }

    @Test
    void aPasteSavedByWindowsPowerShellIsReadAsUtf16() throws Exception {
        start(Map.of(), "127.0.0.1");
        String paste = "AADSTS7000215: Invalid client secret provided.";
        for (byte[] body : new byte[][] {
                ("\uFEFF" + paste).getBytes(StandardCharsets.UTF_16LE), paste.getBytes(StandardCharsets.UTF_16LE)}) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base() + "/api/explain"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"code\":\"7000215\""), r.body());
        }
    }

    @Test
    void headAnswersLikeGetWithoutABody() throws Exception {
        start(Map.of(), "127.0.0.1");
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base() + "/healthz"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("", r.body());
    }

    @Test
    void shutdownFinishesRequestsInFlightAndThenRefusesConnections() throws Exception {
        start(Map.of("SHUTDOWN_GRACE_SECONDS", "10"), "127.0.0.1");
        int port = server.port();
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                HttpRequest.newBuilder(URI.create(base() + "/test/slow"))
                        .POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(300);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread stopper = new Thread(() -> {
            server.stop();
            stopped.countDown();
        });
        stopper.start();
        HttpResponse<String> r = inFlight.get(10, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode());
        assertEquals("finished", r.body());
        assertTrue(stopped.await(10, TimeUnit.SECONDS));
        assertThrows(IOException.class, () -> new Socket().connect(new InetSocketAddress("127.0.0.1", port), 500));
        server = null;
    }

    @Test
    void aPortInUseIsNamedWithTheVariableToChange() throws Exception {
        start(Map.of(), "127.0.0.1");
        Map<String, String> env = Map.of("PORT", Integer.toString(server.port()));
        IOException e = assertThrows(IOException.class,
                () -> BotServer.start(ServerConfig.fromEnvironment(env), core));
        assertTrue(e.getMessage().contains("port " + server.port()), e.getMessage());
        assertTrue(e.getMessage().contains("PORT"), e.getMessage());
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
