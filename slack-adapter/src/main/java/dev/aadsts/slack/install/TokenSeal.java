package dev.aadsts.slack.install;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals installation records (bot, user and refresh tokens) with AES-256-GCM before they reach the store.
 * The row's keys go in as associated data, so sealed bytes copied into another workspace's row do not open.
 * Layout: one version byte, a 12-byte random nonce, then the ciphertext with its 16-byte tag.
 */
public final class TokenSeal {
    /** The environment variable holding the key: 32 random bytes, base64 ({@code openssl rand -base64 32}). */
    public static final String KEY_VARIABLE = "SLACK_STATE_KEY";

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private TokenSeal(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * The seal for a key as the environment gives it.
     *
     * @throws IllegalArgumentException the value is not base64 of exactly 32 bytes (the message never shows it)
     */
    public static TokenSeal fromBase64(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(KEY_VARIABLE + " is not set; distribution mode keeps tokens "
                    + "encrypted with it (create one with: openssl rand -base64 32)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY_VARIABLE + " is not base64 (create one with: openssl rand -base64 32)");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException(KEY_VARIABLE + " must be 32 bytes of base64 (AES-256), not "
                    + key.length + " (create one with: openssl rand -base64 32)");
        }
        return new TokenSeal(key);
    }

    public byte[] seal(String plain, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] body = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + body.length).put(VERSION).put(nonce).put(body).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this Java runtime", e);
        }
    }

    /**
     * @throws SealBrokenException the bytes were sealed with another key, for another row, or changed
     */
    public String open(byte[] sealed, String context) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new SealBrokenException("not a sealed installation record");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        System.arraycopy(sealed, 1, nonce, 0, NONCE_BYTES);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, context);
            byte[] plain = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SealBrokenException("the installation record does not open with " + KEY_VARIABLE
                    + " (another key, or the row was changed)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this Java runtime", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** A sealed record that cannot be opened: wrong key, wrong row, or tampered with. */
    public static final class SealBrokenException extends RuntimeException {
        SealBrokenException(String message) {
            super(message);
        }
    }

    @Override
    public String toString() {
        return "TokenSeal[AES-256-GCM]";
    }
}
