package dev.aadsts.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything known about one (target, code) group at the moment it was read: how many alerts arrived,
 * when, a sample of their distinct context, and what has been posted so far.
 *
 * @param samples        per context key (e.g. "app"), up to {@link AlertGroups#SAMPLE_LIMIT} distinct values
 *                       in order of first arrival
 * @param deliveredCount the count shown by the last successful post or update; 0 before the first
 * @param messageRef     the platform's id of the posted message (Slack ts, Teams activity id), or null
 * @param postedAt       when {@code messageRef} was first posted, or null
 * @param lastDeliveredAt when the last successful post or update happened, or null
 * @param nextAttemptAt  when a delivery is due, or null when the group is idle
 */
public record AlertGroup(
        long id,
        String target,
        String code,
        String route,
        long count,
        Instant firstSeen,
        Instant lastSeen,
        Map<String, List<String>> samples,
        long deliveredCount,
        String messageRef,
        Instant postedAt,
        Instant lastDeliveredAt,
        Instant nextAttemptAt,
        int attempts,
        String lastError) {

    public AlertGroup {
        samples = Map.copyOf(samples);
    }

    /** Alerts that arrived since the last post or update. */
    public long undelivered() {
        return count - deliveredCount;
    }
}
