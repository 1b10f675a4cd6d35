package dev.aadsts.teams;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Teams configuration, read with the Bot Framework's own variable names so an Azure Bot registration's
 * settings can be pasted as they are.
 *
 * @param appId          the Azure Bot's Microsoft App ID, or null when validation is off (Emulator testing)
 * @param openIdMetadata where the Bot Connector's signing keys are announced; null means the public cloud's
 * @param authorityHost  where client-secret tokens come from, {@code https://host} without a path: the public
 *                       cloud's unless a sovereign cloud says otherwise
 * @param channelScope   the scope outbound tokens are asked for (the Bot Connector's, ending in /.default)
 */
public record TeamsSettings(String appId, String appPassword, String tenantId, AppType appType, String openIdMetadata,
                            String authorityHost, String channelScope) {
    public static final String PUBLIC_AUTHORITY_HOST = "https://login.microsoftonline.com";
    public static final String PUBLIC_CHANNEL_SCOPE = "https://api.botframework.com/.default";

    public enum AppType {
        MULTI_TENANT("MultiTenant"),
        SINGLE_TENANT("SingleTenant"),
        USER_ASSIGNED_MSI("UserAssignedMSI");

        private final String configName;

        AppType(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        static AppType parse(String value) {
            for (AppType type : values()) {
                if (type.configName.equalsIgnoreCase(value.trim())) {
                    return type;
                }
            }
            throw new TeamsConfigException("MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI, not '"
                    + value.trim() + "'");
        }
    }

    /**
     * Reads {@code MicrosoftAppId}, {@code MicrosoftAppPassword}, {@code MicrosoftAppTenantId},
     * {@code MicrosoftAppType}, {@code BotOpenIdMetadata}, and for sovereign clouds {@code MicrosoftAppAuthorityHost}
     * and {@code ToChannelFromBotOAuthScope}. A half-configured bot is refused: an app id without its password
     * (or the reverse) would otherwise run silently unauthenticated or never post.
     */
    public static TeamsSettings fromEnv(Map<String, String> env) {
        String appId = blankToNull(env.get("MicrosoftAppId"));
        String password = blankToNull(env.get("MicrosoftAppPassword"));
        String tenant = blankToNull(env.get("MicrosoftAppTenantId"));
        String typeName = blankToNull(env.get("MicrosoftAppType"));
        String metadata = blankToNull(env.get("BotOpenIdMetadata"));
        AppType type = typeName == null ? AppType.MULTI_TENANT : AppType.parse(typeName);
        String authorityHost = authorityHost(blankToNull(env.get("MicrosoftAppAuthorityHost")));
        String scope = channelScope(blankToNull(env.get("ToChannelFromBotOAuthScope")));

        if (appId == null) {
            if (password != null) {
                throw new TeamsConfigException("MicrosoftAppPassword is set but MicrosoftAppId is not; set both, or neither "
                        + "for local testing with validation off");
            }
            if (type == AppType.USER_ASSIGNED_MSI) {
                throw new TeamsConfigException("MicrosoftAppType UserAssignedMSI needs MicrosoftAppId: the managed "
                        + "identity's client id, which is also the Azure Bot's app id");
            }
            if (typeName != null || tenant != null) {
                throw new TeamsConfigException("MicrosoftAppType/MicrosoftAppTenantId are set but MicrosoftAppId is not");
            }
            return new TeamsSettings(null, null, null, type, metadata, authorityHost, scope);
        }
        if (!appId.matches("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw new TeamsConfigException("MicrosoftAppId must be the bot's application (client) ID, a GUID");
        }
        switch (type) {
            case MULTI_TENANT -> requirePassword(password, type);
            case SINGLE_TENANT -> {
                requirePassword(password, type);
                requireTenant(tenant, type);
            }
            case USER_ASSIGNED_MSI -> {
                if (password != null) {
                    throw new TeamsConfigException("MicrosoftAppType UserAssignedMSI takes no MicrosoftAppPassword: the "
                            + "managed identity gets its tokens from the platform");
                }
                requireTenant(tenant, type);
            }
        }
        return new TeamsSettings(appId.toLowerCase(Locale.ROOT), password, tenant, type, metadata, authorityHost,
                scope);
    }

    /**
     * The authority outbound client-secret tokens come from: the Bot Framework's own tenant for MultiTenant,
     * the bot's tenant for SingleTenant. Null for a managed identity, whose tokens come from the platform.
     */
    public String tokenAuthority() {
        return switch (appType) {
            case MULTI_TENANT -> authorityHost + "/botframework.com";
            case SINGLE_TENANT -> authorityHost + "/" + tenantId;
            case USER_ASSIGNED_MSI -> null;
        };
    }

    /** Where replies get their tokens, for {@code check-config}; {@code env} tells which managed-identity endpoint. */
    public String outboundTokens(Map<String, String> env) {
        return switch (appType) {
            case MULTI_TENANT, SINGLE_TENANT -> "replies use client-secret tokens from " + tokenAuthority()
                    + " for " + channelScope;
            case USER_ASSIGNED_MSI -> "replies use the managed identity " + appId + "'s tokens for " + channelScope
                    + " from " + (blankToNull(env.get("IDENTITY_ENDPOINT")) != null
                            ? "IDENTITY_ENDPOINT (App Service, Container Apps)"
                            : blankToNull(env.get("AZURE_POD_IDENTITY_AUTHORITY_HOST")) != null
                                    ? "AZURE_POD_IDENTITY_AUTHORITY_HOST (IMDS)"
                                    : "the VM's IMDS endpoint (169.254.169.254; no IDENTITY_ENDPOINT set)");
        };
    }

    /**
     * Settings {@code serve} accepts that are probably not what was meant, each with what happens because
     * of it. For {@code check-config}; call only when {@link #fromEnv} accepted {@code env}.
     */
    public static List<String> warnings(Map<String, String> env) {
        TeamsSettings s = fromEnv(env);
        List<String> out = new ArrayList<>();
        if (s.appId == null) {
            return out;
        }
        boolean customHost = blankToNull(env.get("MicrosoftAppAuthorityHost")) != null;
        switch (s.appType) {
            case MULTI_TENANT -> {
                if (s.tenantId != null) {
                    out.add("MicrosoftAppTenantId is ignored for MicrosoftAppType MultiTenant: its tokens come "
                            + "from the botframework.com tenant. A single-tenant Azure Bot needs MicrosoftAppType=SingleTenant, "
                            + "or every reply fails (AADSTS700016, app not found in that directory)");
                }
                if (customHost) {
                    out.add("MicrosoftAppAuthorityHost with MultiTenant still asks the botframework.com tenant, which "
                            + "only the public cloud has; sovereign clouds need SingleTenant or UserAssignedMSI");
                }
            }
            case SINGLE_TENANT -> {
            }
            case USER_ASSIGNED_MSI -> {
                if (customHost) {
                    out.add("MicrosoftAppAuthorityHost is ignored for UserAssignedMSI: the platform issues the tokens");
                }
                boolean endpoint = blankToNull(env.get("IDENTITY_ENDPOINT")) != null;
                boolean header = blankToNull(env.get("IDENTITY_HEADER")) != null;
                if (endpoint != header) {
                    out.add((endpoint ? "IDENTITY_ENDPOINT is set without IDENTITY_HEADER" : "IDENTITY_HEADER is set "
                            + "without IDENTITY_ENDPOINT") + ": App Service and Container Apps set both when the app "
                            + "has a managed identity; check that the identity is assigned to the app");
                }
            }
        }
        return out;
    }

    /** Only {@code https://host[:port]}: MSAL refuses plain http, and a path would misplace the tenant. */
    private static String authorityHost(String value) {
        if (value == null) {
            return PUBLIC_AUTHORITY_HOST;
        }
        String host = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        java.net.URI uri;
        try {
            uri = new java.net.URI(host);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new TeamsConfigException("MicrosoftAppAuthorityHost must be an https address without a path, like "
                    + "https://login.microsoftonline.us (US Government) or https://login.chinacloudapi.cn (China)");
        }
        return host.toLowerCase(Locale.ROOT);
    }

    /** The Bot Framework's documents give the scope without "/.default" (https://api.botframework.us). */
    private static String channelScope(String value) {
        if (value == null) {
            return PUBLIC_CHANNEL_SCOPE;
        }
        if (!value.startsWith("https://") || value.chars().anyMatch(c -> c <= ' ')) {
            throw new TeamsConfigException("ToChannelFromBotOAuthScope must be the Bot Connector's https resource, "
                    + "like https://api.botframework.us");
        }
        return value.endsWith("/.default") ? value : (value.endsWith("/") ? value : value + "/") + ".default";
    }

    /** Without an app id nobody's token is checked; only acceptable for a bot reachable from this machine alone. */
    public boolean validatesTokens() {
        return appId != null;
    }

    private static void requirePassword(String password, AppType type) {
        if (password == null) {
            throw new TeamsConfigException("MicrosoftAppId is set but MicrosoftAppPassword is not (required for "
                    + type.configName() + ")");
        }
    }

    private static void requireTenant(String tenant, AppType type) {
        if (tenant == null) {
            throw new TeamsConfigException("MicrosoftAppTenantId is required for MicrosoftAppType " + type.configName()
                    + ": the Directory (tenant) ID of the bot's app registration"
                    + (type == AppType.SINGLE_TENANT ? ", whose authority issues the bot's tokens" : ""));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String toString() {
        // Records print every component; the password must never reach a log.
        return "TeamsSettings[appId=" + appId + ", appType=" + appType.configName() + ", tenantId=" + tenantId
                + ", password=" + (appPassword == null ? "unset" : "set") + ", authorityHost=" + authorityHost
                + ", channelScope=" + channelScope + "]";
    }
}
