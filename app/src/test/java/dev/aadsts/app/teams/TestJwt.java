package dev.aadsts.app.teams;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/** Signs RS256 tokens shaped like the Bot Connector's, so validation is exercised with real signatures. */
final class TestJwt {
    private TestJwt() {
    }

    static String sign(PrivateKey key, String keyId, String issuer, String audience, String serviceUrl, Instant now) {
        return sign(key, keyId, issuer, audience, serviceUrl, ",\"nbf\":" + (now.getEpochSecond() - 60) + ",\"exp\":"
                + (now.getEpochSecond() + 3600));
    }

    /** @param lifetime the token's time claims as JSON members with a leading comma, or "" for none */
    static String sign(PrivateKey key, String keyId, String issuer, String audience, String serviceUrl,
            String lifetime) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + keyId + "\"}";
        String claims = "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"serviceurl\":\"" + serviceUrl
                + "\"" + lifetime + "}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
