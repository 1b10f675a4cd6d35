package dev.aadsts.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aadsts.core.TestCore;
import org.junit.jupiter.api.Test;

/** The contract's sources and reviewed fields: present on every finding and entry, empty or null when unknown. */
class JsonContractTest {
    private final JsonContract json = new JsonContract();

    @Test
    void everyFindingAndEntryCarriesSourcesAndReviewed() {
        JsonNode known = json.explain(TestCore.get().explainer().explain("50011")).path("findings").get(0);
        assertTrue(known.path("sources").isArray(), known.toString());
        assertTrue(known.has("reviewed"), known.toString());
        JsonNode unknown = json.explain(TestCore.get().explainer().explain("AADSTS9999999")).path("findings").get(0);
        assertEquals(0, unknown.path("sources").size());
        assertTrue(unknown.path("reviewed").isNull());
        for (JsonNode entry : json.catalog(TestCore.get().catalog()).path("entries")) {
            assertTrue(entry.path("sources").isArray() && entry.has("reviewed"), entry.path("code").asText());
            for (JsonNode source : entry.path("sources")) {
                assertTrue(source.path("title").isTextual() && source.path("url").asText().startsWith("https://"));
            }
            if (!entry.path("reviewed").isNull()) {
                assertTrue(entry.path("reviewed").asText().matches("\\d{4}-\\d{2}-\\d{2}"), entry.toString());
            }
        }
    }
}
