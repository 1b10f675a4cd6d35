package dev.aadsts.core.context;

/** Kinds of secret people paste along with an error; each card that saw one warns about it. */
public enum SecretKind {
    JWT("a token (JWT)"),
    CLIENT_SECRET("a client secret"),
    PASSWORD("a password"),
    AUTHORIZATION_CODE("an authorization code"),
    REFRESH_TOKEN("a refresh token"),
    ACCESS_TOKEN("an access or ID token"),
    CLIENT_ASSERTION("a client assertion"),
    SAML_RESPONSE("a SAML response"),
    BEARER_TOKEN("a bearer token"),
    SAS_SIGNATURE("a shared access signature");

    private final String description;

    SecretKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
