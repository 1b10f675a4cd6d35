package dev.aadsts.benchmarks;

import dev.aadsts.core.BotCore;
import dev.aadsts.core.command.Reply;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.core.stats.Vote;
import dev.aadsts.core.store.Store;
import dev.aadsts.store.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the stats and the one-use shares add to a chat answer, on the embedded store (H2 file, a commit
 * written at once): recording the codes of a one-card reply, a feedback vote (HMAC plus an update), and
 * claiming a share. The Slack handlers do these off the acknowledgement path, on the worker pool.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class StatsRecordingBenchmark {
    private Path dir;
    private Store store;
    private Stats stats;
    private Reply oneCard;
    private final AtomicLong voters = new AtomicLong();

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("aadsts-bench-");
        store = Stores.embedded(dir);
        BotCore core = BotCore.load();
        stats = new Stats(store.stats(), core.catalog(), Clock.systemUTC());
        oneCard = core.router().paste("AADSTS50126: Error validating credentials due to invalid username or password.");
    }

    @TearDown
    public void tearDown() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public void recordCodesOfAReply() {
        stats.seen(oneCard, "slack", "T0001");
    }

    @Benchmark
    public boolean voteOnACard() {
        // A new voter each time: the insert path, the dearer of the two.
        return stats.vote("50126", "slack", "U" + voters.incrementAndGet(), Vote.HELPFUL);
    }

    @Benchmark
    public boolean claimAShare() {
        return store.shareClaims().claim(UUID.randomUUID().toString(), Duration.ofHours(12));
    }
}
