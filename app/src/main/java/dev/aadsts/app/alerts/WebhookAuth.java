package dev.aadsts.app.alerts;

import dev.aadsts.core.signing.TimestampWindow;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may post alerts: whoever knows {@code ALERTS_TOKEN} (as a bearer token, or {@code ?token=} for
 * senders such as Azure Monitor action groups that can only call a URL), or whoever signs the body with
 * {@code ALERTS_SIGNING_SECRET}. Comparisons take the same time whatever the guess.
 */
final class WebhookAuth {
    static final String SIGNATURE_HEADER = "X-Aadsts-Signature";
    static final String TIMESTAMP_HEADER = "X-Aadsts-Timestamp";
    private static final TimestampWindow WINDOW = new TimestampWindow(TimestampWindow.FIVE_MINUTES);

    private final byte[] tokenDigest;
    private final byte[] signingSecret;

    WebhookAuth(String token, String signingSecret) {
        this.tokenDigest = token == null || token.isBlank() ? null : sha256(token.strip());
        this.signingSecret = signingSecret == null || signingSecret.isBlank() ? null
                : signingSecret.strip().getBytes(StandardCharsets.UTF_8);
    }

    boolean enabled() {
        return tokenDigest != null || signingSecret != null;
    }

    /** Null when the request may pass; otherwise the reason for the 401 (never echoing what was sent). */
    String refuse(String authorization, String queryToken, String timestamp, String signature, byte[] body,
            long nowSeconds) {
        if (tokenDigest != null) {
            String presented = bearer(authorization);
            if (presented == null) {
                presented = queryToken;
            }
            if (presented != null && MessageDigest.isEqual(tokenDigest, sha256(presented))) {
                return null;
            }
        }
        if (signingSecret != null && signature != null) {
            return checkSignature(timestamp, signature, body, nowSeconds);
        }
        return signingSecret != null && tokenDigest == null
                ? "missing " + SIGNATURE_HEADER + " and " + TIMESTAMP_HEADER
                : "missing or wrong token (Authorization: Bearer <token> or ?token=<token>)";
    }

    private String checkSignature(String timestamp, String signature, byte[] body, long nowSeconds) {
        long ts = TimestampWindow.parse(timestamp);
        if (ts < 0) {
            return TIMESTAMP_HEADER + " must be Unix seconds";
        }
        if (!WINDOW.accepts(ts, nowSeconds)) {
            return "signature timestamp outside the 5-minute window (replayed or clock skew)";
        }
        byte[] expected = ("v1=" + sign(signingSecret, ts, body)).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.UTF_8))
                ? null : "signature does not match the body";
    }

    /** Hex HMAC-SHA256 over "v1:&lt;timestamp&gt;:&lt;body&gt;" — the README shows how to compute it with openssl. */
    static String sign(byte[] secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(("v1:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String a = authorization.strip();
        return a.regionMatches(true, 0, "Bearer ", 0, 7) ? a.substring(7).strip() : null;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
