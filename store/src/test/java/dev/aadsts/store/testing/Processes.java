package dev.aadsts.store.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Small process and file chores for starting PostgreSQL. */
final class Processes {

    private static final int LOG_TAIL_LINES = 25;

    private Processes() {
    }

    /** Runs a command to completion with its output in {@code log}; fails with the log's tail if it does not succeed. */
    static void run(ProcessBuilder builder, Path log, long timeoutSeconds, String failure) {
        builder.redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(failure + ": no result after " + timeoutSeconds + " s\n" + tail(log));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(failure + ": exit code " + process.exitValue() + "\n" + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(failure + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(failure + ": interrupted", e);
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** An executable found on PATH or in the usual system directories. */
    static Optional<Path> executable(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        Stream<String> directories = Stream.concat(Stream.of(path.split(File.pathSeparator)),
                Stream.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        return directories.filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Deletes a directory tree, ignoring what cannot be deleted (cleanup must never fail a test run). */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }
}
