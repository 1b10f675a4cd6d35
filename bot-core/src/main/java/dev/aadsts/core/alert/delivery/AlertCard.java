package dev.aadsts.core.alert.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an alert card shows, before any platform shapes it: the code and its meaning (catalog text, trusted),
 * the running count and time span, and a sample of distinct context from the alerts themselves (user input:
 * renderers must escape it; sensitive values arrive already redacted).
 *
 * @param samples     labelled ("Apps", "Users", …) distinct values, in the order to show them
 * @param target      the store's target key, carried by the mute buttons
 * @param firstFix    the catalog's first fix step, or null
 * @param muteOptions hours offered on the "Mute this code" buttons
 */
public record AlertCard(
        long groupId,
        String target,
        String code,
        String title,
        String summary,
        String firstFix,
        long count,
        Instant firstSeen,
        Instant lastSeen,
        Map<String, List<String>> samples,
        String route,
        String lookupLink,
        List<Integer> muteOptions) {

    public AlertCard {
        samples = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(samples));
        muteOptions = List.copyOf(muteOptions);
    }

    public String label() {
        return "AADSTS" + code;
    }

    /** "AADSTS50126 × 10,000: Invalid username or password" — for notifications and plain-text fallbacks. */
    public String fallbackText() {
        return label() + " × " + String.format(java.util.Locale.ROOT, "%,d", count) + ": " + title;
    }
}
