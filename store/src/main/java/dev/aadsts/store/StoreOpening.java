package dev.aadsts.store;

import dev.aadsts.core.store.Store;
import dev.aadsts.core.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A store being opened while the process starts ({@link Stores#beginOpening}). The embedded database's slow part
 * (H2's engine, a new file's schema) runs on its own thread meanwhile; {@code serve} begins it before logging is
 * configured, which takes about as long. Exactly one of {@link #finish} and {@link #abandon} is called.
 */
public final class StoreOpening {
    private final CompletableFuture<EmbeddedFile> preparing;
    private final Supplier<Store> finish;

    private StoreOpening(CompletableFuture<EmbeddedFile> preparing, Supplier<Store> finish) {
        this.preparing = preparing;
        this.finish = finish;
    }

    /** Nothing ahead of time: {@code finish} opens the store on the caller's thread. */
    static StoreOpening onFinish(Supplier<Store> open) {
        return new StoreOpening(null, open);
    }

    static StoreOpening embedded(Path dataDir, Clock clock) {
        CompletableFuture<EmbeddedFile> preparing = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                preparing.complete(EmbeddedFile.prepare(dataDir));
            } catch (RuntimeException | Error e) {
                preparing.completeExceptionally(e);
            }
        }, "store-open");
        thread.setDaemon(true);
        thread.start();
        return new StoreOpening(preparing, () -> prepared(preparing).open(clock));
    }

    /**
     * The open store, once the work begun ahead is done.
     *
     * @throws StoreException as {@link Stores#open} would have, with the same message
     */
    public Store finish() {
        return finish.get();
    }

    /**
     * The settings turned out wrong: waits for the work begun ahead, closes the database and removes the file and
     * folders this start created, so a start refused for a bad setting leaves nothing behind. A database that was
     * already there is only closed.
     */
    public void abandon() {
        if (preparing == null) {
            return;
        }
        EmbeddedFile file;
        try {
            file = preparing.join();
        } catch (CompletionException e) {
            return; // it stopped at the path or the folder, before any file was made
        }
        file.discard();
    }

    private static EmbeddedFile prepared(CompletableFuture<EmbeddedFile> preparing) {
        try {
            return preparing.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }
}
