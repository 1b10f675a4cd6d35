package dev.aadsts.deploy.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aadsts.deploy.Paths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No Bicep compiler is reachable here, so this checks what can be checked without one: the ARM JSON's
 * structure, resource types and API versions, parameter wiring, and that the Bicep file declares the same
 * parameters and resources.
 */
class AzureTemplatesTest {
    private static final Path AZURE = Paths.deployDir().resolve("azure");
    private static final Path ALERTS = Paths.deployDir().resolve("alerts");

    /** Resource types and API versions checked against their Learn reference pages. */
    private static final Map<String, String> API_VERSIONS = Map.ofEntries(
            Map.entry("Microsoft.OperationalInsights/workspaces", "2022-10-01"),
            Map.entry("Microsoft.ManagedIdentity/userAssignedIdentities", "2023-01-31"),
            Map.entry("Microsoft.KeyVault/vaults", "2023-07-01"),
            Map.entry("Microsoft.KeyVault/vaults/secrets", "2023-07-01"),
            Map.entry("Microsoft.Authorization/roleAssignments", "2022-04-01"),
            Map.entry("Microsoft.DBforPostgreSQL/flexibleServers", "2024-08-01"),
            Map.entry("Microsoft.DBforPostgreSQL/flexibleServers/databases", "2024-08-01"),
            Map.entry("Microsoft.DBforPostgreSQL/flexibleServers/firewallRules", "2024-08-01"),
            Map.entry("Microsoft.App/managedEnvironments", "2024-03-01"),
            Map.entry("Microsoft.App/containerApps", "2024-03-01"),
            Map.entry("Microsoft.BotService/botServices", "2022-09-15"),
            Map.entry("Microsoft.BotService/botServices/channels", "2022-09-15"),
            Map.entry("Microsoft.Resources/deployments", "2022-09-01"),
            Map.entry("Microsoft.Insights/actionGroups", "2023-01-01"),
            Map.entry("Microsoft.Insights/scheduledQueryRules", "2023-12-01"));

    private static final Pattern BICEP_PARAM = Pattern.compile("(?m)^param (\\w+) (\\w+)");
    private static final Pattern BICEP_RESOURCE = Pattern.compile("(?m)^resource (\\w+) '([^@']+)@([^']+)'");
    private static final Pattern BICEP_MODULE = Pattern.compile("(?m)^module (\\w+) '([^']+)'");

    private final JsonNode arm = json(AZURE.resolve("main.json"));
    private final String bicep = text(AZURE.resolve("main.bicep"));

