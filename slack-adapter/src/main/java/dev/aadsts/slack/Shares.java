package dev.aadsts.slack;

import dev.aadsts.core.store.ShareClaims;
import dev.aadsts.core.store.SharePayloads;
import dev.aadsts.core.store.StoreException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an ephemeral answer's "Share in channel" button shares, and whether it was shared already. Both live
 * in the store: the text for a few hours, so the click works on any replica and after a restart; the claim
 * that it was used, so a replayed or double-clicked button posts once even across replicas.
 */
public final class Shares {
    private static final Logger LOG = LoggerFactory.getLogger(Shares.class);
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

    /**
     * Remembers the command text and returns the id the button carries, or null (no button) when the store
     * cannot take it. One short insert inside the slash command's acknowledgement: the button must work the
     * moment it is shown, and the answer itself must not fail because sharing cannot be offered.
     */
    public String remember(String text) {
        String id = UUID.randomUUID().toString();
        try {
            texts.save(id, text, LIFETIME);
            return id;
        } catch (StoreException e) {
            LOG.warn("Answering without a share button: {}", e.getMessage());
            return null;
        }
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
