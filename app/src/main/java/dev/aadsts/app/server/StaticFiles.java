package dev.aadsts.app.server;

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
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");
    // The page only ever talks to this server and builds the cards with DOM text nodes; nothing may
    // re-point its links or forms elsewhere, nor frame it.
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final String folder;
    private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

    StaticFiles(String folder) {
        this.folder = folder;
    }

    boolean exists(String name) {
        return StaticFiles.class.getClassLoader().getResource(folder + "/" + name) != null;
    }

    void serve(Exchange exchange, String name) {
        byte[] body = loaded.computeIfAbsent(name, this::read);
        exchange.responseHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        exchange.responseHeader("Referrer-Policy", "no-referrer");
        exchange.send(200, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), body);
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
