package dev.aadsts.core.alert;

import static dev.aadsts.core.alert.AlertSamples.bytes;
import static dev.aadsts.core.alert.AlertSamples.codes;
import static dev.aadsts.core.alert.AlertSamples.occurrences;
import static dev.aadsts.core.alert.AlertSamples.read;
import static dev.aadsts.core.alert.AlertSamples.readText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FreeFormAlertsTest {

    @Test
    void customJsonYieldsEachCodeOnceWithTheFactsItNames() {
        ParsedAlerts parsed = read("custom-json.json");

        assertEquals(AlertSources.JSON, parsed.source());
        // 54005 appears three times; port 44321 and durationMs 18234 are numbers, not codes.
        assertEquals(List.of("54005"), codes(parsed));
        assertEquals(List.of(1L), occurrences(parsed));
        assertEquals(Map.of("app", "Contoso Expenses", "appId", "9b2f6e1d-0c47-4a85-b3e9-7d5a1f8c2e60",
                "tenant", "2a9f4c61-7e0b-4d3a-8c55-19e6b7f02d84"), parsed.alerts().get(0).context());
    }

    @Test
    void topLevelArrayIsReadElementByElement() {
        ParsedAlerts parsed = read("custom-json-array.json");

        assertEquals(AlertSources.JSON, parsed.source());
        assertEquals(List.of("7000215", "7000215", "90033"), codes(parsed));
        assertEquals(List.of(1L, 1L, 1L), occurrences(parsed));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"ResultType\": 50126}|50126",
            "{\"ResultType\": \"50126\"}|50126",
            "{\"error_codes\": [50076, 50079]}|50076 50079",
            "{\"msg\": \"login.microsoftonline.com/error?code=50058\"}|50058",
            "\"AADSTS50011: The redirect URI does not match\"|50011",
    })
    void numbersCountUnderErrorCodeKeysAndTextByTheDetectorsRules(String json, String expected) {
        assertEquals(List.of(expected.split(" ")), codes(readText(json, AlertSamples.JSON)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"count\": 50126, \"port\": 50053, \"bytes\": 7000215}",
            "{\"status\": \"failed\", \"code\": 50126}",
            "{\"message\": \"error code 50011 without any sign-in page labels\"}",
            "[1, 2, 3]",
            "null",
    })
    void numbersElsewhereAreNotCodes(String json) {
        ParsedAlerts parsed = readText(json, AlertSamples.JSON);

        assertEquals(AlertSources.JSON, parsed.source());
        assertEquals(List.of(), parsed.alerts());
    }

    @Test
    void plainTextYieldsEachCodeOnceWithTheErrorsOwnIds() {
        ParsedAlerts parsed = read("plain-text.txt");

        assertEquals(AlertSources.TEXT, parsed.source());
        assertEquals(List.of("50173"), codes(parsed));
        assertEquals(List.of(1L), occurrences(parsed));
        Map<String, String> context = parsed.alerts().get(0).context();
        assertEquals("6f3a9d0c-2e7b-4c14-9a58-d1e0b7f4c326", context.get("requestId"));
        assertEquals("b7c2e5f8-0a39-4d61-8e4b-3f9a6d1c0e75", context.get("correlationId"));
        assertEquals("2026-11-23 05:30:01Z", context.get("firedAt"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"application/octet-stream", "application/x-www-form-urlencoded"})
    void textIsTextWhateverTheLabel(String contentType) {
        ParsedAlerts parsed = AlertSamples.PAYLOADS.read(bytes("plain-text.txt"), contentType);

        assertEquals(AlertSources.TEXT, parsed.source());
        assertEquals(List.of("50173"), codes(parsed));
    }

    @Test
    void longTextKeepsEveryCodeAndTheFactsNearItsTop() {
        String page = new String(bytes("plain-text.txt"), java.nio.charset.StandardCharsets.UTF_8);
        String log = page + "INFO heartbeat ok\n".repeat(5_000) + "ERROR AADSTS50058: silent sign-in failed\n";

        ParsedAlerts parsed = readText(log, "text/plain");

        assertEquals(List.of("50173", "50058"), codes(parsed));
        assertEquals("6f3a9d0c-2e7b-4c14-9a58-d1e0b7f4c326", parsed.alerts().get(0).context().get("requestId"));
        assertEquals(Map.of(), parsed.alerts().get(1).context());
    }

    @Test
    void textWithoutCodesIsAcceptedEmpty() {
        ParsedAlerts parsed = readText("disk usage on nas-01 is 91% (threshold 90%)", "text/plain");

        assertEquals(AlertSources.TEXT, parsed.source());
        assertEquals(List.of(), parsed.alerts());
    }

    @Test
    void jsonIsRecognisedByShapeEvenWhenLabelledText() {
        ParsedAlerts parsed = AlertSamples.PAYLOADS.read(bytes("graph-signin.json"), "text/plain");

        assertEquals(AlertSources.GRAPH_SIGNIN, parsed.source());
        assertEquals(List.of("50126"), codes(parsed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[ALERT] sign-in probe: AADSTS50126", "  {Contoso} probe failed with AADSTS50126"})
    void subjectLineInBracketsIsText(String body) {
        ParsedAlerts parsed = readText(body, null);

        assertEquals(AlertSources.TEXT, parsed.source());
        assertEquals(List.of("50126"), codes(parsed));
    }

    @Test
    void logLineStartingWithABracketIsTextWhenSentAsText() {
        String line = "[2026-11-23 05:30:02] WARN token refresh failed: AADSTS700082 refresh token expired";

        ParsedAlerts parsed = readText(line, "text/plain; charset=utf-8");

        assertEquals(AlertSources.TEXT, parsed.source());
        assertEquals(List.of("700082"), codes(parsed));
        // Unlabelled, the same body claims to be JSON by its shape and does not parse.
        assertThrows(AlertPayloadException.class, () -> readText(line, null));
    }
}
