package dev.aadsts.core.alert;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aadsts.core.FuzzChecks;
import dev.aadsts.core.TestCore;

/**
 * Any body with any content type: alerts, or {@link AlertPayloadException} (an HTTP 400); never another
 * exception (an HTTP 500 that drops the whole body). Every alert's code is 2 to 8 ASCII digits.
 */
class AlertPayloadsFuzzTest {
    private static final AlertPayloads PAYLOADS = new AlertPayloads(TestCore.get().explainer());
    private static final String[] TYPES = {null, "application/json", "text/plain", "text/plain; charset=utf-16",
            "application/octet-stream", "application/json; charset=iso-8859-1", "text/csv"};

    @FuzzTest(maxDuration = "5m")
    void read(FuzzedDataProvider data) {
        String type = TYPES[data.consumeInt(0, TYPES.length - 1)];
        byte[] body = data.consumeRemainingAsBytes();
        long started = FuzzChecks.start();
        ParsedAlerts parsed;
        try {
            parsed = PAYLOADS.read(body, type);
        } catch (AlertPayloadException documented) {
            return;
        }
        FuzzChecks.inTime(started, "alert body");
        for (ParsedAlert alert : parsed.alerts()) {
            assertTrue(ParsedAlert.isCode(alert.code()), alert.code());
        }
    }
}