    @Test
    void armTemplateHasTheDeploymentTemplateShape() {
        assertEquals("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                arm.path("$schema").asText());
        assertEquals("1.0.0.0", arm.path("contentVersion").asText());
        for (String section : List.of("parameters", "variables", "outputs")) {
            assertTrue(arm.path(section).isObject(), section);
        }
        assertTrue(arm.path("resources").isArray());
        for (JsonNode resource : allResources(arm)) {
            assertTrue(resource.path("name").isTextual(), resource.toString());
        }
    }

    @Test
    void everyResourceUsesAVerifiedTypeAndApiVersion() {
        for (JsonNode resource : allResources(arm)) {
            String type = resource.path("type").asText();
            assertTrue(API_VERSIONS.containsKey(type), "unverified resource type " + type);
            assertEquals(API_VERSIONS.get(type), resource.path("apiVersion").asText(), type);
        }
        Set<String> types = new TreeSet<>();
        allResources(arm).forEach(r -> types.add(r.path("type").asText()));
        assertEquals(new TreeSet<>(API_VERSIONS.keySet()), types, "every verified type is used");
    }

    @Test
    void everyParameterIsUsedAndEverySecretIsSecure() {
        String body = arm.path("variables").toString() + arm.path("resources").toString() + arm.path("outputs").toString();
        arm.path("parameters").fieldNames().forEachRemaining(name -> {
            assertTrue(body.contains("parameters('" + name + "')"), "parameter " + name + " is never used");
            String type = arm.path("parameters").path(name).path("type").asText();
            if (name.matches("(?i).*(password|token|secret).*")) {
                assertEquals("securestring", type, name + " carries a secret");
            }
            assertFalse(arm.path("parameters").path(name).path("metadata").path("description").asText().isBlank(), name);
        });
        Set<String> secureInBicep = new TreeSet<>();
        Matcher secure = Pattern.compile("@secure\\(\\)\\s*\\nparam (\\w+)").matcher(bicep);
        while (secure.find()) {
            secureInBicep.add(secure.group(1));
        }
        Set<String> secureInArm = new TreeSet<>();
        arm.path("parameters").fields().forEachRemaining(e -> {
            if ("securestring".equals(e.getValue().path("type").asText())) {
                secureInArm.add(e.getKey());
            }
        });
        assertEquals(secureInBicep, secureInArm);
        for (String name : params(bicep).keySet()) {
            Matcher uses = Pattern.compile("\\b" + name + "\\b").matcher(bicep);
            int count = 0;
            while (uses.find()) {
                count++;
            }
            assertTrue(count > 1, "Bicep parameter " + name + " is never used");
        }
    }

    @Test
    void noSecretParameterEndsUpInAnOutput() {
        String outputs = arm.path("outputs").toString();
        arm.path("parameters").fields().forEachRemaining(e -> {
            if ("securestring".equals(e.getValue().path("type").asText())) {
                assertFalse(outputs.contains("parameters('" + e.getKey() + "')"), e.getKey());
            }
        });
    }

    @Test
    void bicepAndJsonDeclareTheSameParametersAndResources() {
        Map<String, String> armParams = new TreeMap<>();
        arm.path("parameters").fields().forEachRemaining(e -> armParams.put(e.getKey(),
                e.getValue().path("type").asText().replace("securestring", "string")));
        assertEquals(new TreeMap<>(params(bicep)), armParams);
        assertEquals(params(bicep).keySet().stream().toList(), fieldNames(arm.path("parameters")), "same order");

        List<String> bicepResources = new ArrayList<>();
        Matcher resource = BICEP_RESOURCE.matcher(bicep);
        while (resource.find()) {
            bicepResources.add(resource.group(2) + "@" + resource.group(3));
        }
        Matcher module = BICEP_MODULE.matcher(bicep);
        while (module.find()) {
            bicepResources.add("Microsoft.Resources/deployments@2022-09-01");
        }
        List<String> armResources = new ArrayList<>();
        for (JsonNode r : arm.path("resources")) {
            armResources.add(r.path("type").asText() + "@" + r.path("apiVersion").asText());
        }
        assertEquals(bicepResources, armResources, "same resources in the same order");

        Set<String> bicepOutputs = new TreeSet<>();
        Matcher output = Pattern.compile("(?m)^output (\\w+) ").matcher(bicep);
        while (output.find()) {
            bicepOutputs.add(output.group(1));
        }
        assertEquals(bicepOutputs, new TreeSet<>(fieldNames(arm.path("outputs"))));
    }

    @Test
    void theSigninAlertRuleIsTheOneInDeployAlertsWiredToTheAppsUrl() {
        assertTrue(bicep.contains("module signinAlert '../alerts/signin-alert-rule.bicep'"));
        JsonNode deployment = only(arm.path("resources"), "Microsoft.Resources/deployments");
        assertEquals(json(ALERTS.resolve("signin-alert-rule.json")), deployment.path("properties").path("template"),
                "the nested template must be deploy/alerts/signin-alert-rule.json, unchanged");
        assertEquals("inner", deployment.path("properties").path("expressionEvaluationOptions").path("scope").asText());
        String webhook = deployment.path("properties").path("parameters").path("alertsWebhookUrl").path("value").asText();
        assertTrue(webhook.contains("https://{0}/api/alerts?token={1}") && webhook.contains("ingress.fqdn")
                && webhook.contains("parameters('alertsToken')"), webhook);
        assertTrue(bicep.contains("alertsWebhookUrl: 'https://${app.properties.configuration.ingress.fqdn}/api/alerts?token=${alertsToken}'"));
        // The nested template's required parameters are all given.
        JsonNode given = deployment.path("properties").path("parameters");
        deployment.path("properties").path("template").path("parameters").fields().forEachRemaining(e -> {
            if (!e.getValue().has("defaultValue")) {
                assertTrue(given.has(e.getKey()), "module parameter " + e.getKey() + " not given");
            }
        });
    }

    @Test
    void containerAppProbesAndPortsMatchTheServer() {
        JsonNode app = only(arm.path("resources"), "Microsoft.App/containerApps");
        JsonNode container = app.path("properties").path("template").path("containers").get(0);
        int targetPort = app.path("properties").path("configuration").path("ingress").path("targetPort").asInt();
        assertEquals(3978, targetPort);
        String env = container.path("env").asText();
        assertTrue(env.contains("createObject('name', 'PORT', 'value', '3978')"), env);
        assertTrue(env.contains("createObject('name', 'MANAGEMENT_PORT', 'value', '9464')"));
        assertTrue(env.contains("createObject('name', 'MANAGEMENT_BIND_ADDRESS', 'value', '0.0.0.0')"));
        assertTrue(env.contains("createObject('name', 'BIND_ADDRESS', 'value', '0.0.0.0')"));
        Map<String, String> probes = new TreeMap<>();
        for (JsonNode probe : container.path("probes")) {
            probes.put(probe.path("type").asText(), probe.path("httpGet").path("path").asText());
            assertEquals(targetPort, probe.path("httpGet").path("port").asInt());
        }
        assertEquals(Map.of("Liveness", "/livez", "Readiness", "/readyz", "Startup", "/livez"), probes);
        for (String path : List.of("path: '/livez'", "path: '/readyz'", "targetPort: 3978", "value: '9464'")) {
            assertTrue(bicep.contains(path), "Bicep lacks " + path);
        }
    }

    @Test
    void secretsReachTheAppOnlyThroughKeyVaultReferences() {
        JsonNode app = only(arm.path("resources"), "Microsoft.App/containerApps");
        String secrets = app.path("properties").path("configuration").path("secrets").asText();
        assertTrue(secrets.contains("'keyVaultUrl'") && secrets.contains("'identity'"), secrets);
        assertFalse(secrets.contains("'value'"), "a Container Apps secret with an inline value");
        assertTrue(app.path("properties").path("template").path("containers").get(0).path("env").asText()
                .contains("'secretRef'"));
        assertTrue(app.path("identity").path("type").asText().equals("UserAssigned"));
        JsonNode vault = only(arm.path("resources"), "Microsoft.KeyVault/vaults");
        assertTrue(vault.path("properties").path("enableRbacAuthorization").asBoolean());
        JsonNode role = only(arm.path("resources"), "Microsoft.Authorization/roleAssignments");
        assertTrue(role.toString().contains("4633458b-17de-408a-b874-0445c86b69e6") || arm.path("variables")
                .path("secretsUserRole").asText().equals("4633458b-17de-408a-b874-0445c86b69e6"), "Key Vault Secrets User");
        assertTrue(bicep.contains("keyVaultUrl: '${vaultUri}secrets/${s.name}'"));
    }

    @Test
    void botTalksToTheAppWithTheManagedIdentityAndHasTheTeamsChannel() {
        JsonNode bot = only(arm.path("resources"), "Microsoft.BotService/botServices");
        assertEquals("azurebot", bot.path("kind").asText());
        assertEquals("global", bot.path("location").asText());
        assertTrue(bot.path("properties").path("endpoint").asText().contains("https://{0}/api/messages"));
        assertTrue(bot.path("properties").path("msaAppMSIResourceId").asText().contains("userAssignedIdentities"));
        JsonNode channel = only(arm.path("resources"), "Microsoft.BotService/botServices/channels");
        assertEquals("MsTeamsChannel", channel.path("properties").path("channelName").asText());
        assertTrue(arm.path("parameters").path("botAppType").path("allowedValues").toString().contains("UserAssignedMSI"));
        assertTrue(arm.path("parameters").path("botAppType").path("allowedValues").toString().contains("SingleTenant"));
    }

    @Test
    void severalReplicasOnlyWithPostgres() {
        assertEquals("[if(parameters('deployPostgres'), parameters('maxReplicas'), 1)]",
                arm.path("variables").path("replicasMax").asText());
        assertTrue(bicep.contains("var replicasMax = deployPostgres ? maxReplicas : 1"));
        JsonNode postgres = only(arm.path("resources"), "Microsoft.DBforPostgreSQL/flexibleServers");
        assertEquals("[parameters('deployPostgres')]", postgres.path("condition").asText());
        assertEquals("16", postgres.path("properties").path("version").asText());
    }

    /** Parameter name to type, in declaration order. */
    private static Map<String, String> params(String bicep) {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = BICEP_PARAM.matcher(bicep);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        return params;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<JsonNode> allResources(JsonNode template) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode resource : template.path("resources")) {
            all.add(resource);
            JsonNode nested = resource.path("properties").path("template");
            if (nested.isObject()) {
                all.addAll(allResources(nested));
            }
        }
        return all;
    }

    private static JsonNode only(JsonNode resources, String type) {
        List<JsonNode> found = new ArrayList<>();
        resources.forEach(r -> {
            if (type.equals(r.path("type").asText())) {
                found.add(r);
            }
        });
        assertEquals(1, found.size(), type);
        return found.get(0);
    }

    private static JsonNode json(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
