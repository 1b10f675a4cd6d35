package dev.aadsts.benchmarks;

import dev.aadsts.core.detect.CodeDetector;
import dev.aadsts.knowledge.Catalog;
import java.util.List;
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
 * Detection throughput over 1 MiB of chat text, beside the baseline every detector must beat or come
 * near: a plain case-insensitive scan for the word "AADSTS" over the same text, which finds less (no
 * prefix-less shapes, no code extraction) and so bounds what detection can cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DetectionBenchmark {
    static final int MIB = 1024 * 1024;

    /** "none": ordinary chat; "some": an Entra error roughly every 4 KiB. */
    @Param({"none", "some"})
    public String codes;

    private String text;
    private CodeDetector detector;

    @Setup
    public void setUp() {
        text = ChatText.generate(MIB, codes.equals("none") ? 0 : 4096, 7);
        detector = new CodeDetector(Catalog.load()::contains);
    }

    @Benchmark
    public int baselinePrefixScan() {
        return PrefixScan.count(text);
    }

    @Benchmark
    public List<?> detect() {
        return detector.detect(text);
    }
}
