package dev.aadsts.signin.graph;

/** An app-only access token for Graph; implementations cache and renew it. */
@FunctionalInterface
public interface GraphTokens {
    String accessToken();
}
