package dev.aadsts.benchmarks;

import dev.aadsts.core.card.CardBuilder;
import dev.aadsts.core.command.CommandRouter;
import dev.aadsts.core.command.Reply;
import dev.aadsts.core.explain.Explainer;
import dev.aadsts.knowledge.Catalog;
import dev.aadsts.knowledge.CatalogSearch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One chat message of 4 KiB, from text to finished cards (detection, decoding, context, redaction,
 * cards), sampled per call for percentiles. The analysis cache is off so every call does the full work;
 * the baseline is the prefix scan over the same message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MessageLatencyBenchmark {
    /** "none": a 4 KiB message without a code; "some": one with an Entra error in it. */
    @Param({"none", "some"})
    public String codes;

    private String message;
    private CommandRouter router;

    @Setup
    public void setUp() {
        Catalog catalog = Catalog.load();
        router = new CommandRouter(new Explainer(catalog, 0), new CardBuilder(catalog), new CatalogSearch(catalog));
        message = ChatText.generate(4096, codes.equals("none") ? 0 : 2048, 11).substring(0, 4096);
        if (codes.equals("some") && router.paste(message).isEmpty()) {
            throw new IllegalStateException("the sample message should carry a code");
        }
    }

    @Benchmark
    public int baselinePrefixScan() {
        return PrefixScan.count(message);
    }

    @Benchmark
    public Reply pasteToCards() {
        return router.paste(message);
    }
}
