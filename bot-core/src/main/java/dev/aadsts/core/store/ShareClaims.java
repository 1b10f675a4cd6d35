package dev.aadsts.core.store;

import java.time.Duration;

/** "Share in channel" buttons already used: a share posts once, however often its button is clicked. */
public interface ShareClaims {

    /**
     * Claims {@code shareId}: true for the first claim, false for every later one while the claim is kept.
     * Atomic across threads and replicas. Claims older than {@code keepFor} are removed by the store's
     * scheduled cleanup.
     */
    boolean claim(String shareId, Duration keepFor);
}
