package dev.aadsts.app.teams;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aadsts.signin.testing.TlsStandIn;
import dev.aadsts.signin.testing.TlsStandIn.Answer;
import dev.aadsts.signin.testing.TlsStandIn.Seen;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the bot gets its outbound tokens: Microsoft Entra's token endpoint over HTTPS (a certificate made
 * for this run, see {@link TlsStandIn}) and the two managed-identity endpoints a platform offers over plain
 * HTTP, as on Azure: App Service / Container Apps ({@code IDENTITY_ENDPOINT} with {@code IDENTITY_HEADER}) and
 * IMDS (VMs, AKS). Every token it issues is distinct, so a test can tell which request a reply's token came
 * from; it can be told to fail the next requests.
 */
public final class BotTokenStandIn implements AutoCloseable {
    /** The secret the platform hands the app to prove a request comes from inside the container. */
    public static final String IDENTITY_HEADER = "stand-in-identity-header-4c7e9a";

    /** One token request: which endpoint, its path, its form or query parameters, and what was answered. */
    public record TokenRequest(String endpoint, String method, String path, Map<String, String> params,
                               Map<String, String> headers, int status, String issued) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private record Failure(int status, String body) {
    }

    private final TlsStandIn entra;
    private final HttpServer platform;
    private final BlockingQueue<TokenRequest> requests = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger issued = new AtomicInteger();
    private final List<String> allIssued = new java.util.concurrent.CopyOnWriteArrayList<>();

    public BotTokenStandIn() throws IOException {
        entra = new TlsStandIn(this::entra);
        platform = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        platform.createContext("/", this::platform);
        platform.start();
    }

    /** For {@code MicrosoftAppAuthorityHost}: https://localhost:port. */
    public String authorityHost() {
        return entra.origin().toString();
    }

    /** For {@code IDENTITY_ENDPOINT}, as App Service and Container Apps set it. */
    public String appServiceEndpoint() {
        return "http://127.0.0.1:" + platform.getAddress().getPort() + "/msi/token";
    }

    /** For {@code AZURE_POD_IDENTITY_AUTHORITY_HOST}, which moves IMDS off 169.254.169.254. */
    public String imdsHost() {
        return "http://127.0.0.1:" + platform.getAddress().getPort();
    }

    /** The next {@code times} token requests, on any endpoint, are answered with {@code status} and {@code body}. */
    public void failNext(int times, int status, String body) {
        for (int i = 0; i < times; i++) {
            failures.add(new Failure(status, body));
        }
    }

    public TokenRequest next(Duration timeout) throws InterruptedException {
        TokenRequest r = requests.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("nobody asked for a token within " + timeout);
        }
        return r;
    }

    /** Every token handed out so far, to check that none reached a log. */
    public List<String> issuedTokens() {
        return List.copyOf(allIssued);
    }

    public List<TokenRequest> drain() {
        List<TokenRequest> out = new ArrayList<>();
        requests.drainTo(out);
        return out;
    }

    private Answer entra(Seen seen) {
        Map<String, String> headers = new LinkedHashMap<>();
        seen.headers().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
        Map<String, String> form = params(seen.body());
        if (!"POST".equals(seen.method()) || !seen.uri().getPath().endsWith("/oauth2/v2.0/token")) {
            return Answer.json(404, "{\"error\":\"not_found\"}");
        }
        Failure failure = failures.poll();
        if (failure != null) {
            requests.add(new TokenRequest("entra", seen.method(), seen.uri().getPath(), form, headers,
                    failure.status(), null));
            return Answer.json(failure.status(), failure.body());
        }
        String token = "entra-token-" + issued.incrementAndGet();
        allIssued.add(token);
        requests.add(new TokenRequest("entra", seen.method(), seen.uri().getPath(), form, headers, 200, token));
        return Answer.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,"
                + "\"access_token\":\"" + token + "\"}");
    }

    private void platform(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            // MSAL joins AZURE_POD_IDENTITY_AUTHORITY_HOST and the IMDS path with an extra slash.
            // ("//metadata/..." would otherwise parse as a URI whose authority is "metadata".)
            String target = exchange.getRequestURI().toString();
            String path = (target.contains("?") ? target.substring(0, target.indexOf('?')) : target)
                    .replaceAll("^/+", "/");
            Map<String, String> query = params(target.contains("?") ? target.substring(target.indexOf('?') + 1) : null);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            String endpoint;
            if (path.equals("/msi/token")) {
                endpoint = "app-service";
                if (!IDENTITY_HEADER.equals(headers.get("x-identity-header"))) {
                    send(exchange, 401, "{\"statusCode\":401,\"message\":\"missing or wrong X-IDENTITY-HEADER\"}");
                    return;
                }
            } else if (path.equals("/metadata/identity/oauth2/token")) {
                endpoint = "imds";
                if (!"true".equals(headers.get("metadata"))) {
                    send(exchange, 400, "{\"error\":\"invalid_request\",\"error_description\":\"Required metadata "
                            + "header not specified\"}");
                    return;
                }
            } else {
                send(exchange, 404, "{\"error\":\"not_found\"}");
                return;
            }
            Failure failure = failures.poll();
            if (failure != null) {
                requests.add(new TokenRequest(endpoint, exchange.getRequestMethod(), path, query, headers,
                        failure.status(), null));
                send(exchange, failure.status(), failure.body());
                return;
            }
            String token = endpoint + "-token-" + issued.incrementAndGet();
            allIssued.add(token);
            requests.add(new TokenRequest(endpoint, exchange.getRequestMethod(), path, query, headers, 200, token));
            // Both platforms answer expires_on in epoch seconds, as a string.
            send(exchange, 200, "{\"access_token\":\"" + token + "\",\"expires_on\":\""
                    + (Instant.now().getEpochSecond() + 3600) + "\",\"resource\":\"" + query.get("resource")
                    + "\",\"token_type\":\"Bearer\",\"client_id\":\"" + query.get("client_id") + "\"}");
        }
    }

    private static Map<String, String> params(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(name, value);
        }
        return out;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        entra.close();
        platform.stop(0);
    }
}
