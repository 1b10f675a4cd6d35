package dev.aadsts.app.load;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the platform stand-in received: replies per event (by reply key), and how long after its event was due
 * each first reply came. It sees only what arrives, so it does not care how the bot sends.
 */
public final class Deliveries {
    private final Map<String, Long> dueAt = new ConcurrentHashMap<>();
    private final Map<String, String> prefixOf = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> posts = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<Long>> lags = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastAt = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> firstDue = new ConcurrentHashMap<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicInteger unmatched = new AtomicInteger();

    void expect(String prefix, String key, long dueNanos) {
        dueAt.put(key, dueNanos);
        prefixOf.put(key, prefix);
        firstDue.computeIfAbsent(prefix, p -> new AtomicLong(dueNanos));
        outstanding.incrementAndGet();
    }

    /** A reply arrived for {@code key} (null: one the stand-in could not tie to any event). */
    public void received(String key) {
        long now = System.nanoTime();
        if (key == null || !prefixOf.containsKey(key)) {
            unmatched.incrementAndGet();
            return;
        }
        int n = posts.computeIfAbsent(key, t -> new AtomicInteger()).incrementAndGet();
        String prefix = prefixOf.get(key);
        if (n == 1) {
            lags.computeIfAbsent(prefix, p -> new ConcurrentLinkedQueue<>()).add(now - dueAt.get(key));
            lastAt.computeIfAbsent(prefix, p -> new AtomicLong()).accumulateAndGet(now, Math::max);
            outstanding.decrementAndGet();
        }
    }

    /** Replies that matched no event sent with a reply expected (a reply to chatter, or an unknown target). */
    public int unmatched() {
        return unmatched.get();
    }

    public boolean awaitAll(Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        while (outstanding.get() > 0 && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        return outstanding.get() == 0;
    }

    /** One rate's replies: first replies delivered, their lags, events answered more than once. */
    public record Summary(int delivered, long[] sortedLags, int twice, long spanNanos) {
        public double lagP50() {
            return Percentiles.millis(sortedLags, sortedLags.length, 50);
        }

        public double lagP99() {
            return Percentiles.millis(sortedLags, sortedLags.length, 99);
        }

        /** Replies delivered per second, from the first event due to the last reply received. */
        public double deliveredPerSecond() {
            return spanNanos <= 0 ? 0 : delivered / (spanNanos / 1e9);
        }
    }

    public Summary summary(String prefix) {
        long[] sorted = lags.getOrDefault(prefix, new ConcurrentLinkedQueue<>()).stream().mapToLong(Long::longValue)
                .sorted().toArray();
        int twice = 0;
        for (Map.Entry<String, AtomicInteger> e : posts.entrySet()) {
            if (prefix.equals(prefixOf.get(e.getKey())) && e.getValue().get() > 1) {
                twice++;
            }
        }
        long first = firstDue.getOrDefault(prefix, new AtomicLong()).get();
        long last = lastAt.getOrDefault(prefix, new AtomicLong()).get();
        return new Summary(sorted.length, sorted, twice, last - first);
    }
}
