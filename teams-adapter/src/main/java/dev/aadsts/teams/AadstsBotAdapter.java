package dev.aadsts.teams;

import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.AuthenticationConstants;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import com.microsoft.bot.connector.rest.RestConnectorClient;
import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import com.microsoft.bot.integration.Configuration;
import com.microsoft.bot.restclient.retry.RetryStrategy;
import java.net.URI;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK's HTTP adapter with three changes: outbound credentials follow {@code MicrosoftAppType}
 * (single-tenant tokens come from the bot's own tenant, at the cloud's authority; managed identities from
 * the platform), the SDK's
 * built-in connector retries are off because {@link ConnectorRetry} owns retrying, and turn errors are
 * logged without the activity's text.
 */
final class AadstsBotAdapter extends BotFrameworkHttpAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(AadstsBotAdapter.class);

    private final TeamsSettings settings;
    private final Map<String, ConnectorClient> clients = new ConcurrentHashMap<>();

    AadstsBotAdapter(TeamsSettings settings) {
        super(configuration(settings));
        this.settings = settings;
        setOnTurnError((TurnContext turn, Throwable error) -> {
            LOG.error("Teams turn failed ({} activity)", turn.getActivity().getType(), error);
            return CompletableFuture.completedFuture(null);
        });
    }

    @Override
    protected CompletableFuture<AppCredentials> buildAppCredentials(String appId, String scope) {
        // The SDK asks for the public cloud's connector scope; a sovereign cloud's connector has its own.
        String effectiveScope = AuthenticationConstants.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE.equals(scope)
                ? settings.channelScope() : scope;
        AppCredentials credentials = switch (settings.appType()) {
            case MULTI_TENANT, SINGLE_TENANT -> new ClientSecretCredentials(appId, settings.appPassword(), settings,
                    effectiveScope);
            case USER_ASSIGNED_MSI -> new ManagedIdentityCredentials(appId, settings.tenantId(), effectiveScope);
        };
        return CompletableFuture.completedFuture(credentials);
    }

    /**
     * The outbound credentials the SDK's own connector calls use, for the reply queue's direct calls; null without
     * an app id (the Bot Framework Emulator), which sends no token.
     */
    AppCredentials connectorCredentials() {
        if (settings.appId() == null || settings.appId().isBlank()) {
            return null;
        }
        return buildAppCredentials(settings.appId(), AuthenticationConstants.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE).join();
    }

    @Override
    protected CompletableFuture<ConnectorClient> getOrCreateConnectorClient(String serviceUrl,
            AppCredentials credentials) {
        AppCredentials effective = credentials != null ? credentials : MicrosoftAppCredentials.empty();
        String key = serviceUrl + "|" + effective.getAppId() + "|" + effective.oAuthScope();
        try {
            String baseUrl = new URI(serviceUrl).toURL().toString();
            return CompletableFuture.completedFuture(clients.computeIfAbsent(key, k -> new RestConnectorClient(
                    RestConnectorClient.getDefaultRestClientBuilder(baseUrl, effective)
                            .withRetryStrategy(new NoRetries())
                            .withConnectionTimeout(10, TimeUnit.SECONDS)
                            .withReadTimeout(30, TimeUnit.SECONDS)
                            .build())));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("invalid serviceUrl", e));
        }
    }

    /** The SDK reads these names itself (including BotOpenIdMetadata, which points key discovery elsewhere). */
    private static Configuration configuration(TeamsSettings settings) {
        Properties p = new Properties();
        if (settings.appId() != null) {
            p.setProperty("MicrosoftAppId", settings.appId());
        }
        if (settings.appPassword() != null) {
            p.setProperty("MicrosoftAppPassword", settings.appPassword());
        }
        if (settings.openIdMetadata() != null) {
            p.setProperty("BotOpenIdMetadata", settings.openIdMetadata());
        }
        return new Configuration() {
            @Override
            public String getProperty(String key) {
                return p.getProperty(key);
            }

            @Override
            public Properties getProperties() {
                return p;
            }

            @Override
            public String[] getProperties(String key) {
                String v = p.getProperty(key);
                return v == null ? null : v.split(",");
            }
        };
    }

    /** {@link ConnectorRetry} decides about retries, with Retry-After and counters the SDK's handler lacks. */
    private static final class NoRetries extends RetryStrategy {
        NoRetries() {
            super("none", false);
        }

        @Override
        public boolean shouldRetry(int retryCount, Response response) {
            return false;
        }
    }
}
