package dev.aadsts.core.alert;

import static dev.aadsts.core.alert.AlertSamples.codes;
import static dev.aadsts.core.alert.AlertSamples.occurrences;
import static dev.aadsts.core.alert.AlertSamples.read;
import static dev.aadsts.core.alert.AlertSamples.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AzureMonitorAlertsTest {

    private static ObjectNode firstCriterion(ObjectNode alert) {
        return (ObjectNode) alert.at("/data/alertContext/condition/allOf/0");
    }

    @Test
    void logAlertSplitByResultTypeCountsItsMetricValue() {
        ParsedAlerts parsed = read("log-v2-split-by-resulttype.json");

        assertEquals(AlertSources.AZURE_MONITOR_LOG_V2, parsed.source());
        assertEquals(List.of("50126"), codes(parsed));
        ParsedAlert alert = parsed.alerts().get(0);
        assertEquals(7, alert.occurrences());
        assertEquals(AlertSources.AZURE_MONITOR_LOG_V2, alert.source());
        Map<String, String> context = alert.context();
        assertEquals(List.of("alertRule", "severity", "firedAt", "app", "link"), List.copyOf(context.keySet()));
        assertEquals("entra-signin-failures-by-code", context.get("alertRule"));
        assertEquals("Sev2", context.get("severity"));
        assertEquals("2026-11-20T08:15:42.1183207Z", context.get("firedAt"));
        assertEquals("Contoso Payroll Portal", context.get("app"));
        // The filtered link opens exactly this dimension combination, so it wins over the plain one.
        assertTrue(context.get("link").startsWith("https://portal.azure.com#@"), context.get("link"));
        assertTrue(context.get("link").contains("ResultType%3D50126"), context.get("link"));
    }

    @Test
    void eachCriterionIsItsOwnGroupWithItsOwnDimensions() {
        ParsedAlerts parsed = read("log-v2-two-criteria.json");

        // The second criterion has no code dimension; its query names the code. 12.6 rows round to 13.
        assertEquals(List.of("50053", "500121"), codes(parsed));
        assertEquals(List.of(3L, 13L), occurrences(parsed));
        Map<String, String> locked = parsed.alerts().get(0).context();
        assertEquals("svc-backup@contoso.onmicrosoft.com", locked.get("user"));
        assertEquals("198.51.100.23", locked.get("ip"));
        assertFalse(locked.containsKey("app"));
        Map<String, String> mfa = parsed.alerts().get(1).context();
        assertEquals("Azure Virtual Desktop Client", mfa.get("app"));
        assertEquals("service-accounts-blocked", mfa.get("alertRule"));
        assertEquals("Sev1", mfa.get("severity"));
    }

    @Test
    void ruleNameNamesTheCodeWhenQueryAndDimensionsDoNot() {
        ParsedAlerts parsed = read("log-v2-code-in-rule-name.json");

        assertEquals(List.of("50076"), codes(parsed));
        assertEquals(List.of(41L), occurrences(parsed));
        assertEquals("Office 365 Exchange Online", parsed.alerts().get(0).context().get("app"));
    }

    @Test
    void criterionWithoutAnyCodeGivesNothing() {
        ObjectNode alert = tree("log-v2-code-in-rule-name.json");
        ((ObjectNode) alert.at("/data/essentials")).put("alertRule", "MFA failures spike");

        ParsedAlerts parsed = read(alert);

        assertEquals(AlertSources.AZURE_MONITOR_LOG_V2, parsed.source());
        assertEquals(List.of(), parsed.alerts());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ResultType", "resultType", "ErrorCode", "errorCode", "Status_errorCode", "status.errorCode"})
    void codeDimensionIsFoundUnderEverySpelling(String name) {
        ObjectNode alert = tree("log-v2-split-by-resulttype.json");
        ((ObjectNode) firstCriterion(alert).at("/dimensions/0")).put("name", name).put("value", "530003");

        assertEquals(List.of("530003"), codes(read(alert)));
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "-3, 1", "0.4, 1", "2.5, 3", "41, 41"})
    void occurrencesAreThePositiveRoundedMetricValueElseOne(double metricValue, long expected) {
        ObjectNode alert = tree("log-v2-split-by-resulttype.json");
        firstCriterion(alert).put("metricValue", metricValue);

        assertEquals(List.of(expected), occurrences(read(alert)));
    }

    @Test
    void missingOrTextualMetricValue() {
        ObjectNode alert = tree("log-v2-split-by-resulttype.json");
        firstCriterion(alert).remove("metricValue");
        assertEquals(List.of(1L), occurrences(read(alert)));

        firstCriterion(alert).put("metricValue", "19");
        assertEquals(List.of(19L), occurrences(read(alert)));
    }

    @Test
    void successfulCombinationIsNotAFailure() {
        ObjectNode alert = tree("log-v2-split-by-resulttype.json");
        ((ObjectNode) firstCriterion(alert).at("/dimensions/0")).put("value", "0");

        assertEquals(List.of(), read(alert).alerts());
    }

    @Test
    void resolvedNotificationIsTaggedButYieldsNothing() {
        ParsedAlerts parsed = read("resolved-alert.json");

        assertEquals(AlertSources.AZURE_MONITOR_LOG_V2, parsed.source());
        assertEquals(List.of(), parsed.alerts());

        ObjectNode fired = tree("resolved-alert.json");
        ((ObjectNode) fired.at("/data/essentials")).put("monitorCondition", "Fired");
        assertEquals(List.of("50126"), codes(read(fired)));
    }

    @Test
    void legacyLogAlertReadsEveryRowWithItsCount() {
        ParsedAlerts parsed = read("log-analytics-search-results.json");

        assertEquals(AlertSources.AZURE_MONITOR_LOG, parsed.source());
        // The "0" row is the successful sign-ins and is skipped.
        assertEquals(List.of("50126", "53003", "50126"), codes(parsed));
        assertEquals(List.of(14L, 2L, 1L), occurrences(parsed));
        Map<String, String> first = parsed.alerts().get(0).context();
        assertEquals("signin-failures-hourly", first.get("alertRule"));
        assertEquals("Contoso Payroll Portal", first.get("app"));
        assertEquals("j.alvarez@contoso.com", first.get("user"));
        assertEquals("203.0.113.41", first.get("ip"));
        assertTrue(first.get("link").contains("where%20ResultType%20!%3D%200"), first.get("link"));
        assertEquals("guest_partner#EXT#@contoso.onmicrosoft.com", parsed.alerts().get(1).context().get("user"));
    }

    @Test
    void legacyRowsWithoutCodeColumnTakeTheCodeFromTheQuery() {
        ObjectNode alert = tree("log-analytics-search-results.json");
        ObjectNode context = (ObjectNode) alert.at("/data/alertContext");
        context.put("SearchQuery", "SigninLogs | where ResultType == \"50126\" | summarize count() by AppDisplayName");
        ObjectNode table = (ObjectNode) context.at("/SearchResults/tables/0");
        table.set("columns", AlertSamples.MAPPER.valueToTree(List.of(
                Map.of("name", "AppDisplayName", "type", "string"), Map.of("name", "Count", "type", "long"))));
        table.set("rows", AlertSamples.MAPPER.valueToTree(List.of(List.of("Contoso Payroll Portal", 9),
                List.of("Microsoft Teams", 4))));

        ParsedAlerts parsed = read(alert);

        assertEquals(List.of("50126", "50126"), codes(parsed));
        assertEquals(List.of(9L, 4L), occurrences(parsed));
        assertEquals("Microsoft Teams", parsed.alerts().get(1).context().get("app"));
    }

    @Test
    void legacyAlertWithoutIncludedResultsFallsBackToTheQuery() {
        ObjectNode alert = tree("log-analytics-search-results.json");
        ObjectNode context = (ObjectNode) alert.at("/data/alertContext");
        context.remove("SearchResults");
        context.put("SearchQuery", "SigninLogs | where ResultType == 50053");

        ParsedAlerts parsed = read(alert);

        assertEquals(List.of("50053"), codes(parsed));
        assertEquals(List.of(1L), occurrences(parsed));
    }

    @Test
    void metricAlertCodeComesFromTheDescriptionAndCountsOnce() {
        ParsedAlerts parsed = read("metric-alert.json");

        assertEquals(AlertSources.AZURE_MONITOR_METRIC, parsed.source());
        assertEquals(List.of("7000222"), codes(parsed));
        // 57 is a metric's total, not a count of this code's failures.
        assertEquals(List.of(1L), occurrences(parsed));
        assertEquals("orders-api-token-failures", parsed.alerts().get(0).context().get("alertRule"));
    }

    @Test
    void metricAlertWithACodeDimensionCountsItsValue() {
        ObjectNode alert = tree("metric-alert.json");
        ArrayNode dimensions = (ArrayNode) firstCriterion(alert).get("dimensions");
        dimensions.addObject().put("name", "errorCode").put("value", "7000215");

        ParsedAlerts parsed = read(alert);

        assertEquals(List.of("7000215"), codes(parsed));
        assertEquals(List.of(57L), occurrences(parsed));
    }

    @Test
    void activityLogAlertCodeComesFromItsEventText() {
        ParsedAlerts parsed = read("activity-log-alert.json");

        assertEquals(AlertSources.AZURE_MONITOR_ACTIVITY_LOG, parsed.source());
        assertEquals(List.of("700024"), codes(parsed));
        assertEquals(List.of(1L), occurrences(parsed));
        Map<String, String> context = parsed.alerts().get(0).context();
        assertEquals("deployment-failures-rg-orders", context.get("alertRule"));
        assertEquals("Sev4", context.get("severity"));
        assertEquals("a61d0f3e-58c2-4b97-b04e-3e9c7a2d81f5", context.get("correlationId"));
    }

    @Test
    void dataForwardedWithoutTheEnvelopeIsStillRecognised() {
        JsonNode data = tree("log-v2-split-by-resulttype.json").get("data");

        ParsedAlerts parsed = read(data);

        assertEquals(AlertSources.AZURE_MONITOR_LOG_V2, parsed.source());
        assertEquals(List.of("50126"), codes(parsed));
    }

    @Test
    void otherMonitoringServicesAreScanned() {
        ObjectNode alert = tree("activity-log-alert.json");
        ObjectNode essentials = (ObjectNode) alert.at("/data/essentials");
        essentials.put("monitoringService", "Smart Detector").put("signalType", "Log");
        ((ObjectNode) alert.get("data")).set("alertContext", AlertSamples.MAPPER.createObjectNode()
                .put("DetectorName", "Failure Anomalies").put("DetectionSummary", "Spike of AADSTS90002 in dependency calls"));

        ParsedAlerts parsed = read(alert);

        assertEquals(AlertSources.AZURE_MONITOR, parsed.source());
        assertEquals(List.of("90002"), codes(parsed));
    }
}
