package dev.aadsts.core.reply;

import java.time.Duration;

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
}
