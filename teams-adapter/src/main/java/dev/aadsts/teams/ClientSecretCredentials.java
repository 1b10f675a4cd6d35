package dev.aadsts.teams;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.bot.connector.authentication.Authenticator;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Outbound tokens for MultiTenant and SingleTenant bots (app id and client secret), from the authority
 * {@link TeamsSettings#tokenAuthority()} names. The SDK's own authenticator is fixed to
 * login.microsoftonline.com (its government variant to one US Government tenant) and lets MSAL check any
 * other host against login.microsoftonline.com, so another authority could not be used; its retry wrapper
 * also never retries. Here MSAL is asked directly and {@link ConnectorRetry} owns retrying.
 */
final class ClientSecretCredentials extends MicrosoftAppCredentials {
    /** Hosts MSAL knows; instance discovery about any other host would be refused by login.microsoftonline.com. */
    private static final Set<String> KNOWN_HOSTS = Set.of("login.microsoftonline.com", "login.microsoft.com",
            "login.windows.net", "login.microsoftonline.us", "login-us.microsoftonline.com", "login.chinacloudapi.cn");
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int READ_TIMEOUT_MILLIS = 15_000;

    private final String authority;

    ClientSecretCredentials(String appId, String password, TeamsSettings settings, String scope) {
        super(appId, password, settings.appType() == TeamsSettings.AppType.SINGLE_TENANT ? settings.tenantId() : null,
                scope);
        this.authority = settings.tokenAuthority();
    }

    @Override
    public String oAuthEndpoint() {
        return authority;
    }

    @Override
    protected Authenticator buildAuthenticator() throws MalformedURLException {
        String host = URI.create(authority).getHost().toLowerCase(Locale.ROOT);
        ConfidentialClientApplication app = ConfidentialClientApplication
                .builder(getAppId(), ClientCredentialFactory.createFromSecret(getAppPassword()))
                .authority(authority)
                .instanceDiscovery(KNOWN_HOSTS.contains(host))
                .connectTimeoutForDefaultHttpClient(CONNECT_TIMEOUT_MILLIS)
                .readTimeoutForDefaultHttpClient(READ_TIMEOUT_MILLIS)
                .build();
        ClientCredentialParameters parameters = ClientCredentialParameters.builder(Set.of(oAuthScope())).build();
        // MSAL keeps the token in its in-memory cache and asks the authority again shortly before it expires.
        return () -> app.acquireToken(parameters);
    }
}
