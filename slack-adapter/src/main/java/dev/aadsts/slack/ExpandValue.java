package dev.aadsts.slack;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.aadsts.core.card.Card;
import dev.aadsts.core.card.Fact;
import dev.aadsts.core.context.ContextField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an expand button carries: the code and the facts the paste gave it, as compact JSON in the
 * button's value. The bot keeps no state per message, so any replica can expand any card, also after a
 * restart. Slack caps a value at 2,000 characters; the longest facts are shortened until it fits.
 */
public record ExpandValue(String code, List<Fact> facts) {
    private static final Pattern CODE = Pattern.compile("\\d{1,10}");
    private static final Gson HTML_SAFE = new Gson();

    public ExpandValue {
        facts = List.copyOf(facts);
    }

    static String encode(Card card, int max) {
        Map<String, String> facts = new LinkedHashMap<>();
        card.facts().forEach(f -> facts.put(f.id(), f.value()));
        while (true) {
            JsonObject json = new JsonObject();
            json.addProperty("code", card.code());
            JsonObject f = new JsonObject();
            facts.forEach(f::addProperty);
            json.add("facts", f);
            // Gson's HTML-safe output writes < > & ' = as unicode escapes: the value never holds a Slack control
            // sequence, even though Slack does not show values.
            String value = HTML_SAFE.toJson(json);
            if (value.length() <= max || facts.isEmpty()) {
                return value;
            }
            String longest = facts.entrySet().stream().max(Map.Entry.comparingByValue(
                    (a, b) -> Integer.compare(a.length(), b.length()))).orElseThrow().getKey();
            String v = facts.get(longest);
            if (v.length() <= 20) {
                facts.remove(longest);
            } else {
                facts.put(longest, v.substring(0, v.length() * 2 / 3) + "…");
            }
        }
    }

    /** The value of a button we rendered; empty for anything else (a forged or stale click). */
    public static Optional<ExpandValue> decode(String value) {
        try {
            JsonElement parsed = JsonParser.parseString(value == null ? "" : value);
            if (!parsed.isJsonObject()) {
                return Optional.empty();
            }
            JsonObject json = parsed.getAsJsonObject();
            String code = json.has("code") && json.get("code").isJsonPrimitive() ? json.get("code").getAsString() : "";
            if (!CODE.matcher(code).matches()) {
                return Optional.empty();
            }
            List<Fact> facts = new ArrayList<>();
            if (json.has("facts") && json.get("facts").isJsonObject()) {
                for (Map.Entry<String, JsonElement> e : json.getAsJsonObject("facts").entrySet()) {
                    Optional<ContextField> field = ContextField.byId(e.getKey());
                    if (field.isPresent() && e.getValue().isJsonPrimitive()) {
                        facts.add(new Fact(field.get().id(), field.get().label(), e.getValue().getAsString()));
                    }
                }
            }
            return Optional.of(new ExpandValue(code, facts));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
