package dev.aadsts.teams.delivery;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The bot's outbound Bot Connector token for reply delivery. Fetching may block (MSAL, a managed-identity
 * endpoint), so it runs on its own executor, never on the HTTP client's threads, and one fetch serves every
 * lane waiting for it. A token is kept {@link #KEEP} (Entra and managed-identity tokens live an hour or more)
 * or until the connector answers 401; a failed fetch is not kept, so the next reply asks again.
 */
final class ConnectorTokens {
    static final Duration KEEP = Duration.ofMinutes(10);

    private final Supplier<CompletableFuture<String>> fetch;
    private final Executor executor;
    private CompletableFuture<String> current;
    private long fetchedAt;

    /** @param fetch the SDK credentials' token; null for a bot without an app id (the Emulator), which sends none */
    ConnectorTokens(Supplier<CompletableFuture<String>> fetch, Executor executor) {
        this.fetch = fetch;
        this.executor = executor;
    }

    /** A token, or null when the bot sends none. */
    synchronized CompletableFuture<String> token() {
        if (fetch == null) {
            return CompletableFuture.completedFuture(null);
        }
        long now = System.nanoTime();
        if (current != null && (!current.isDone()
                || !current.isCompletedExceptionally() && now - fetchedAt < KEEP.toNanos())) {
            return current;
        }
        fetchedAt = now;
        current = CompletableFuture.supplyAsync(() -> fetch.get().join(), executor);
        return current;
    }

    /** The connector refused this token: the next reply fetches a new one. */
    synchronized void refused(CompletableFuture<String> token) {
        if (current == token) {
            current = null;
        }
    }
}
