import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The hardening issue's two load checks against a running server on this machine (loopback only):
 * 40 worst-case 1 MiB pastes at once, and 500 connections that trickle their headers for a minute,
 * each while a fresh client asks /healthz every 200 ms. Reports the health latency and the server's
 * peak memory. Run it with scripts/hostile-load.sh, which starts the server.
 *
 * Usage: java scripts/HostileLoad.java PORT SERVER_PID [slow-seconds=60] [slow-connections=500]
 */
public class HostileLoad {
    static final int MIB = 1024 * 1024;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long pid = Long.parseLong(args[1]);
        int slowSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int slowConnections = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        String base = "http://127.0.0.1:" + port;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        System.out.println("== 40 worst-case 1 MiB pastes at once, 5 rounds ==");
        List<String> families = List.of("eyJ", "1Q~", "&", "<https://a.example/", "%", "\\u", "[", "codes", "line",
                "binary");
        for (String family : families) {
            byte[] body = worstCase(family);
            Probe probe = Probe.start(client, base);
            long started = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(40);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(pool.submit(() -> client.send(HttpRequest.newBuilder(URI.create(base + "/api/explain"))
                        .timeout(Duration.ofSeconds(120)).header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : answers) {
                statuses.add(f.get(180, TimeUnit.SECONDS));
            }
            pool.shutdown();
            long millis = (System.nanoTime() - started) / 1_000_000;
            probe.stop();
            System.out.printf("%-22s 40 requests in %5d ms, statuses %s; healthz max %4d ms (%d probes); peak RSS %d MiB%n",
                    family, millis, summary(statuses), probe.maxMillis(), probe.count(), peakRssMiB(pid));
        }

        System.out.printf("== %d connections trickling headers for %d s ==%n", slowConnections, slowSeconds);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
        int[] reopened = {0};
        Probe probe = Probe.start(client, base);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(slowSeconds);
        for (int i = 0; i < slowConnections; i++) {
            sockets.add(open(port));
        }
        while (System.nanoTime() < end) {
            Thread.sleep(2000);
            synchronized (sockets) {
                for (int i = 0; i < sockets.size(); i++) {
                    try {
                        OutputStream out = sockets.get(i).getOutputStream();
                        out.write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException closedByServer) {
                        sockets.get(i).close();
                        sockets.set(i, open(port));
                        reopened[0]++;
                    }
                }
            }
        }
        running.set(false);
        probe.stop();
        for (Socket s : sockets) {
            s.close();
        }
        System.out.printf("healthz max %d ms over %d probes; the server closed %d stuck connections (reopened); "
                + "peak RSS %d MiB%n", probe.maxMillis(), probe.count(), reopened[0], peakRssMiB(pid));
    }

    static Socket open(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.getOutputStream().write("POST /api/explain HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    static byte[] worstCase(String family) {
        StringBuilder s = new StringBuilder(MIB + 64);
        s.append("AADSTS50011 ");
        Random random = new Random(7);
        switch (family) {
            case "codes" -> {
                int n = 0;
                while (s.length() < MIB - 20) {
                    s.append("AADSTS").append(10_000 + n++ % 10_000).append(' ');
                }
            }
            case "line" -> {
                while (s.length() < MIB) {
                    s.append((char) ('a' + random.nextInt(26)));
                }
            }
            case "binary" -> {
                byte[] b = new byte[MIB];
                random.nextBytes(b);
                return b;
            }
            default -> {
                while (s.length() < MIB - family.length()) {
                    s.append(family);
                }
            }
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String summary(List<Integer> statuses) {
        java.util.Map<Integer, Integer> counts = new java.util.TreeMap<>();
        statuses.forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts.toString();
    }

    static long peakRssMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    /** A fresh connection every 200 ms asking /healthz, timing each answer. */
    static final class Probe {
        private final Thread thread;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private volatile long maxNanos;
        private volatile int count;

        private Probe(HttpClient unused, String base) {
            thread = new Thread(() -> {
                while (running.get()) {
                    long started = System.nanoTime();
                    // A new client each time: a fresh connection, as a newly arriving user would make.
                    try {
                        HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                        fresh.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).timeout(Duration.ofSeconds(10))
                                .build(), HttpResponse.BodyHandlers.discarding());
                    } catch (Exception e) {
                        maxNanos = Math.max(maxNanos, TimeUnit.SECONDS.toNanos(10));
                    }
                    maxNanos = Math.max(maxNanos, System.nanoTime() - started);
                    count++;
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            thread.setDaemon(true);
        }

        static Probe start(HttpClient client, String base) {
            Probe p = new Probe(client, base);
            p.thread.start();
            return p;
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(15_000);
        }

        long maxMillis() {
            return maxNanos / 1_000_000;
        }

        int count() {
            return count;
        }
    }
}
