package dev.aadsts.teams;

import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalServiceException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reply that failed because the bot could not get its own token, told apart from a connector fault.
 * The SDK surfaces it as an I/O error ("connector unreachable"), which sent people looking at the wrong
 * service. The description names the HTTP status, MSAL's error code and the AADSTS code, never the token
 * endpoint's full answer, so nothing the request carried can come back into a log.
 */
record OutboundTokenFailure(int status, String errorCode, String aadsts, boolean network, String managedIdentity) {
    private static final Pattern AADSTS = Pattern.compile("AADSTS\\d{5,7}");

    /** @return the token failure somewhere in {@code t}'s causes, or null when the failure is something else */
    static OutboundTokenFailure find(Throwable t) {
        MsalException msal = msal(t, new IdentityHashMap<>());
        if (msal == null) {
            return null;
        }
        Matcher m = AADSTS.matcher(String.valueOf(msal.getMessage()));
        // MSAL leaves the status empty for managed-identity failures.
        Integer code = msal instanceof MsalServiceException service ? service.statusCode() : null;
        int status = code == null ? 0 : code;
        String source = msal instanceof MsalServiceException service ? service.managedIdentitySource() : null;
        return new OutboundTokenFailure(status, msal.errorCode(), m.find() ? m.group() : null,
                msal instanceof MsalClientException, source == null || source.isBlank() ? null : source);
    }

    /**
     * The token endpoint being down, throttling or unreachable passes; a refusal of the bot's credentials
     * (400/401: wrong secret, unknown app, wrong tenant) stays until someone changes the settings.
     */
    boolean retryable() {
        return network || status == 0 || status == 408 || status == 429 || status >= 500;
    }

    String describe() {
        StringBuilder s = new StringBuilder("no Bot Framework token: ");
        String endpoint = managedIdentity == null ? "the token endpoint"
                : "the managed identity endpoint (" + managedIdentity + ")";
        if (network) {
            s.append(endpoint).append(" could not be reached");
        } else if (retryable()) {
            s.append(endpoint).append(" failed");
        } else {
            s.append(endpoint).append(" refused the bot's credentials");
        }
        s.append(" (");
        if (status > 0) {
            s.append("HTTP ").append(status).append(' ');
        }
        s.append(errorCode == null ? "no error code" : errorCode);
        if (aadsts != null) {
            s.append(", ").append(aadsts);
        }
        s.append(')');
        if (!retryable()) {
            s.append("; check MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId and MicrosoftAppType");
        }
        return s.toString();
    }

    private static MsalException msal(Throwable t, Map<Throwable, Boolean> seen) {
        if (t == null || seen.put(t, Boolean.TRUE) != null) {
            return null;
        }
        if (t instanceof MsalException m) {
            return m;
        }
        MsalException found = msal(t.getCause(), seen);
        for (Throwable suppressed : t.getSuppressed()) {
            if (found == null) {
                found = msal(suppressed, seen);
            }
        }
        return found;
    }
}
