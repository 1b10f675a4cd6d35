package dev.aadsts.app.server;

import java.util.Locale;

/**
 * Work the HTTP server's start would otherwise do on the start's critical path, done beforehand on a thread
 * that has nothing else to do (the catalog's, once the catalog is loaded, usually while the store is still
 * opening). Jetty's {@code MimeTypes} asks the JDK for every available locale when it is first used, which
 * loads every locale service provider: a tenth of a second of a two-core start, at its very end.
 */
public final class ServerWarmup {
    private ServerWarmup() {
    }

    /** Never fails: anything left undone here is simply done later, where it was always done. */
    public static void run() {
        try {
            Locale.getAvailableLocales();
            Class.forName("org.eclipse.jetty.http.MimeTypes", true, ServerWarmup.class.getClassLoader());
        } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
            // nothing gained, nothing lost
        }
    }
}
