package dev.aadsts.core.alert.routing;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aadsts.core.FuzzChecks;

/** Any routes file text: a routes file, or {@link AlertConfigException} naming what is wrong; nothing else. */
class RoutesFileFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void read(FuzzedDataProvider data) {
        String name = data.consumeBoolean() ? "routes.json" : "routes.yaml";
        String text = data.consumeRemainingAsString();
        long started = FuzzChecks.start();
        try {
            RoutesFile parsed = AlertRouting.read(name, text);
            assertNotNull(parsed.routes());
        } catch (AlertConfigException documented) {
            assertNotNull(documented.getMessage());
        }
        FuzzChecks.inTime(started, "routes file");
    }
}
