package dev.aadsts.slack;

import dev.aadsts.core.signing.TimestampWindow;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signing (v0: HMAC-SHA256 of {@code v0:timestamp:body} with the signing secret),
 * compared in constant time, with a five-minute window against replays.
 */
final class RequestSignature {
    private static final TimestampWindow WINDOW = new TimestampWindow(TimestampWindow.FIVE_MINUTES);

    private final byte[] secret;

    RequestSignature(String signingSecret) {
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
    }

    String sign(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder("v0=");
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** @return null when valid, otherwise the reason to give with the 401 */
    String check(String timestamp, String signature, String body, long nowSeconds) {
        if (timestamp == null || signature == null) {
            return "missing X-Slack-Request-Timestamp or X-Slack-Signature";
        }
        long sent = TimestampWindow.parse(timestamp);
        if (sent < 0) {
            return "X-Slack-Request-Timestamp is not a Unix time in seconds";
        }
        if (!WINDOW.accepts(sent, nowSeconds)) {
            return "request timestamp is outside the five-minute window";
        }
        byte[] expected = sign(timestamp.strip(), body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII))) {
            return "signature does not match";
        }
        return null;
    }
}
