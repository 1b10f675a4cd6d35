package dev.aadsts.core.alert;

import static dev.aadsts.core.alert.AlertSamples.codes;
import static dev.aadsts.core.alert.AlertSamples.occurrences;
import static dev.aadsts.core.alert.AlertSamples.read;
import static dev.aadsts.core.alert.AlertSamples.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GraphSignInsTest {

    @Test
    void singleFailedSignInWithEveryFact() {
        ParsedAlerts parsed = read("graph-signin.json");

        assertEquals(AlertSources.GRAPH_SIGNIN, parsed.source());
        assertEquals(List.of("50126"), codes(parsed));
        assertEquals(List.of(1L), occurrences(parsed));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("app", "Contoso Payroll Portal");
        expected.put("appId", "6731de76-14a6-49ae-97bc-6eba6914391e");
        expected.put("user", "j.alvarez@contoso.com");
        expected.put("ip", "203.0.113.41");
        expected.put("location", "Rotterdam, Zuid-Holland, NL");
        expected.put("resource", "Microsoft Graph");
        expected.put("correlationId", "8a1f2b3c-4d5e-6f70-8192-a3b4c5d6e7f8");
        expected.put("requestId", "5e1f7a2c-93d4-4b60-8a17-c2e9f04b6d38");
        expected.put("firedAt", "2026-11-20T07:58:13Z");
        Map<String, String> context = parsed.alerts().get(0).context();
        assertEquals(expected, context);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(context.keySet()));
    }

    @Test
    void collectionSkipsSuccessfulSignIns() {
        ParsedAlerts parsed = read("graph-signins-collection.json");

        assertEquals(AlertSources.GRAPH_SIGNIN, parsed.source());
        assertEquals(List.of("50053", "53003"), codes(parsed));
        assertEquals(List.of(1L, 1L), occurrences(parsed));
        assertEquals("svc-backup@contoso.onmicrosoft.com", parsed.alerts().get(0).context().get("user"));
        assertEquals("Microsoft Teams", parsed.alerts().get(1).context().get("app"));
        assertEquals("Lyon, Auvergne-Rhone-Alpes, FR", parsed.alerts().get(1).context().get("location"));
    }

    @Test
    void topLevelArrayOfSignIns() {
        ArrayNode signIns = (ArrayNode) tree("graph-signins-collection.json").get("value");

        ParsedAlerts parsed = read(signIns);

        assertEquals(AlertSources.GRAPH_SIGNIN, parsed.source());
        assertEquals(List.of("50053", "53003"), codes(parsed));
    }

    @Test
    void successfulSignInYieldsNothing() {
        ObjectNode signIn = tree("graph-signin.json");
        ((ObjectNode) signIn.get("status")).put("errorCode", 0);

        ParsedAlerts parsed = read(signIn);

        assertEquals(AlertSources.GRAPH_SIGNIN, parsed.source());
        assertEquals(List.of(), parsed.alerts());
    }

    @ParameterizedTest
    @CsvSource({"50126, 50126", "'\"50126\"', 50126", "10, 10", "9999999, 9999999", "50126.0, 50126"})
    void errorCodeFieldTakesAnyTwoToSevenDigitNumber(String json, String expected) throws Exception {
        ObjectNode signIn = tree("graph-signin.json");
        ((ObjectNode) signIn.get("status")).set("errorCode", AlertSamples.MAPPER.readTree(json));

        assertEquals(List.of(expected), codes(read(signIn)));
    }

    @ParameterizedTest
    @CsvSource({"7", "12345678", "'\"n/a\"'", "null"})
    void errorCodeFieldOutsideTheRangeIsNoCode(String json) throws Exception {
        ObjectNode signIn = tree("graph-signin.json");
        ((ObjectNode) signIn.get("status")).set("errorCode", AlertSamples.MAPPER.readTree(json));

        assertEquals(List.of(), read(signIn).alerts());
    }

    @Test
    void signinLogsRows() {
        ParsedAlerts parsed = read("signinlogs-rows.json");

        assertEquals(AlertSources.SIGNIN_LOGS, parsed.source());
        assertEquals(List.of("50158", "700016"), codes(parsed));
        Map<String, String> mfa = parsed.alerts().get(0).context();
        assertEquals("Salesforce", mfa.get("app"));
        assertEquals("3d5a0f7e-c2b9-4618-8e4a-b70d1c6f92e3", mfa.get("appId"));
        assertEquals("r.okafor@contoso.com", mfa.get("user"));
        assertEquals("198.51.100.4", mfa.get("ip"));
        assertEquals("2a9f4c61-7e0b-4d3a-8c55-19e6b7f02d84", mfa.get("tenant"));
        // The detailed location wins over the two-letter Location column.
        assertEquals("Manchester, Manchester, GB", mfa.get("location"));
        assertEquals("4b7e2d90-1a6f-4c83-9d5e-e0a8b3c71f24", mfa.get("correlationId"));
        assertEquals("d0c6a9f3-7e28-4b15-a9d4-26f1e8b3c057", mfa.get("requestId"));
        assertEquals("2026-11-22T13:40:05.2210000Z", mfa.get("firedAt"));
        // An empty AppDisplayName is no fact.
        assertFalse(parsed.alerts().get(1).context().containsKey("app"));
        assertEquals("NL", parsed.alerts().get(1).context().get("location"));
    }

    @Test
    void singleSigninLogsRow() {
        ObjectNode row = (ObjectNode) AlertSamples.MAPPER.valueToTree(
                Map.of("ResultType", "50097", "UserPrincipalName", "a.b@contoso.com", "ResultDescription", "Device authentication is required."));

        ParsedAlerts parsed = read(row);

        assertEquals(AlertSources.SIGNIN_LOGS, parsed.source());
        assertEquals(List.of("50097"), codes(parsed));
        assertEquals("a.b@contoso.com", parsed.alerts().get(0).context().get("user"));
    }

    @Test
    void summarisedRowsFromALogicAppCountTheirRows() {
        // What "Run query and list results" returns for "summarize count_ = count() by ResultType, AppDisplayName".
        String rows = "[{\"ResultType\":\"50126\",\"AppDisplayName\":\"Contoso Payroll Portal\",\"count_\":14},"
                + "{\"ResultType\":\"53003\",\"AggregatedValue\":2.0},"
                + "{\"ResultType\":\"0\",\"count_\":380}]";

        ParsedAlerts parsed = AlertSamples.readText(rows, AlertSamples.JSON);

        assertEquals(AlertSources.SIGNIN_LOGS, parsed.source());
        assertEquals(List.of("50126", "53003"), codes(parsed));
        assertEquals(List.of(14L, 2L), occurrences(parsed));
        assertEquals(Map.of("app", "Contoso Payroll Portal"), parsed.alerts().get(0).context());
    }

    @Test
    void eventHubDiagnosticRecords() {
        ParsedAlerts parsed = read("signinlogs-eventhub-records.json");

        assertEquals(AlertSources.SIGNIN_LOGS, parsed.source());
        assertEquals(List.of("70043"), codes(parsed));
        Map<String, String> context = parsed.alerts().get(0).context();
        assertEquals("s.rivera@contoso.com", context.get("user"));
        assertEquals("Microsoft Office", context.get("app"));
        assertEquals("192.0.2.140", context.get("ip"));
        assertEquals("Denver, Colorado, US", context.get("location"));
        assertEquals("Office 365 SharePoint Online", context.get("resource"));
        assertEquals("2026-11-22T21:03:55.6409000Z", context.get("firedAt"));
    }

    @Test
    void otherElementsOfACollectionAreScannedLikeAnyJson() {
        ArrayNode signIns = (ArrayNode) tree("graph-signins-collection.json").get("value");
        signIns.addObject().put("note", "probe saw AADSTS90072 for a guest");

        ParsedAlerts parsed = read(signIns);

        assertEquals(List.of("50053", "53003", "90072"), codes(parsed));
        assertEquals(AlertSources.JSON, parsed.alerts().get(2).source());
    }

    @Test
    void statusErrorCodeAloneDoesNotMakeASignIn() {
        // Another product's {"status":{"errorCode":…}}: the number means nothing to Entra.
        ObjectNode other = AlertSamples.MAPPER.createObjectNode();
        other.putObject("status").put("errorCode", 50126);
        other.put("host", "nas-01");

        ParsedAlerts parsed = read(other);

        assertEquals(AlertSources.JSON, parsed.source());
        assertEquals(List.of(), parsed.alerts());
    }
}
