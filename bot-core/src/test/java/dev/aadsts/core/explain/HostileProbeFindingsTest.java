package dev.aadsts.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aadsts.core.TestCore;
import dev.aadsts.core.alert.AlertPayloads;
import dev.aadsts.core.alert.ParsedAlert;
import dev.aadsts.core.alert.ParsedAlerts;
import dev.aadsts.core.json.JsonContract;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hostile-input probe's findings, each as it was found. The time limits are hang guards far above
 * the fixed cost (milliseconds) and far below what the inputs took before (seconds to minutes).
 */
class HostileProbeFindingsTest {
    private static final Duration GUARD = Duration.ofSeconds(3);
    private static final int MIB = 1024 * 1024;

    private final Explainer explainer = new Explainer(TestCore.get().catalog(), 0);

    private Analysis analyze(String text) {
        return assertTimeoutPreemptively(GUARD, () -> explainer.analyze(text));
    }

    /** Finding 1: 256 KiB of "eyJ" after a code took over two minutes; each "eyJ" re-read the rest of the text. */
    @Test
    void jwtStormAfterACode() {
        Analysis a = analyze("AADSTS50011 " + "eyJ".repeat(256 * 1024 / 3));
        assertEquals("50011", a.findings().get(0).code());
        assertTrue(a.secrets().isEmpty(), "no dots, so no token");
    }

    /** A real token inside the storm is still found and masked. */
    @Test
    void jwtInsideTheStormIsStillRedacted() {
        String jwt = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
        String text = "AADSTS50011 " + "eyJ".repeat(20_000) + " password=" + "hunter2x" + " " + jwt;
        Analysis a = analyze(text);
        assertTrue(a.secrets().stream().anyMatch(k -> k.name().equals("JWT")), a.secrets().toString());
        String redacted = new dev.aadsts.core.context.SecretRedactor().redact(text);
        assertFalse(redacted.contains(jwt));
        assertFalse(redacted.contains("hunter2x"));
    }

    /** Finding 2: 1 MiB of these took 9.5 s, 8.9 s and 5.8 s. */
    @ParameterizedTest
    @ValueSource(strings = {"1Q~", "&", "<https://a.example/"})
    void repeatedFragmentsAfterACode(String fragment) {
        Analysis a = analyze("AADSTS50011 " + fragment.repeat(MIB / fragment.length()));
        assertEquals("50011", a.findings().get(0).code());
    }

    /** Finding 4: full-width digits under a ResultType header became a code (and a link with it). */
    @Test
    void nonAsciiDigitsAreNoCode() {
        assertEquals(List.of(), analyze("ResultType,User\n５００１１,a@contoso.com").findings());
        assertEquals(List.of(), analyze("AADSTS５００１１: invalid").findings());
        assertEquals(List.of(), analyze("\"error_codes\":[５００１１]").findings());
    }

    /** Finding 4, alerts: the same body was a 500 and lost the valid code beside it. */
    @Test
    void alertPayloadKeepsTheGoodPartBesideAnUnreadableOne() {
        AlertPayloads payloads = new AlertPayloads(explainer);
        byte[] body = "ResultType,User\n５００１１,a@contoso.com\n\nAADSTS50126: Error validating credentials"
                .getBytes(StandardCharsets.UTF_8);
        ParsedAlerts parsed = payloads.read(body, "text/plain");
        assertEquals(List.of("50126"), parsed.alerts().stream().map(ParsedAlert::code).toList());
    }

    /** Finding 5: the first digits of a GUID or hex id after the prefix became a code. */
    @ParameterizedTest
    @ValueSource(strings = {"AADSTS: 89244031-d6b8-04e1-3186-bd82b40bb61c", "AADSTS-99741aa9-04e1-3186-bd82b40bb61c",
            "AADSTS 50011abc", "AADSTS50011_x"})
    void digitsThatStartALongerTokenAreNoCode(String text) {
        assertEquals(List.of(), analyze(text).findings());
    }

    /** Finding 11: 10,000 codes in a 150 KB paste made a 9.7 MB answer. */
    @Test
    void findingsAreCappedAndCounted() {
        StringBuilder paste = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            paste.append("AADSTS").append(10_000_000 + i * 7).append(' ');
        }
        Analysis a = analyze(paste.toString());
        assertEquals(Explainer.MAX_FINDINGS, a.findings().size());
        assertEquals(10_000, a.total());
        assertTrue(a.truncated());
        ObjectNode json = new JsonContract().explain(a);
        assertTrue(json.get("truncated").asBoolean());
        assertEquals(10_000, json.get("total").asInt());
        assertTrue(json.toString().length() < 200_000, "answer of " + json.toString().length() + " chars");
    }

    @Test
    void aPasteUnderTheCapIsNotTruncated() {
        ObjectNode json = new JsonContract().explain(analyze("AADSTS50011 and AADSTS50126"));
        assertFalse(json.get("truncated").asBoolean());
        assertEquals(2, json.get("total").asInt());
    }
}
