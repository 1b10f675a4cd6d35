package dev.aadsts.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aadsts.core.TestCore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The sample payloads in {@code src/test/resources/alerts/} and one reader shared by the alert tests. */
final class AlertSamples {
    static final AlertPayloads PAYLOADS = new AlertPayloads(TestCore.get().explainer());
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String JSON = "application/json; charset=utf-8";

    private AlertSamples() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = AlertSamples.class.getResourceAsStream("/alerts/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sample as its sender would label it. */
    static ParsedAlerts read(String name) {
        return PAYLOADS.read(bytes(name), name.endsWith(".json") ? JSON : "text/plain; charset=utf-8");
    }

    static ParsedAlerts read(JsonNode tree) {
        return PAYLOADS.read(tree.toString().getBytes(StandardCharsets.UTF_8), JSON);
    }

    static ParsedAlerts readText(String body, String contentType) {
        return PAYLOADS.read(body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    /** A mutable copy of a JSON sample, for variations of it. */
    static ObjectNode tree(String name) {
        try {
            return (ObjectNode) MAPPER.readTree(bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> codes(ParsedAlerts parsed) {
        return parsed.alerts().stream().map(ParsedAlert::code).toList();
    }

    static List<Long> occurrences(ParsedAlerts parsed) {
        return parsed.alerts().stream().map(ParsedAlert::occurrences).toList();
    }
}
