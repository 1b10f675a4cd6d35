package dev.aadsts.core.alert;

import java.util.ArrayList;
import java.util.List;

/** The alerts read from one body so far, capped at {@link AlertPayloads#MAX_ALERTS}. */
final class AlertList {
    private final List<ParsedAlert> alerts = new ArrayList<>();
    private String source;

    /** The body's format: the first one a reader names wins. */
    void source(String name) {
        if (source == null) {
            source = name;
        }
    }

    private int skipped;

    /**
     * Keeps a well-formed alert; a part whose code is not ASCII digits (a full-width "５００１１" in a
     * spreadsheet export) is counted as skipped instead, so it never costs the body's other alerts.
     */
    void add(String code, long occurrences, AlertContext context, String alertSource) {
        if (full()) {
            return;
        }
        if (!ParsedAlert.isCode(code) || occurrences < 1) {
            skipped++;
            return;
        }
        alerts.add(new ParsedAlert(code, occurrences, context.values(), alertSource));
    }

    boolean full() {
        return alerts.size() >= AlertPayloads.MAX_ALERTS;
    }

    ParsedAlerts result(String fallbackSource) {
        return new ParsedAlerts(source == null ? fallbackSource : source, alerts, skipped);
    }
}
