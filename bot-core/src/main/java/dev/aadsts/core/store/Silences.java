package dev.aadsts.core.store;

import java.time.Instant;
import java.util.Optional;

/** Per target and code: alerts are still counted and stored, but not posted, until the silence ends. */
public interface Silences {

    /** Mutes {@code code} for {@code target} until {@code until}; replaces an earlier silence. */
    void mute(String target, String code, Instant until, String mutedBy);

    /** The end of the silence in force at {@code now}, if any. */
    Optional<Instant> mutedUntil(String target, String code, Instant now);
}
