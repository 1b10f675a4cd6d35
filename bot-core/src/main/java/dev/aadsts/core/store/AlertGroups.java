package dev.aadsts.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Alerts grouped by (target, code), with the delivery state of each group, modelled on Alertmanager:
 * a new group waits {@code groupWait} before its first post; later arrivals are folded into the same
 * message no sooner than {@code groupInterval} after the previous delivery.
 *
 * <p>Delivery is leased: {@link #claimDue} hands each due group to exactly one caller (row locks that skip
 * rows another instance holds) until the lease ends; the holder then reports {@link #delivered},
 * {@link #failed} or {@link #skipped}. A crashed holder's lease simply runs out and another claim picks the
 * group up again.
 */
public interface AlertGroups {

    /** Distinct values kept per context key. */
    int SAMPLE_LIMIT = 5;

    /**
     * Stores the alerts and folds them into their groups, all of them or none; when this returns, they are
     * durable. Concurrent calls may share one transaction (group commit); the outcome is the same as
     * committing them one after another. A group that did not exist is created with {@code nextAttemptAt = now + groupWait}; an idle
     * group (nextAttemptAt null) that receives alerts gets
     * {@code nextAttemptAt = max(now, lastDeliveryAt + groupInterval)}; a group with a delivery already
     * due keeps its time.
     *
     * @return the ids of the groups touched, in the order of {@code alerts}' first appearance
     */
    List<Long> accept(List<IncomingAlert> alerts, Instant now, Duration groupWait, Duration groupInterval);

    /**
     * Leases up to {@code max} groups whose {@code nextAttemptAt <= now} and whose lease is free or expired,
     * earliest due first, to {@code owner} until {@code now + lease}. Groups leased by others are skipped,
     * not waited for.
     */
    List<AlertGroup> claimDue(String owner, Instant now, Duration lease, int max);

    /**
     * The holder posted or updated the message showing {@code shownCount} alerts. Releases the lease.
     * If more alerts arrived meanwhile ({@code count > shownCount}) the group is due again at
     * {@code now + groupInterval}; otherwise it becomes idle. {@code postedAt} is when {@code messageRef} was
     * first posted (a repost sets a new one). Returns false, changing nothing, when {@code owner} no longer
     * holds the lease.
     */
    boolean delivered(long groupId, String owner, long shownCount, String messageRef, Instant postedAt,
            Instant now, Duration groupInterval);

    /** Delivery failed; releases the lease, counts the attempt, and makes the group due at {@code retryAt}. */
    boolean failed(long groupId, String owner, String error, Instant retryAt);

    /**
     * Nothing was posted on purpose (the code is muted): releases the lease and makes the group idle
     * without changing what was delivered, so the next alert after the silence shows the full count.
     */
    boolean skipped(long groupId, String owner);

    Optional<AlertGroup> find(long groupId);

    /** All groups for a target, newest first; for tests and the admin view. */
    List<AlertGroup> forTarget(String target);

    /** How many alerts are stored in total (each accepted alert is one row). */
    long storedAlerts();
}
