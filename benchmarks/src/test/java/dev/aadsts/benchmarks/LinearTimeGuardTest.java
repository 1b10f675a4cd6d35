package dev.aadsts.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.knowledge.Catalog;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fails the build when one hostile family stops scaling linearly. The limits are wide on purpose (a few
 * seconds at 1 MiB, and 1 MiB may cost up to 100 times 64 KiB where linear is 16: the build machine is
 * shared and a 1 MiB run is easily preempted): this is a guard against
 * a quadratic loop coming back (which costs 256 times, and minutes), not a measurement. The figures
 * are in the README, from {@link HostileInputBenchmark}.
 */
class LinearTimeGuardTest {
    private static final int KIB_64 = 64 * 1024;
    private static final int MIB = 1024 * 1024;
    private static final long MAX_MIB_NANOS = 4_000_000_000L;
    private static final double MAX_RATIO = 100;
    /** Below this the 1 MiB run is too quick for the ratio to mean anything on a shared machine. */
    private static final long RATIO_FLOOR_NANOS = 40_000_000L;
    private static final HostileInputAnalysis ANALYSIS = new HostileInputAnalysis(Catalog.load());

    static Stream<String> families() {
        return HostileInputs.FAMILIES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void scalesLinearly(String family) {
        Object small = HostileInputAnalysis.input(family, KIB_64);
        Object large = HostileInputAnalysis.input(family, MIB);
        for (int i = 0; i < 5; i++) {
            ANALYSIS.run(small); // warm-up, so the small run is not timed in the interpreter
        }
        long smallNanos = fastest(small, 5);
        long largeNanos = fastest(large, 3);
        assertTrue(largeNanos < MAX_MIB_NANOS, family + ": 1 MiB took " + largeNanos / 1_000_000 + " ms");
        double ratio = (double) largeNanos / Math.max(1, smallNanos);
        assertTrue(largeNanos < RATIO_FLOOR_NANOS || ratio <= MAX_RATIO,
                family + ": 1 MiB took " + Math.round(ratio) + " times 64 KiB (" + largeNanos / 1_000_000 + " ms)");
    }

    /** The thread's own CPU time: a run descheduled by a busy machine did not turn quadratic. */
    private static long fastest(Object input, int runs) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long start = threads.getCurrentThreadCpuTime();
            ANALYSIS.run(input);
            best = Math.min(best, threads.getCurrentThreadCpuTime() - start);
        }
        return best;
    }
}
