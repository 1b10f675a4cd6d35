package dev.aadsts.core.reply;

import java.time.Duration;
import java.util.Map;

/**
 * How much reply work one platform's {@link ReplyDelivery} takes on.
 *
 * @param queueSize     replies accepted and not yet delivered, at most; past it work is refused
 * @param concurrency   sends in flight at once
 * @param targetSpacing the least time between two replies to one target (channel or conversation)
 * @param lease         how long a reply held by this instance is safe from other replicas' sweeps; renewed at a
 *                      third of it
 * @param sweepEvery    how often owed replies whose lease ran out are claimed
 */
public record ReplyLimits(int queueSize, int concurrency, Duration targetSpacing, Duration lease, Duration sweepEvery) {

    public ReplyLimits {
        if (queueSize < 1 || concurrency < 1) {
            throw new IllegalArgumentException("queue size and concurrency must be at least 1");
        }
        if (targetSpacing.isNegative() || lease.isZero() || lease.isNegative() || sweepEvery.isZero()
                || sweepEvery.isNegative()) {
            throw new IllegalArgumentException("spacing must not be negative, lease and sweep interval must be positive");
        }
    }

    /**
     * A whole-number setting of at least 1 from the environment, {@code fallback} when unset.
     *
     * @throws IllegalArgumentException naming the variable, for anything else
     */
    public static int positiveSetting(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number of at least 1, not '" + value.strip() + "'");
    }
}
