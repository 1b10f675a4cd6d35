package dev.aadsts.core.overlay;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the overlay when a file in its folder changes. Editors and config-map mounts write a file in
 * several steps (temporary file, rename, symlink swap), so changes are gathered until the folder has been
 * quiet for a moment and then read once. A reload that fails keeps the overlay in use and logs why.
 */
public final class OverlayWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OverlayWatcher.class);
    static final Duration QUIET = Duration.ofMillis(300);

    private final Path folder;
    private final OverlayLoader loader;
    private final Consumer<Overlay> install;
    private final WatchService watch;
    private final Thread thread;
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastProblem;

    private OverlayWatcher(Path folder, OverlayLoader loader, Consumer<Overlay> install) throws IOException {
        this.folder = folder;
        this.loader = loader;
        this.install = install;
        this.watch = FileSystems.getDefault().newWatchService();
        folder.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = new Thread(this::run, "overlay-watcher");
        thread.setDaemon(true);
    }

    /** Starts watching {@code folder}; every good reload is handed to {@code install}. */
    public static OverlayWatcher start(Path folder, OverlayLoader loader, Consumer<Overlay> install)
            throws IOException {
        OverlayWatcher watcher = new OverlayWatcher(folder, loader, install);
        watcher.thread.start();
        return watcher;
    }

    /** Reloads that succeeded. */
    public long reloads() {
        return reloads.get();
    }

    /** Reloads that failed and kept the previous overlay. */
    public long failures() {
        return failures.get();
    }

    /** Why the last reload failed, or null if it succeeded. */
    public String lastProblem() {
        return lastProblem;
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watch.take();
                drain(key);
                // Wait until the folder is quiet, so a file written in several steps is read once, whole.
                WatchKey more;
                while ((more = watch.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                reload();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    private void reload() {
        try {
            Overlay overlay = loader.load(folder);
            install.accept(overlay);
            lastProblem = null;
            reloads.incrementAndGet();
            LOG.info("knowledge overlay reloaded: {}", overlay.describe());
        } catch (OverlayException e) {
            lastProblem = e.getMessage();
            failures.incrementAndGet();
            LOG.warn("knowledge overlay NOT reloaded, the previous one stays in use: {}", e.getMessage());
        } catch (RuntimeException e) {
            lastProblem = e.toString();
            failures.incrementAndGet();
            LOG.warn("knowledge overlay NOT reloaded, the previous one stays in use", e);
        }
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException e) {
            LOG.debug("closing the overlay watch: {}", e.getMessage());
        }
        thread.interrupt();
    }
}
