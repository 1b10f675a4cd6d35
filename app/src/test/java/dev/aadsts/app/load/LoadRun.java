package dev.aadsts.app.load;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/** One rate's sending side: acknowledgements and their latencies, refusals, sends that could not go out in time. */
public final class LoadRun {
    public final String prefix;
    public final int seconds;
    public final AtomicInteger acks = new AtomicInteger();
    public final AtomicInteger refused = new AtomicInteger();
    /** Of the refused, those answered 503 (busy: the platform would send them again). */
    public final AtomicInteger unavailable = new AtomicInteger();
    public final AtomicInteger late = new AtomicInteger();
    public final AtomicInteger expectedReplies = new AtomicInteger();
    private final Map<String, AtomicInteger> refusalReasons = new ConcurrentSkipListMap<>();
    final ConcurrentLinkedQueue<LoadEvent> failed = new ConcurrentLinkedQueue<>();
    private final long[] latencies;
    private long elapsedNanos;

    LoadRun(String prefix, int seconds, int total) {
        this.prefix = prefix;
        this.seconds = seconds;
        this.latencies = new long[total];
    }

    void ack(long nanos) {
        int i = acks.getAndIncrement();
        if (i < latencies.length) {
            latencies[i] = nanos;
        }
    }

    /** {@code reason} is the HTTP status, or the exception when the request failed without an answer. */
    void refused(String reason, LoadEvent event) {
        refused.incrementAndGet();
        if (reason.equals("503")) {
            unavailable.incrementAndGet();
        }
        refusalReasons.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet();
        failed.add(event);
    }

    /** Why requests were refused, like {@code "401×3 HttpTimeoutException×2"}; empty when none were. */
    public String refusalReasons() {
        StringBuilder out = new StringBuilder();
        refusalReasons.forEach((reason, n) -> out.append(out.isEmpty() ? "" : " ").append(reason).append('×')
                .append(n.get()));
        return out.toString();
    }

    void finish(long start) {
        elapsedNanos = System.nanoTime() - start;
        Arrays.sort(latencies, 0, samples());
    }

    private int samples() {
        return Math.min(acks.get(), latencies.length);
    }

    public double acksPerSecond() {
        return acks.get() / (elapsedNanos / 1e9);
    }

    /** Ack latency in milliseconds, counted from when the event was due. */
    public double p(int percentile) {
        return Percentiles.millis(latencies, samples(), percentile);
    }
}
