package dev.aadsts.app.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.app.cli.Cli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aadsts-bot check-config} on the Teams app types: what each would do, and what would go wrong. */
class TeamsConfigCheckTest {
    private static final String APP_ID = "2b1f6a4e-8f52-4f53-9d2e-7f0c2a0f7b11";
    private static final String TENANT = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    private static final String PASSWORD = "Qx58Q~checkConfig.secret_4bN1pL0aB9cD7eF5g";

    @TempDir
    Path dataDir;

    private record Run(int status, String out) {
    }

    private Run checkConfig(Map<String, String> teams) {
        Map<String, String> env = new HashMap<>(teams);
        env.put("DATA_DIR", dataDir.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new Cli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), env, () -> {
                    throw new AssertionError("check-config needs no catalog");
                }).run("check-config");
        return new Run(status, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void singleTenantSaysWhereRepliesGetTheirTokens() {
        Run r = checkConfig(Map.of("MicrosoftAppType", "SingleTenant", "MicrosoftAppId", APP_ID,
                "MicrosoftAppPassword", PASSWORD, "MicrosoftAppTenantId", TENANT));
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("on, tokens validated (SingleTenant); replies use client-secret tokens from "
                + "https://login.microsoftonline.com/" + TENANT + " for https://api.botframework.com/.default"),
                r.out());
        assertTrue(r.out().contains("MicrosoftAppPassword         set"), r.out());
        assertFalse(r.out().contains(PASSWORD), r.out());
        assertFalse(r.out().contains("Warnings"), r.out());
    }

    @Test
    void aSovereignCloudsAuthorityAndScopeAreShownAsTheyWillBeUsed() {
        Run r = checkConfig(Map.of("MicrosoftAppType", "SingleTenant", "MicrosoftAppId", APP_ID,
                "MicrosoftAppPassword", PASSWORD, "MicrosoftAppTenantId", TENANT,
                "MicrosoftAppAuthorityHost", "https://login.microsoftonline.us/",
                "ToChannelFromBotOAuthScope", "https://api.botframework.us"));
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("replies use client-secret tokens from https://login.microsoftonline.us/" + TENANT
                + " for https://api.botframework.us/.default"), r.out());
    }

    @Test
    void aManagedIdentityNamesThePlatformEndpointItWillAsk() {
        Run containerApps = checkConfig(Map.of("MicrosoftAppType", "UserAssignedMSI", "MicrosoftAppId", APP_ID,
                "MicrosoftAppTenantId", TENANT, "IDENTITY_ENDPOINT", "http://localhost:42356/msi/token",
                "IDENTITY_HEADER", "platform-issued-header-value"));
        assertEquals(0, containerApps.status(), containerApps.out());
        assertTrue(containerApps.out().contains("replies use the managed identity " + APP_ID + "'s tokens for "
                + "https://api.botframework.com/.default from IDENTITY_ENDPOINT (App Service, Container Apps)"),
                containerApps.out());
        assertFalse(containerApps.out().contains("platform-issued-header-value"), containerApps.out());
        assertTrue(containerApps.out().contains("IDENTITY_HEADER              set"), containerApps.out());

        Run vm = checkConfig(Map.of("MicrosoftAppType", "UserAssignedMSI", "MicrosoftAppId", APP_ID,
                "MicrosoftAppTenantId", TENANT));
        assertEquals(0, vm.status(), vm.out());
        assertTrue(vm.out().contains("from the VM's IMDS endpoint (169.254.169.254; no IDENTITY_ENDPOINT set)"),
                vm.out());
    }

    @Test
    void missingOrContradictorySettingsAreProblemsNamingTheVariable() {
        Run noTenant = checkConfig(Map.of("MicrosoftAppType", "SingleTenant", "MicrosoftAppId", APP_ID,
                "MicrosoftAppPassword", PASSWORD));
        assertEquals(2, noTenant.status(), noTenant.out());
        assertTrue(noTenant.out().contains("  - Teams: MicrosoftAppTenantId is required for MicrosoftAppType "
                + "SingleTenant: the Directory (tenant) ID of the bot's app registration"), noTenant.out());
        assertTrue(noTenant.out().contains("Teams                        misconfigured"), noTenant.out());

        Run msiWithoutClientId = checkConfig(Map.of("MicrosoftAppType", "UserAssignedMSI",
                "MicrosoftAppTenantId", TENANT));
        assertEquals(2, msiWithoutClientId.status(), msiWithoutClientId.out());
        assertTrue(msiWithoutClientId.out().contains("Teams: MicrosoftAppType UserAssignedMSI needs MicrosoftAppId: "
                + "the managed identity's client id"), msiWithoutClientId.out());

        Run msiWithPassword = checkConfig(Map.of("MicrosoftAppType", "UserAssignedMSI", "MicrosoftAppId", APP_ID,
                "MicrosoftAppTenantId", TENANT, "MicrosoftAppPassword", PASSWORD));
        assertEquals(2, msiWithPassword.status(), msiWithPassword.out());
        assertTrue(msiWithPassword.out().contains("UserAssignedMSI takes no MicrosoftAppPassword"),
                msiWithPassword.out());
        assertFalse(msiWithPassword.out().contains(PASSWORD), msiWithPassword.out());

        Run plainHttpAuthority = checkConfig(Map.of("MicrosoftAppType", "SingleTenant", "MicrosoftAppId", APP_ID,
                "MicrosoftAppPassword", PASSWORD, "MicrosoftAppTenantId", TENANT,
                "MicrosoftAppAuthorityHost", "http://login.microsoftonline.us/" + TENANT));
        assertEquals(2, plainHttpAuthority.status(), plainHttpAuthority.out());
        assertTrue(plainHttpAuthority.out().contains("Teams: MicrosoftAppAuthorityHost must be an https address "
                + "without a path"), plainHttpAuthority.out());
    }

    @Test
    void settingsServeAcceptsButThatCannotWorkAreWarnedAbout() {
        Run tenantOnMultiTenant = checkConfig(Map.of("MicrosoftAppId", APP_ID, "MicrosoftAppPassword", PASSWORD,
                "MicrosoftAppTenantId", TENANT));
        assertEquals(0, tenantOnMultiTenant.status(), tenantOnMultiTenant.out());
        assertTrue(tenantOnMultiTenant.out().contains("Warnings (serve would start, but):\n  - Teams: "
                + "MicrosoftAppTenantId is ignored for MicrosoftAppType MultiTenant"), tenantOnMultiTenant.out());
        assertTrue(tenantOnMultiTenant.out().contains("AADSTS700016"), tenantOnMultiTenant.out());

        Run halfAPlatformIdentity = checkConfig(Map.of("MicrosoftAppType", "UserAssignedMSI", "MicrosoftAppId",
                APP_ID, "MicrosoftAppTenantId", TENANT, "IDENTITY_ENDPOINT", "http://localhost:42356/msi/token",
                "MicrosoftAppAuthorityHost", "https://login.microsoftonline.us"));
        assertEquals(0, halfAPlatformIdentity.status(), halfAPlatformIdentity.out());
        assertTrue(halfAPlatformIdentity.out().contains("IDENTITY_ENDPOINT is set without IDENTITY_HEADER"),
                halfAPlatformIdentity.out());
        assertTrue(halfAPlatformIdentity.out().contains("MicrosoftAppAuthorityHost is ignored for UserAssignedMSI"),
                halfAPlatformIdentity.out());
    }
}
