package dev.aadsts.app.alerts;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Real {@code aadsts-bot serve} processes for the tests that kill or stop one: each logs to its own file in
 * {@code dir}, and {@link #close} makes sure none outlives the test.
 */
public final class ServerProcesses implements AutoCloseable {
    private final Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> processes = new ArrayList<>();

    public ServerProcesses(Path dir) {
        this.dir = dir;
    }

    /** Starts {@code serve} with exactly {@code env} and waits until {@code readyPath} answers 200. */
    public Process start(Map<String, String> env, int port, String readyPath) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.aadsts.app.Main", "serve");
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Path log = log(processes.size());
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        processes.add(p);
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            if (!p.isAlive()) {
                throw new AssertionError("server exited with " + p.exitValue() + ": " + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + readyPath)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return p;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("server did not come up");
    }

    /** The log file of the {@code n}-th process started. */
    public Path log(int n) {
        return dir.resolve("server-" + n + ".log");
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
    }
}
