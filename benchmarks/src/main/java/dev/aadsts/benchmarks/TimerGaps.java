package dev.aadsts.benchmarks;

import java.util.Arrays;

/**
 * How often this machine takes the CPU away from a running thread, and for how long: a thread that only reads
 * the clock for a few seconds, counting the gaps between two readings. On a virtual machine those gaps (the
 * host's timer and interrupts) decide the tail of any latency benchmark: an operation of {@code L} µs is hit with
 * probability about rate × {@code L}, and a hit adds the gap's length. Run it beside a latency figure to know
 * which part of the p99 is the code and which the machine.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.aadsts.benchmarks.TimerGaps [seconds=3]</pre>
 */
public final class TimerGaps {
    private static final long[] EDGES_MICROS = {2, 5, 10, 20, 40, 80, 160, 1000};

    private TimerGaps() {
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        long[] counts = new long[EDGES_MICROS.length];
        long stolen = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long previous = System.nanoTime();
        for (long now = previous; now < end; now = System.nanoTime()) {
            long gap = now - previous;
            previous = now;
            if (gap < EDGES_MICROS[0] * 1000) {
                continue;
            }
            stolen += gap;
            int bucket = 0;
            while (bucket + 1 < EDGES_MICROS.length && gap >= EDGES_MICROS[bucket + 1] * 1000) {
                bucket++;
            }
            counts[bucket]++;
        }
        long gaps = Arrays.stream(counts).sum();
        System.out.printf("%d gaps of 2 µs or more per second, %.1f %% of the time, %.0f µs each on average%n",
                gaps / seconds, 100.0 * stolen / (seconds * 1e9), gaps == 0 ? 0.0 : stolen / 1000.0 / gaps);
        for (int i = 0; i < counts.length; i++) {
            String range = i + 1 < EDGES_MICROS.length ? EDGES_MICROS[i] + "–" + EDGES_MICROS[i + 1] + " µs"
                    : EDGES_MICROS[i] + " µs and more";
            System.out.printf("  %-16s %8d%n", range, counts[i]);
        }
    }
}
