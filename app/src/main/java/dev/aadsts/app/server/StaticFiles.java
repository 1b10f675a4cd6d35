package dev.aadsts.app.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Serves a few files bundled in the jar, read once. Only names the routes ask for, so no path tricks. */
final class StaticFiles {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    private final String folder;
    private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

    StaticFiles(String folder) {
        this.folder = folder;
    }

    void serve(HttpExchange exchange, String name) throws IOException {
        byte[] body = loaded.computeIfAbsent(name, this::read);
        // The page only ever talks to this server, and builds the cards with DOM text nodes.
        exchange.getResponseHeaders().set("Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        RequestBodies.send(exchange, 200, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), body);
    }

    private byte[] read(String name) {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(folder + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException(folder + "/" + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
