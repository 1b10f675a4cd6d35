package dev.aadsts.core.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever field a sender stuffs a credential into, no alert's context repeats it. */
class SecretsInPayloadsTest {
    private static final List<String> SECRETS = List.of(
            AlertContextTest.CLIENT_SECRET,
            AlertContextTest.JWT,
            "password=Winter2026!Secure",
            "client_assertion=" + AlertContextTest.JWT.replace("eyJ", "abc"),
            "Authorization: Bearer mF9B5f41JqMzT7eK2wXc0vYh8nLp3sRa");
    private static final List<String> TELLTALES = List.of(
            "Hk3vN8pLm2", "eyJ", "Winter2026", "abc0eXAiOiJKV1Qi", "mF9B5f41Jq");
    /** Fields that decide the format or hold the code; a secret there would change what is read, not leak. */
    private static final Set<String> STRUCTURAL = Set.of(
            "schemaId", "monitoringService", "monitorCondition", "signalType", "conditionType", "name");

    @ParameterizedTest
    @ValueSource(strings = {
            "log-v2-split-by-resulttype.json", "log-v2-two-criteria.json", "log-analytics-search-results.json",
            "metric-alert.json", "activity-log-alert.json", "graph-signin.json", "graph-signins-collection.json",
            "signinlogs-rows.json", "signinlogs-eventhub-records.json", "custom-json.json"})
    void secretAppendedToEveryFieldNeverReachesContext(String sample) throws Exception {
        JsonNode payload = AlertSamples.MAPPER.readTree(AlertSamples.bytes(sample));
        int[] next = {0};
        JsonNode poisoned = poison(payload, null, next);

        ParsedAlerts parsed = AlertSamples.read(poisoned);

        assertFalse(parsed.alerts().isEmpty(), sample);
        boolean redactedSomething = false;
        for (ParsedAlert alert : parsed.alerts()) {
            for (Map.Entry<String, String> fact : alert.context().entrySet()) {
                for (String telltale : TELLTALES) {
                    assertFalse(fact.getValue().contains(telltale), sample + " " + fact);
                }
                redactedSomething |= fact.getValue().contains("[redacted]");
            }
        }
        assertTrue(redactedSomething, "the test put no secret where context is read from: " + sample);
    }

    @Test
    void appNameCarryingAClientSecretIsMaskedButKept() {
        ObjectNode signIn = AlertSamples.tree("graph-signin.json");
        signIn.put("appDisplayName", "Payroll sync " + AlertContextTest.CLIENT_SECRET);
        signIn.put("userPrincipalName", AlertContextTest.JWT);

        Map<String, String> context = AlertSamples.read(signIn).alerts().get(0).context();

        assertEquals("Payroll sync [redacted]", context.get("app"));
        assertEquals("[redacted]", context.get("user"));
    }

    /** Every string that is not structural and not a bare number gets one of the secrets appended. */
    private static JsonNode poison(JsonNode node, String key, int[] next) {
        if (node.isObject()) {
            ObjectNode copy = AlertSamples.MAPPER.createObjectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), poison(e.getValue(), e.getKey(), next)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = AlertSamples.MAPPER.createArrayNode();
            List<JsonNode> elements = new ArrayList<>();
            node.forEach(elements::add);
            elements.forEach(e -> copy.add(poison(e, key, next)));
            return copy;
        }
        if (node.isTextual() && (key == null || !STRUCTURAL.contains(key)) && !node.textValue().matches("\\d*")) {
            return TextNode.valueOf(node.textValue() + " " + SECRETS.get(next[0]++ % SECRETS.size()));
        }
        return node;
    }
}
