package dev.aadsts.core.store;

import java.util.Map;

/**
 * One alert, already routed: it goes to {@code target} ("slack:C0123" or "teams:&lt;conversation id&gt;").
 *
 * @param context redacted details worth showing on the card (app, user, tenant, IP…); may be empty
 * @param source  the format it arrived in, e.g. "azure-monitor-log-v2", "graph-signin", "text"
 */
public record IncomingAlert(String target, String route, String code, Map<String, String> context, String source) {
    public IncomingAlert {
        context = Map.copyOf(context);
    }
}
