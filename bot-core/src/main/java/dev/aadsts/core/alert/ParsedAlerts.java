package dev.aadsts.core.alert;

import java.util.List;
import java.util.Objects;

/**
 * Everything one alert body yields.
 *
 * @param source the body's format, one of {@link AlertSources}; set even when nothing was recognised,
 *               so a caller can answer "accepted 0" and say what it took the body for
 * @param alerts in the order they appear in the body; empty for a resolved notification or a body
 *               without codes; at most {@link AlertPayloads#MAX_ALERTS}
 * @param skipped parts of the body that named something unreadable as a code and were left out; the
 *                rest of the body is kept
 */
public record ParsedAlerts(String source, List<ParsedAlert> alerts, int skipped) {
    public ParsedAlerts {
        Objects.requireNonNull(source, "source");
        alerts = List.copyOf(alerts);
    }

    public ParsedAlerts(String source, List<ParsedAlert> alerts) {
        this(source, alerts, 0);
    }
}
