package dev.aadsts.app.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * A token bucket per client address for the public API and playground: a burst of a few requests, then
 * a steady rate. Buckets live in a bounded cache, so a flood of spoofed addresses costs bounded memory.
 */
final class ClientRateLimit {
    private final double perNano;
    private final double burst;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(50_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    /** @param perMinute 0 turns the limit off */
    ClientRateLimit(int perMinute) {
        this.perNano = perMinute / 60e9;
        this.burst = Math.max(1, Math.min(30, perMinute / 4.0));
    }

    boolean enabled() {
        return perNano > 0;
    }

    /** 0 when the request may go ahead, otherwise whole seconds until it may (for Retry-After). */
    long secondsToWait(String client, long nowNanos) {
        if (!enabled()) {
            return 0;
        }
        Bucket bucket = buckets.get(client, c -> new Bucket(burst, nowNanos));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (nowNanos - bucket.updated) * perNano);
            bucket.updated = nowNanos;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - bucket.tokens) / perNano / 1e9);
        }
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }
}
