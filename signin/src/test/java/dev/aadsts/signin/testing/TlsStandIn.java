package dev.aadsts.signin.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A local HTTPS server with a certificate made for this run by {@code keytool} (CN and SAN localhost). Clients
 * trust it through {@link #clientTls()} only; the JVM's default trust store is never touched.
 */
public final class TlsStandIn implements AutoCloseable {

    /** What the stand-in saw: method, path with query, headers (lower-case names) and body. */
    public record Seen(String method, URI uri, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    public record Answer(int status, String body, Map<String, String> headers) {
        public static Answer json(int status, String body) {
            return new Answer(status, body, Map.of());
        }
    }

    private static SSLContext serverTls;
    private static SSLContext clientTls;
    private static Certificate certificate;

    private final HttpsServer server;
    public final List<Seen> seen = new CopyOnWriteArrayList<>();

    public TlsStandIn(Function<Seen, Answer> handler) throws IOException {
        ensureCertificate();
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/", exchange -> answer(exchange, handler));
        server.start();
    }

    /** https://localhost:port, matching the certificate's name. */
    public URI origin() {
        return URI.create("https://localhost:" + server.getAddress().getPort());
    }

    public static SSLContext clientTls() throws IOException {
        ensureCertificate();
        return clientTls;
    }

    /**
     * Writes a PKCS12 trust store holding only the stand-in's certificate, for a child JVM started with
     * {@code -Djavax.net.ssl.trustStore}: code there that has no TLS hook of its own trusts the stand-in.
     */
    public static void writeTrustStore(Path file, String password) throws IOException {
        ensureCertificate();
        try (var out = Files.newOutputStream(file)) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("standin", certificate);
            trust.store(out, password.toCharArray());
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("could not write the trust store", e);
        }
    }

    private void answer(HttpExchange exchange, Function<Seen, Answer> handler) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            Seen request = new Seen(exchange.getRequestMethod(), exchange.getRequestURI(),
                    Map.copyOf(exchange.getRequestHeaders()), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            seen.add(request);
            Answer answer;
            try {
                answer = handler.apply(request);
            } catch (RuntimeException e) {
                answer = Answer.json(500, "{\"error\":{\"code\":\"standInFailed\"}}");
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            answer.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    private static synchronized void ensureCertificate() throws IOException {
        if (serverTls != null) {
            return;
        }
        Path dir = Files.createTempDirectory("aadsts-standin-");
        Path store = dir.resolve("standin.p12");
        char[] password = "standin".toCharArray();
        run(keytool(), "-genkeypair", "-alias", "standin", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "standin", "-keypass", "standin");
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(kmf.getKeyManagers(), null, null);

            certificate = keys.getCertificate("standin");
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("standin", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, tmf.getTrustManagers(), null);
            serverTls = server;
            clientTls = client;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("could not load the stand-in's certificate", e);
        } finally {
            Files.deleteIfExists(store);
            Files.deleteIfExists(dir);
        }
    }

    /** The keytool of the JDK running the tests. */
    public static String keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    }

    public static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
