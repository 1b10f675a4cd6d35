package dev.aadsts.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;

/**
 * The lifetime rules a Bot Framework token must meet before the SDK checks its signature. The SDK's
 * verifier checks {@code exp} only when a token has one, so a correctly signed token without it would
 * never expire; here {@code exp} is required and {@code nbf} honoured, with five minutes of clock skew.
 */
final class TokenLifetime {
    static final long SKEW_SECONDS = 5 * 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenLifetime() {
    }

    /** @return null when the token's lifetime is acceptable, otherwise the reason (never the token) */
    static String refuse(String authorization, long nowSeconds) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null; // no token at all: the SDK refuses it with its own reason
        }
        String[] parts = authorization.substring(7).strip().split("\\.", -1);
        if (parts.length != 3) {
            return null; // not a JWT: the SDK refuses it
        }
        JsonNode claims;
        try {
            claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (Exception e) {
            return "token claims are not readable";
        }
        if (claims == null || !claims.isObject()) {
            return "token claims are not a JSON object";
        }
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.canConvertToLong() || !exp.isIntegralNumber()) {
            return "token has no expiry (exp)";
        }
        if (exp.asLong() < nowSeconds - SKEW_SECONDS) {
            return "token expired";
        }
        JsonNode nbf = claims.get("nbf");
        if (nbf != null && (!nbf.isIntegralNumber() || !nbf.canConvertToLong())) {
            return "token's nbf is not a number";
        }
        if (nbf != null && nbf.asLong() > nowSeconds + SKEW_SECONDS) {
            return "token is not valid yet (nbf)";
        }
        return null;
    }
}
