package dev.aadsts.core.store;

import java.util.Map;

/**
 * One alert, already routed: it goes to {@code target} ("slack:C0123" or "teams:&lt;conversation id&gt;").
 *
 * @param occurrences how many sign-in failures this alert stands for (a log query row may summarise
 *                    several); at least 1, and what a group's count adds up
 * @param context redacted details worth showing on the card (app, user, tenant, IP…); may be empty
 * @param source  the format it arrived in, e.g. "azure-monitor-log-v2", "graph-signin", "text"
 */
public record IncomingAlert(String target, String route, String code, long occurrences, Map<String, String> context,
        String source) {
    public IncomingAlert {
        if (occurrences < 1) {
            throw new IllegalArgumentException("occurrences must be at least 1");
        }
        context = Map.copyOf(context);
    }
}
