package dev.aadsts.signin.graph;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.ManagedIdentityApplication;
import com.microsoft.aad.msal4j.ManagedIdentityId;
import com.microsoft.aad.msal4j.ManagedIdentityParameters;
import com.microsoft.aad.msal4j.MsalServiceException;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocketFactory;

/**
 * Tokens from MSAL: a confidential client (secret or certificate) or a managed identity. MSAL keeps the token
 * in memory and renews it before it expires, so asking for one per request costs nothing.
 */
public final class MsalGraphTokens implements GraphTokens {

    private static final Pattern PEM_CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");
    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private final Supplier<String> acquire;

    public MsalGraphTokens(GraphSettings settings, SSLSocketFactory tls) {
        this.acquire = settings.credential() instanceof GraphSettings.ManagedIdentity identity
                ? managedIdentity(settings, identity, tls)
                : confidentialClient(settings, credential(settings.credential()), tls);
    }

    @Override
    public String accessToken() {
        return acquire.get();
    }

    private static Supplier<String> confidentialClient(GraphSettings settings, IClientCredential credential,
            SSLSocketFactory tls) {
        ConfidentialClientApplication app;
        try {
            app = ConfidentialClientApplication.builder(settings.clientId(), credential)
                    .authority(settings.authorityHost() + "/" + settings.tenantId() + "/")
                    // The authority comes from the operator, not from a user, so there is nothing to discover or
                    // validate; skipping it also lets national clouds and the tests' stand-in work unchanged.
                    .instanceDiscovery(false)
                    .validateAuthority(false)
                    .sslSocketFactory(tls)
                    .build();
        } catch (MalformedURLException e) {
            throw new GraphSettings.InvalidSettings(GraphSettings.AUTHORITY_HOST + " is not usable: " + e.getMessage());
        }
        ClientCredentialParameters parameters = ClientCredentialParameters.builder(Set.of(settings.scope())).build();
        return () -> wait(() -> app.acquireToken(parameters).get().accessToken());
    }

    private static Supplier<String> managedIdentity(GraphSettings settings, GraphSettings.ManagedIdentity identity,
            SSLSocketFactory tls) {
        ManagedIdentityApplication app = ManagedIdentityApplication
                .builder(identity.clientId() == null ? ManagedIdentityId.systemAssigned()
                        : ManagedIdentityId.userAssignedClientId(identity.clientId()))
                .sslSocketFactory(tls)
                .build();
        // Managed identity endpoints take a resource, not a scope.
        ManagedIdentityParameters parameters = ManagedIdentityParameters.builder(settings.endpoint().toString()).build();
        return () -> wait(() -> app.acquireTokenForManagedIdentity(parameters).get().accessToken());
    }

    private interface Call {
        String run() throws Exception;
    }

    private static String wait(Call call) {
        try {
            return call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(GraphException.Reason.UNAVAILABLE, "interrupted while fetching a Graph token", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof MsalServiceException refused) {
                // The error code (e.g. invalid_client, AADSTS7000215) is safe to show; the description may echo input.
                throw new GraphException(GraphException.Reason.PERMISSION, "the token endpoint refused the Graph app's "
                        + "credential (" + refused.errorCode() + ", HTTP " + refused.statusCode() + ")", cause);
            }
            throw new GraphException(GraphException.Reason.UNAVAILABLE,
                    "could not fetch a Graph token: " + (cause == null ? e : cause).getClass().getSimpleName(), cause);
        } catch (Exception e) {
            throw new GraphException(GraphException.Reason.UNAVAILABLE,
                    "could not fetch a Graph token: " + e.getClass().getSimpleName(), e);
        }
    }

    private static IClientCredential credential(GraphSettings.Credential credential) {
        if (credential instanceof GraphSettings.ClientSecret secret) {
            return ClientCredentialFactory.createFromSecret(secret.secret());
        }
        GraphSettings.ClientCertificate certificate = (GraphSettings.ClientCertificate) credential;
        try {
            byte[] bytes = Files.readAllBytes(certificate.path());
            String text = new String(bytes, StandardCharsets.US_ASCII);
            if (text.contains("-----BEGIN")) {
                return fromPem(text);
            }
            try (InputStream in = Files.newInputStream(certificate.path())) {
                return ClientCredentialFactory.createFromCertificate(in, certificate.password());
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new GraphSettings.InvalidSettings(GraphSettings.CLIENT_CERTIFICATE_PATH
                    + " could not be read as PKCS#12 (with " + GraphSettings.CLIENT_CERTIFICATE_PASSWORD
                    + ") or as PEM with a PKCS#8 private key: " + e.getClass().getSimpleName());
        }
    }

    private static IClientCredential fromPem(String pem) throws GeneralSecurityException {
        Matcher cert = PEM_CERTIFICATE.matcher(pem);
        Matcher key = PEM_KEY.matcher(pem);
        if (!cert.find() || !key.find()) {
            throw new GeneralSecurityException("the PEM file needs a CERTIFICATE and an unencrypted PRIVATE KEY block");
        }
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(base64(cert.group(1))));
        PrivateKey privateKey = KeyFactory.getInstance(certificate.getPublicKey().getAlgorithm())
                .generatePrivate(new PKCS8EncodedKeySpec(base64(key.group(1))));
        return ClientCredentialFactory.createFromCertificate(privateKey, certificate);
    }

    private static byte[] base64(String body) {
        return Base64.getMimeDecoder().decode(body);
    }
}
