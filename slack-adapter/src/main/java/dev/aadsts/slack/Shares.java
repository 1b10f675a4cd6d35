package dev.aadsts.slack;

import dev.aadsts.core.store.ShareClaims;
import dev.aadsts.core.store.SharePayloads;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * What an ephemeral answer's "Share in channel" button shares, and whether it was shared already. Both live
 * in the store: the text for a few hours, so the click works on any replica and after a restart; the claim
 * that it was used, so a replayed or double-clicked button posts once even across replicas.
 */
public final class Shares {
    /** How long a share button works. */
    static final Duration LIFETIME = Duration.ofHours(6);
    /** Claims outlive the button so a late replay still finds the claim. */
    static final Duration CLAIM_KEPT = LIFETIME.multipliedBy(2);

    private final SharePayloads texts;
    private final ShareClaims claims;

    Shares(SharePayloads texts, ShareClaims claims) {
        this.texts = texts;
        this.claims = claims;
    }

    /** Remembers the command text and returns the id the button carries. */
    public String remember(String text) {
        String id = UUID.randomUUID().toString();
        texts.save(id, text, LIFETIME);
        return id;
    }

    /** The command text behind a button, while it has not expired. */
    public Optional<String> text(String shareId) {
        return texts.find(shareId);
    }

    /** True for the first use of a share, false for every later one. */
    public boolean claim(String shareId) {
        return claims.claim(shareId, CLAIM_KEPT);
    }
}
