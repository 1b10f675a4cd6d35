package com.microsoft.aad.msal4j;

import java.util.Map;

/**
 * MSAL reads the platform's managed-identity variables (App Service's IDENTITY_ENDPOINT, …) through a
 * package-private hook; a test cannot set real environment variables, so it goes through the hook here.
 */
public final class PlatformEnvironment {
    private PlatformEnvironment() {
    }

    public static void set(Map<String, String> variables) {
        ManagedIdentityApplication.setEnvironmentVariables(variables::get);
    }

    public static void reset() {
        ManagedIdentityApplication.setEnvironmentVariables(null);
    }
}
