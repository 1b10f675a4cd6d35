package dev.aadsts.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Replies owed for acknowledged events, kept until they are delivered so a crash or a restart does not lose
 * them. The instance that accepted an event holds its reply under a lease while it delivers; a reply whose
 * lease ran out (its instance died, or gave up for now) is claimed again by whoever sweeps next.
 */
public interface PendingReplies {

    /** Records the reply; durable when this returns. False, changing nothing, when the key is already recorded. */
    boolean add(PendingReply reply);

    /**
     * Leases up to {@code max} replies of {@code platform} whose lease ended by {@code now} to the caller until
     * {@code now + lease}, oldest first. Replies another instance is claiming at the same moment are passed over.
     */
    List<PendingReply> claimExpired(String platform, Instant now, Duration lease, int max);

    /** The holder still has these replies in hand: their leases now end at {@code until}. */
    void renew(java.util.Collection<String> keys, Instant until);

    /** Delivered, or refused for good: forgets the reply. */
    void remove(String key);

    /** Not delivered this time; any instance may try again from {@code retryAt}. */
    void postpone(String key, Instant retryAt);

    /** How many replies are owed, on every instance together. */
    long count(String platform);
}
