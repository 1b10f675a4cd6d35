package dev.aadsts.core.stats;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a platform user id into a stable pseudonym: HMAC-SHA256 under the installation's pepper. The same
 * person always maps to the same value (one vote per code), and without the pepper the value cannot be
 * matched to an id by trying every id in a workspace.
 */
final class VoterHash {
    private final SecretKeySpec key;

    VoterHash(byte[] pepper) {
        if (pepper == null || pepper.length < 16) {
            throw new IllegalArgumentException("the pepper must be at least 16 bytes");
        }
        this.key = new SecretKeySpec(pepper.clone(), "HmacSHA256");
    }

    String of(String platform, String userId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((platform + ":" + userId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
