package dev.aadsts.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The id of the process that has the embedded database open, in a file beside it, so a second bot started on
 * the same folder can say which process holds it instead of only that the file is locked.
 */
final class PidFile {
    static final String NAME = "aadsts-bot.pid";

    private final Path file;

    PidFile(Path dataDir) {
        this.file = dataDir.resolve(NAME);
    }

    /** Best effort: a read-only folder still runs the bot, it only loses the nicer message. */
    void write() {
        try {
            Files.writeString(file, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            // Nothing to do; the lock message falls back to the generic one.
        }
    }

    /** Removes the file if this process wrote it. */
    void remove() {
        if (holder().filter(pid -> pid == ProcessHandle.current().pid()).isPresent()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A stale file is harmless: holder() checks that the process still runs.
            }
        }
    }

    /** The recorded process, if the file names one that is still running. */
    Optional<Long> runningHolder() {
        return holder().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    private Optional<Long> holder() {
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
