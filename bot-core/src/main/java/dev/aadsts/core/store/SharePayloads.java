package dev.aadsts.core.store;

import java.time.Duration;
import java.util.Optional;

/**
 * What a "Share in channel" button shares, saved when its ephemeral answer is made and read when it is
 * clicked, so the click works on any replica and after a restart. Whether a share was used already is
 * {@link ShareClaims}' business.
 */
public interface SharePayloads {

    /** Keeps {@code payload} under {@code shareId} for {@code keepFor}; a new id each time, so nothing is replaced. */
    void save(String shareId, String payload, Duration keepFor);

    /** The payload while it is kept; empty for an unknown or expired id. */
    Optional<String> find(String shareId);
}
