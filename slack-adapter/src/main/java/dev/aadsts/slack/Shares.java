package dev.aadsts.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.aadsts.core.store.ShareClaims;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * What an ephemeral answer's "Share in channel" button shares, and whether it was shared already. The text
 * lives in memory for a few hours; the claim that it was used lives in the store, so a replayed or
 * double-clicked button posts once even across replicas.
 */
public final class Shares {
    /** How long a share button works. */
    static final Duration LIFETIME = Duration.ofHours(6);
    /** Claims outlive the button so a late replay still finds the claim. */
    static final Duration CLAIM_KEPT = LIFETIME.multipliedBy(2);

    private final Cache<String, String> texts = Caffeine.newBuilder()
            .maximumSize(50_000).expireAfterWrite(LIFETIME).build();
    private final ShareClaims claims;

    Shares(ShareClaims claims) {
        this.claims = claims;
    }

    /** Remembers the command text and returns the id the button carries. */
    public String remember(String text) {
        String id = UUID.randomUUID().toString();
        texts.put(id, text);
        return id;
    }

    /** The command text behind a button, while it has not expired. */
    public Optional<String> text(String shareId) {
        return shareId == null ? Optional.empty() : Optional.ofNullable(texts.getIfPresent(shareId));
    }

    /** True for the first use of a share, false for every later one. */
    public boolean claim(String shareId) {
        return claims.claim(shareId, CLAIM_KEPT);
    }
}
