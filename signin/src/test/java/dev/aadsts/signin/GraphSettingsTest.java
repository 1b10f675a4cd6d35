package dev.aadsts.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.signin.graph.GraphSettings;
import dev.aadsts.signin.graph.GraphSettings.InvalidSettings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphSettingsTest {

    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String CLIENT = "5c1f2a3b-0000-4000-8000-0000000000aa";

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void offUnlessTheTenantIsSet() {
        assertTrue(GraphSettings.fromEnv(Map.of()).isEmpty());
        InvalidSettings e = assertThrows(InvalidSettings.class,
                () -> GraphSettings.fromEnv(env("GRAPH_CLIENT_SECRET", "s3cr3t-value")));
        assertTrue(e.getMessage().contains("GRAPH_TENANT_ID"), e.getMessage());
    }

    @Test
    void aSecretWithPublicCloudDefaults() {
        GraphSettings s = GraphSettings.fromEnv(env("GRAPH_TENANT_ID", TENANT, "GRAPH_CLIENT_ID", CLIENT,
                "GRAPH_CLIENT_SECRET", "s3cr3t-value")).orElseThrow();
        assertEquals(URI.create("https://login.microsoftonline.com"), s.authorityHost());
        assertEquals("https://graph.microsoft.com/.default", s.scope());
        assertFalse(s.toString().contains("s3cr3t-value"), "the secret never prints");
    }

    @Test
    void nationalCloudsBySetting() {
        GraphSettings s = GraphSettings.fromEnv(env("GRAPH_TENANT_ID", TENANT, "GRAPH_MANAGED_IDENTITY", "system",
                "GRAPH_AUTHORITY_HOST", "https://login.microsoftonline.us/", "GRAPH_ENDPOINT",
                "https://graph.microsoft.us")).orElseThrow();
        assertEquals(new GraphSettings.ManagedIdentity(null), s.credential());
        assertEquals("https://graph.microsoft.us/.default", s.scope());
        assertEquals(URI.create("https://login.microsoftonline.us"), s.authorityHost());
    }

    @Test
    void mistakesNameTheVariable() {
        assertMessage("exactly one of", env("GRAPH_TENANT_ID", TENANT, "GRAPH_CLIENT_ID", CLIENT));
        assertMessage("exactly one of", env("GRAPH_TENANT_ID", TENANT, "GRAPH_CLIENT_ID", CLIENT,
                "GRAPH_CLIENT_SECRET", "x", "GRAPH_MANAGED_IDENTITY", "system"));
        assertMessage("GRAPH_CLIENT_ID", env("GRAPH_TENANT_ID", TENANT, "GRAPH_CLIENT_SECRET", "x"));
        assertMessage("GRAPH_ENDPOINT", env("GRAPH_TENANT_ID", TENANT, "GRAPH_CLIENT_ID", CLIENT,
                "GRAPH_CLIENT_SECRET", "x", "GRAPH_ENDPOINT", "http://graph.microsoft.com"));
        assertMessage("GRAPH_CLIENT_CERTIFICATE_PATH", env("GRAPH_TENANT_ID", TENANT, "GRAPH_CLIENT_ID", CLIENT,
                "GRAPH_CLIENT_CERTIFICATE_PATH", "/no/such/file.pfx"));
        assertMessage("GRAPH_MANAGED_IDENTITY", env("GRAPH_TENANT_ID", TENANT, "GRAPH_MANAGED_IDENTITY", "yes please"));
        assertMessage("GRAPH_TENANT_ID", env("GRAPH_TENANT_ID", "not a tenant!", "GRAPH_CLIENT_ID", CLIENT,
                "GRAPH_CLIENT_SECRET", "x"));
    }

    private static void assertMessage(String part, Map<String, String> env) {
        InvalidSettings e = assertThrows(InvalidSettings.class, () -> GraphSettings.fromEnv(env));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
