package dev.aadsts.app.load;

/** Nearest-rank percentiles of nanosecond samples, in milliseconds. */
public final class Percentiles {
    private Percentiles() {
    }

    /** {@code sorted[0..n)} ascending; NaN when there are no samples. */
    public static double millis(long[] sorted, int n, int percentile) {
        if (n == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, Math.min(n - 1, (int) Math.ceil(n * percentile / 100.0) - 1))] / 1e6;
    }
}
