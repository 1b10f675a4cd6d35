package dev.aadsts.teams.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The Bot Connector's Retry-After header, which may be seconds or an HTTP date. */
final class RetryAfter {
    private RetryAfter() {
    }

    /** Milliseconds to wait, or -1 when there is no (readable) header. */
    static long millis(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        String h = header.strip();
        try {
            return Math.max(0, (long) (Double.parseDouble(h) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Math.max(0, Duration.between(Instant.now(), at).toMillis());
            } catch (DateTimeParseException notADate) {
                return -1;
            }
        }
    }
}
