package dev.aadsts.teams;

import com.microsoft.aad.msal4j.ManagedIdentityApplication;
import com.microsoft.aad.msal4j.ManagedIdentityId;
import com.microsoft.aad.msal4j.ManagedIdentityParameters;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.Authenticator;
import java.util.concurrent.CompletableFuture;

/**
 * Outbound tokens for a bot registered with a user-assigned managed identity: the hosting platform (App
 * Service, Container Apps, a VM's IMDS) issues them, so there is no password to keep. The SDK predates
 * this registration type; MSAL's managed-identity client fills the gap.
 */
final class ManagedIdentityCredentials extends AppCredentials {
    private final String clientId;

    ManagedIdentityCredentials(String clientId, String tenantId, String scope) {
        super(tenantId, scope);
        this.clientId = clientId;
        setAppId(clientId);
    }

    @Override
    protected Authenticator buildAuthenticator() {
        ManagedIdentityApplication app = ManagedIdentityApplication
                .builder(ManagedIdentityId.userAssignedClientId(clientId))
                .build();
        // Managed identity takes a resource, not a scope: "https://api.botframework.com/.default" → without "/.default".
        String resource = oAuthScope().endsWith("/.default")
                ? oAuthScope().substring(0, oAuthScope().length() - "/.default".length())
                : oAuthScope();
        return () -> {
            try {
                return app.acquireTokenForManagedIdentity(ManagedIdentityParameters.builder(resource).build());
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }
}
