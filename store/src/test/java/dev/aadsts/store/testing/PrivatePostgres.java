package dev.aadsts.store.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of our own: a fresh cluster in a temporary directory, listening on a free loopback port
 * with password authentication and no Unix socket, tuned for tests (no fsync). It stops when the JVM exits,
 * and also when the JVM dies without running its shutdown hooks: the server is started through a small shell
 * that kills it as soon as our end of its standard input closes.
 */
final class PrivatePostgres {

    static final String SUPERUSER = "postgres";

    // PostgreSQL refuses to run as root; "nobody" is the account every Linux has.
    private static final int UNPRIVILEGED_ID = 65534;
    private static final int PORT_ATTEMPTS = 3;
    private static final String WORK_DIR_PREFIX = "aadsts-postgres-";
    private static final long READY_TIMEOUT_MILLIS = 60_000;

    private static final String WATCHDOG = String.join("\n",
            "exec 3<&0",
            "\"$@\" </dev/null 3<&- &",
            "server=$!",
            "{ cat >/dev/null; kill -QUIT \"$server\" 2>/dev/null; } <&3 3<&- &",
            "exec 3<&-",
            "wait \"$server\"");

    private final Path workDir;
    private final Path dataDir;
    private final String password;
    private Process process;
    private int port;

    private PrivatePostgres(Path workDir, String password) {
        this.workDir = workDir;
        this.dataDir = workDir.resolve("data");
        this.password = password;
    }

    /** Initialises and starts a cluster; the caller gets it running or an exception with the server's log. */
    static PrivatePostgres start() {
        Path binaries = PostgresBinaries.install();
        removeAbandonedClusters();
        // Characters that need percent-encoding in a URL, so tests also prove DATABASE_URL decoding.
        String password = "s3cr@t:/%+" + randomHex(6);
        PrivatePostgres server;
        try {
            server = new PrivatePostgres(Files.createTempDirectory(WORK_DIR_PREFIX), password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-stop"));
        server.initialise(binaries);
        server.launch(binaries);
        return server;
    }

    int port() {
        return port;
    }

    String password() {
        return password;
    }

    Path workDir() {
        return workDir;
    }

    private void initialise(Path binaries) {
        try {
            Path passwordFile = workDir.resolve("pwfile");
            Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
            handOver(workDir);
            handOver(passwordFile);
            List<String> initdb = asServerUser();
            initdb.addAll(List.of(binaries.resolve("bin/initdb").toString(), "-D", dataDir.toString(),
                    "-U", SUPERUSER, "--pwfile=" + passwordFile, "-A", "scram-sha-256", "-E", "UTF8",
                    "--no-locale", "--no-sync", "--no-instructions"));
            Processes.run(processIn(initdb), workDir.resolve("initdb.log"), 120, "initdb failed");
            Files.delete(passwordFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the PostgreSQL data directory", e);
        }
    }

    private void launch(Path binaries) {
        Path log = workDir.resolve("postgres.log");
        for (int attempt = 1; ; attempt++) {
            port = freePort();
            List<String> command = asServerUser();
            command.addAll(List.of("/bin/sh", "-c", WATCHDOG, "sh", binaries.resolve("bin/postgres").toString(),
                    "-D", dataDir.toString(), "-p", Integer.toString(port),
                    "-c", "listen_addresses=127.0.0.1",
                    "-c", "unix_socket_directories=",
                    "-c", "max_connections=200",
                    // A throwaway cluster: durability would only cost time.
                    "-c", "fsync=off",
                    "-c", "synchronous_commit=off",
                    "-c", "full_page_writes=off"));
            try {
                process = processIn(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .redirectInput(ProcessBuilder.Redirect.PIPE)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start postgres", e);
            }
            if (awaitReady()) {
                return;
            }
            String output = Processes.tail(log);
            boolean portTaken = output.contains("could not bind") || output.contains("already in use");
            if (!portTaken || attempt == PORT_ATTEMPTS) {
                stop();
                throw new IllegalStateException("PostgreSQL did not start (log: " + log + ")\n" + output);
            }
        }
    }

    /** True once the server accepts a login; false if it exited first. */
    private boolean awaitReady() {
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        while (System.currentTimeMillis() < deadline) {
            try {
                DriverManager.getConnection(url, SUPERUSER, password).close();
                return true;
            } catch (SQLException e) {
                if (!process.isAlive()) {
                    return false;
                }
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while PostgreSQL was starting", e);
            }
        }
        throw new IllegalStateException("PostgreSQL did not accept connections within "
                + READY_TIMEOUT_MILLIS / 1000 + " s\n" + Processes.tail(workDir.resolve("postgres.log")));
    }

    /** Immediate shutdown (the data is thrown away), then the temporary directory goes. */
    synchronized void stop() {
        if (process != null) {
            try {
                process.getOutputStream().close();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    killPostmaster();
                    process.destroyForcibly();
                }
            } catch (IOException e) {
                killPostmaster();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        Processes.deleteTree(workDir);
    }

    /**
     * A JVM killed outright never runs its shutdown hook: its server dies with it (see the class comment) but
     * its data directory stays. Old directories whose server is gone are removed here.
     */
    private static void removeAbandonedClusters() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long cutoff = System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(10);
        try (var stale = Files.newDirectoryStream(tmp, WORK_DIR_PREFIX + "*")) {
            for (Path dir : stale) {
                if (Files.getLastModifiedTime(dir).toMillis() < cutoff && !serverAlive(dir.resolve("data"))) {
                    Processes.deleteTree(dir);
                }
            }
        } catch (IOException e) {
            // housekeeping only
        }
    }

    private static boolean serverAlive(Path dataDir) {
        try {
            String pid = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip();
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void killPostmaster() {
        try {
            String pid = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip();
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
        } catch (IOException | RuntimeException e) {
            // the server is gone already
        }
    }

    private ProcessBuilder processIn(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().put("LC_ALL", "C");
        builder.environment().put("TZ", "UTC");
        return builder;
    }

    private static List<String> asServerUser() {
        List<String> prefix = new ArrayList<>();
        if (!isRoot()) {
            return prefix;
        }
        String id = Integer.toString(UNPRIVILEGED_ID);
        if (Processes.executable("setpriv").isPresent()) {
            prefix.addAll(List.of(Processes.executable("setpriv").get().toString(),
                    "--reuid=" + id, "--regid=" + id, "--clear-groups", "--"));
        } else if (Processes.executable("runuser").isPresent()) {
            prefix.addAll(List.of(Processes.executable("runuser").get().toString(), "-u", "nobody", "--"));
        } else {
            throw new IllegalStateException("PostgreSQL will not run as root, and neither setpriv nor runuser is"
                    + " available to drop privileges; run the tests as another user or set "
                    + PostgresServer.TEST_DATABASE_URL);
        }
        return prefix;
    }

    /** Gives a file to the unprivileged user when we are root, since the server must write there. */
    private static void handOver(Path path) throws IOException {
        if (isRoot()) {
            Files.setAttribute(path, "unix:uid", UNPRIVILEGED_ID);
            Files.setAttribute(path, "unix:gid", UNPRIVILEGED_ID);
        }
    }

    private static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | RuntimeException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for PostgreSQL", e);
        }
    }
}
