package dev.aadsts.app.load;

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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server under load in its own JVM. Ours and the baseline get the same options ({@code LOAD_JAVA_OPTS}, default
 * {@code -Xmx512m -XX:+ExitOnOutOfMemoryError}, plus whatever the run adds for both), so the comparison is fair;
 * its resident memory is sampled twice a second for the peak.
 */
public final class ServerChild {
    public final int port;
    private final Process process;
    private final AtomicLong peakRss = new AtomicLong();

    private ServerChild(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code mainClass args} on this JVM's class path and waits until {@code /healthz} answers 200. */
    public static ServerChild start(Path log, List<String> jvmOptions, Map<String, String> env, int port,
            String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(Arrays.asList(System.getenv().getOrDefault("LOAD_JAVA_OPTS",
                "-Xmx512m -XX:+ExitOnOutOfMemoryError").split("\\s+")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        ServerChild child = new ServerChild(pb.start(), port);
        // A run that is cut off or interrupted must not leave its servers behind on a shared machine.
        Runtime.getRuntime().addShutdownHook(new Thread(child.process::destroy));
        HttpClient http = HttpClient.newHttpClient();
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < end) {
            if (!child.process.isAlive()) {
                throw new IllegalStateException("server exited: " + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    Thread watcher = new Thread(child::watchRss, "rss-watch");
                    watcher.setDaemon(true);
                    watcher.start();
                    return child;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        child.stop();
        throw new IllegalStateException("server did not come up; see " + log);
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void watchRss() {
        while (process.isAlive()) {
            peakRss.accumulateAndGet(rssKb(), Math::max);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or gone
        }
        return 0;
    }

    /**
     * CPU time the server has used so far (user and system, from {@code /proc/<pid>/stat}, in clock ticks of
     * 10 ms), or -1 where that cannot be read. The difference over a rate, per event, is what each event costs.
     */
    public long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // Fields after the command name, which is in parentheses and may itself contain spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public long peakRssKb() {
        return peakRss.get();
    }

    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
