package dev.aadsts.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aadsts.core.store.AlertGroups;
import dev.aadsts.core.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A group's context samples: per key, up to {@link AlertGroups#SAMPLE_LIMIT} distinct values in order of first
 * arrival. Stored as JSON text so both databases keep it the same way.
 */
final class Samples {

    // Sorted keys make the stored text stable, which keeps rows comparable by eye and in tests.
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final TypeReference<TreeMap<String, ArrayList<String>>> SAMPLES_TYPE = new TypeReference<>() { };

    private final TreeMap<String, ArrayList<String>> values;

    private Samples(TreeMap<String, ArrayList<String>> values) {
        this.values = values;
    }

    static Samples empty() {
        return new Samples(new TreeMap<>());
    }

    static Samples fromJson(String json) {
        if (json == null || json.isBlank()) {
            return empty();
        }
        try {
            return new Samples(JSON.readValue(json, SAMPLES_TYPE));
        } catch (JsonProcessingException e) {
            throw new StoreException("Stored alert samples are not valid JSON", e);
        }
    }

    /** Adds one alert's context; values beyond the limit or already kept are ignored. */
    void add(Map<String, String> context) {
        context.forEach((key, value) -> {
            if (value.isBlank()) {
                return;
            }
            List<String> kept = values.computeIfAbsent(key, k -> new ArrayList<>());
            if (kept.size() < AlertGroups.SAMPLE_LIMIT && !kept.contains(value)) {
                kept.add(value);
            }
        });
    }

    Map<String, List<String>> asMap() {
        Map<String, List<String>> copy = new TreeMap<>();
        values.forEach((key, kept) -> copy.put(key, List.copyOf(kept)));
        return copy;
    }

    String toJson() {
        return write(values);
    }

    /** One alert's context as stored with the alert. */
    static String contextJson(Map<String, String> context) {
        return write(new TreeMap<>(context));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("Could not write alert context as JSON", e);
        }
    }
}
