package dev.aadsts.signin.graph;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach Microsoft Graph, read from the environment. The lookup is off unless {@code GRAPH_TENANT_ID} is
 * set; once it is, everything else must add up or {@link #fromEnv} says which variable is wrong.
 *
 * @param credential one of: a client secret, a certificate file, or a managed identity
 */
public record GraphSettings(String tenantId, String clientId, Credential credential, URI authorityHost,
        URI endpoint) {

    public static final String TENANT_ID = "GRAPH_TENANT_ID";
    public static final String CLIENT_ID = "GRAPH_CLIENT_ID";
    public static final String CLIENT_SECRET = "GRAPH_CLIENT_SECRET";
    public static final String CLIENT_CERTIFICATE_PATH = "GRAPH_CLIENT_CERTIFICATE_PATH";
    public static final String CLIENT_CERTIFICATE_PASSWORD = "GRAPH_CLIENT_CERTIFICATE_PASSWORD";
    public static final String MANAGED_IDENTITY = "GRAPH_MANAGED_IDENTITY";
    public static final String AUTHORITY_HOST = "GRAPH_AUTHORITY_HOST";
    public static final String ENDPOINT = "GRAPH_ENDPOINT";

    public static final URI PUBLIC_AUTHORITY_HOST = URI.create("https://login.microsoftonline.com");
    public static final URI PUBLIC_ENDPOINT = URI.create("https://graph.microsoft.com");

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    // A tenant may also be named by a verified domain, e.g. contoso.onmicrosoft.com.
    private static final Pattern TENANT = Pattern.compile(GUID.pattern() + "|[A-Za-z0-9][A-Za-z0-9.-]{1,253}");

    /** How the app proves who it is; never printed (toString hides the secret). */
    public sealed interface Credential {
    }

    public record ClientSecret(String secret) implements Credential {
        @Override
        public String toString() {
            return "ClientSecret[***]";
        }
    }

    /** A PKCS#12 file (.pfx/.p12), or a PEM file holding the certificate and its PKCS#8 private key. */
    public record ClientCertificate(Path path, String password) implements Credential {
        @Override
        public String toString() {
            return "ClientCertificate[" + path + "]";
        }
    }

    /** {@code clientId} null means the system-assigned identity. */
    public record ManagedIdentity(String clientId) implements Credential {
    }

    /** Settings that do not add up; the message names the variable. */
    public static final class InvalidSettings extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidSettings(String message) {
            super(message);
        }
    }

    /** Empty when the lookup is not configured at all ({@code GRAPH_TENANT_ID} unset). */
    public static Optional<GraphSettings> fromEnv(Map<String, String> env) {
        String tenant = value(env, TENANT_ID);
        if (tenant == null) {
            if (value(env, CLIENT_ID) != null || value(env, CLIENT_SECRET) != null
                    || value(env, CLIENT_CERTIFICATE_PATH) != null || value(env, MANAGED_IDENTITY) != null) {
                throw new InvalidSettings(TENANT_ID + " is required once any GRAPH_ credential is set");
            }
            return Optional.empty();
        }
        if (!TENANT.matcher(tenant).matches()) {
            throw new InvalidSettings(TENANT_ID + " must be a tenant id (GUID) or a verified domain");
        }
        String clientId = value(env, CLIENT_ID);
        String secret = value(env, CLIENT_SECRET);
        String certificate = value(env, CLIENT_CERTIFICATE_PATH);
        String managed = value(env, MANAGED_IDENTITY);
        int chosen = (secret != null ? 1 : 0) + (certificate != null ? 1 : 0) + (managed != null ? 1 : 0);
        if (chosen != 1) {
            throw new InvalidSettings("set exactly one of " + CLIENT_SECRET + ", " + CLIENT_CERTIFICATE_PATH + " or "
                    + MANAGED_IDENTITY + " (found " + chosen + ")");
        }
        Credential credential;
        if (managed != null) {
            // "system" for the system-assigned identity, or the client id of a user-assigned one.
            if (managed.equalsIgnoreCase("system") || managed.equalsIgnoreCase("true")) {
                credential = new ManagedIdentity(null);
            } else if (GUID.matcher(managed).matches()) {
                credential = new ManagedIdentity(managed);
            } else {
                throw new InvalidSettings(MANAGED_IDENTITY + " must be 'system' or a user-assigned identity's client id");
            }
        } else {
            if (clientId == null || !GUID.matcher(clientId).matches()) {
                throw new InvalidSettings(CLIENT_ID + " must be the app registration's client id (a GUID)");
            }
            if (secret != null) {
                credential = new ClientSecret(secret);
            } else {
                Path path = Path.of(certificate);
                if (!Files.isReadable(path)) {
                    throw new InvalidSettings(CLIENT_CERTIFICATE_PATH + " names no readable file: " + certificate);
                }
                String password = env.getOrDefault(CLIENT_CERTIFICATE_PASSWORD, "");
                credential = new ClientCertificate(path, password);
            }
        }
        return Optional.of(new GraphSettings(tenant, clientId, credential,
                httpsBase(env, AUTHORITY_HOST, PUBLIC_AUTHORITY_HOST), httpsBase(env, ENDPOINT, PUBLIC_ENDPOINT)));
    }

    /** What Graph calls the scope for app-only tokens: the endpoint's {@code /.default}. */
    public String scope() {
        return endpoint + "/.default";
    }

    private static URI httpsBase(Map<String, String> env, String name, URI fallback) {
        String raw = value(env, name);
        if (raw == null) {
            return fallback;
        }
        URI uri;
        try {
            uri = URI.create(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettings(name + " is not a URL: " + e.getMessage());
        }
        // Tokens and personal data travel over these; MSAL refuses plain http anyway.
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null
                || (uri.getPath() != null && !uri.getPath().isEmpty()) || uri.getQuery() != null) {
            throw new InvalidSettings(name + " must be an https:// origin without a path, e.g. " + fallback);
        }
        return uri;
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
