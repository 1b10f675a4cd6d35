package dev.aadsts.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TeamsSettingsTest {
    private static final String ID = "2B1F6A4E-8F52-4F53-9D2E-7F0C2A0F7B11";
    private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    @Test
    void nothingSetMeansValidationOffForTheEmulator() {
        TeamsSettings s = TeamsSettings.fromEnv(Map.of());
        assertFalse(s.validatesTokens());
    }

    @Test
    void eachAppTypeTakesWhatItNeeds() {
        TeamsSettings multi = TeamsSettings.fromEnv(Map.of("MicrosoftAppId", ID, "MicrosoftAppPassword", "pw"));
        assertEquals(TeamsSettings.AppType.MULTI_TENANT, multi.appType());
        assertEquals(ID.toLowerCase(), multi.appId());
        TeamsSettings single = TeamsSettings.fromEnv(Map.of("MicrosoftAppId", ID, "MicrosoftAppPassword", "pw",
                "MicrosoftAppTenantId", TENANT, "MicrosoftAppType", "SingleTenant"));
        assertEquals(TeamsSettings.AppType.SINGLE_TENANT, single.appType());
        TeamsSettings msi = TeamsSettings.fromEnv(Map.of("MicrosoftAppId", ID, "MicrosoftAppTenantId", TENANT,
                "MicrosoftAppType", "UserAssignedMSI"));
        assertTrue(msi.validatesTokens());
    }

    @Test
    void halfConfiguredBotsAreRefusedWithAReason() {
        for (Map<String, String> env : List.of(
                Map.of("MicrosoftAppId", ID),
                Map.of("MicrosoftAppPassword", "pw"),
                Map.of("MicrosoftAppId", ID, "MicrosoftAppPassword", "pw", "MicrosoftAppType", "SingleTenant"),
                Map.of("MicrosoftAppId", ID, "MicrosoftAppPassword", "pw", "MicrosoftAppType", "UserAssignedMSI",
                        "MicrosoftAppTenantId", TENANT),
                Map.of("MicrosoftAppId", ID, "MicrosoftAppPassword", "pw", "MicrosoftAppType", "Anyone"),
                Map.of("MicrosoftAppId", "my-bot", "MicrosoftAppPassword", "pw"))) {
            TeamsConfigException e = assertThrows(TeamsConfigException.class, () -> TeamsSettings.fromEnv(env),
                    env.toString());
            assertTrue(e.getMessage().startsWith("Microsoft"), e.getMessage());
        }
    }

    @Test
    void tokensComeFromThePublicCloudUnlessASovereignCloudIsNamed() {
        TeamsSettings multi = TeamsSettings.fromEnv(Map.of("MicrosoftAppId", ID, "MicrosoftAppPassword", "pw"));
        assertEquals("https://login.microsoftonline.com/botframework.com", multi.tokenAuthority());
        assertEquals("https://api.botframework.com/.default", multi.channelScope());
        TeamsSettings gov = TeamsSettings.fromEnv(Map.of("MicrosoftAppId", ID, "MicrosoftAppPassword", "pw",
                "MicrosoftAppTenantId", TENANT, "MicrosoftAppType", "SingleTenant",
                "MicrosoftAppAuthorityHost", "https://LOGIN.microsoftonline.us/",
                "ToChannelFromBotOAuthScope", "https://api.botframework.us"));
        assertEquals("https://login.microsoftonline.us/" + TENANT, gov.tokenAuthority());
        assertEquals("https://api.botframework.us/.default", gov.channelScope());
        TeamsSettings msi = TeamsSettings.fromEnv(Map.of("MicrosoftAppId", ID, "MicrosoftAppTenantId", TENANT,
                "MicrosoftAppType", "UserAssignedMSI"));
        assertEquals(null, msi.tokenAuthority(), "the platform issues a managed identity's tokens");

        for (String bad : List.of("http://login.microsoftonline.us", "https://login.microsoftonline.us/" + TENANT,
                "login.microsoftonline.us", "https://login.microsoftonline.us?x=1", "https://user@login.example")) {
            TeamsConfigException e = assertThrows(TeamsConfigException.class, () -> TeamsSettings.fromEnv(Map.of(
                    "MicrosoftAppId", ID, "MicrosoftAppPassword", "pw", "MicrosoftAppAuthorityHost", bad)), bad);
            assertTrue(e.getMessage().startsWith("MicrosoftAppAuthorityHost must be an https address"), e.getMessage());
        }
        assertThrows(TeamsConfigException.class, () -> TeamsSettings.fromEnv(Map.of("MicrosoftAppId", ID,
                "MicrosoftAppPassword", "pw", "ToChannelFromBotOAuthScope", "api.botframework.us")));
    }

    @Test
    void aTokenFailureNamesItsCodesAndRetriesOnlyWhatCanPass() {
        var refused = OutboundTokenFailure.find(new java.io.IOException(new java.util.concurrent.ExecutionException(
                new com.microsoft.aad.msal4j.MsalServiceException("AADSTS7000215: Invalid client secret provided. "
                        + "Trace ID: x", "invalid_client"))));
        assertEquals("AADSTS7000215", refused.aadsts());
        assertFalse(refused.describe().contains("Invalid client secret provided"), "only codes, never the answer");
        assertEquals(null, OutboundTokenFailure.find(new java.io.IOException("connection reset")));
        var unreachable = OutboundTokenFailure.find(new com.microsoft.aad.msal4j.MsalClientException(
                new java.net.ConnectException("Connection refused")));
        assertTrue(unreachable.retryable());
        assertTrue(unreachable.describe().contains("could not be reached"), unreachable.describe());
    }

    @Test
    void thePasswordNeverReachesALog() {
        String text = TeamsSettings.fromEnv(Map.of("MicrosoftAppId", ID, "MicrosoftAppPassword", "Qx58Q~secret"))
                .toString();
        assertFalse(text.contains("Qx58Q~secret"), text);
    }

    @Test
    void messageTextLosesTheBotMentionTagsAndEntities() {
        assertEquals("aadsts 50011", TeamsMessageText.clean("<at>AADSTS Explainer</at> aadsts 50011",
                List.of("<at>AADSTS Explainer</at>")));
        assertEquals("Ada said:\nAADSTS50011 & <redirect>", TeamsMessageText.clean(
                "<p><at>Ada</at> said:</p><div>AADSTS50011 &amp; &lt;redirect&gt;</div>", List.of()));
        assertEquals("x\u00e9y", TeamsMessageText.clean("x&#233;y", List.of()));
    }
}
