package dev.aadsts.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * One versioned migration file ({@code V<n>__<description>.sql}) as Flyway names, describes and checksums it,
 * so that a schema {@link FreshSchema} creates records exactly the history Flyway would have written.
 */
record MigrationScript(int version, String description, String script, String sql) {
    private static final Pattern NAME = Pattern.compile("V(\\d+)__(.+)\\.sql");

    /**
     * Flyway's checksum: CRC-32 over the UTF-8 bytes of each line without its line ending (and without a byte
     * order mark), so it does not change with the line endings a checkout uses. Flyway compares it on every
     * later validation, so it must match to the bit.
     */
    int checksum() {
        CRC32 crc = new CRC32();
        String text = sql.startsWith("\uFEFF") ? sql.substring(1) : sql;
        for (String line : text.split("\r\n|\r|\n", -1)) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return (int) crc.getValue();
    }

    /**
     * The versioned migrations in {@code folder} on the class path, oldest first. Lists the one folder (in the
     * jar or the build's classes directory) instead of Flyway's scan of every location and its plugins.
     */
    static List<MigrationScript> in(String folder, ClassLoader loader) {
        URL url = loader.getResource(folder);
        if (url == null) {
            return List.of();
        }
        List<String> names;
        try {
            names = names(url, folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the migrations in " + folder, e);
        }
        List<MigrationScript> scripts = new ArrayList<>();
        for (String name : names) {
            Matcher m = NAME.matcher(name);
            if (m.matches()) {
                scripts.add(new MigrationScript(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), name,
                        read(loader, folder + "/" + name)));
            }
        }
        scripts.sort(Comparator.comparingInt(MigrationScript::version));
        return scripts;
    }

    private static List<String> names(URL url, String folder) throws IOException {
        URLConnection connection = url.openConnection();
        if (connection instanceof JarURLConnection jar) {
            jar.setUseCaches(false);
            String prefix = folder + "/";
            try (JarFile file = jar.getJarFile()) {
                return file.stream().map(entry -> entry.getName())
                        .filter(name -> name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0)
                        .map(name -> name.substring(prefix.length())).toList();
            }
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.map(file -> file.getFileName().toString()).toList();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("migrations at " + url + " are neither in a jar nor in a folder", e);
        }
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("not found");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the migration " + resource, e);
        }
    }
}
