package dev.aadsts.store;

import dev.aadsts.core.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;

class H2EventRepliesTest extends EventRepliesContractTest {

    private Path dataDir;

    @Override
    protected Store open(Clock clock) {
        if (dataDir == null) {
            try {
                dataDir = Files.createTempDirectory("aadsts-h2-replies-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Stores.embedded(dataDir, clock);
    }

    @Override
    @AfterAll
    void closeStore() {
        super.closeStore();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
