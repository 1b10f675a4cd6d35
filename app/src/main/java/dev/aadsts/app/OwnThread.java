package dev.aadsts.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Start-up work done beside the rest on a named daemon thread of its own (the meters, the Teams SDK), and the
 * wait for it, which throws what the work threw, as if it had run on the waiting thread.
 */
public final class OwnThread {
    private OwnThread() {
    }

    /** Runs {@code work} on a new daemon thread called {@code name}. */
    public static <T> CompletableFuture<T> supply(String name, Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** The result, once there; a failure is rethrown as itself, not wrapped. */
    public static <T> T join(CompletableFuture<T> started) {
        try {
            return started.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
