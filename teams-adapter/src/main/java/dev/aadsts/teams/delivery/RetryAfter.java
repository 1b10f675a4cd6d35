package dev.aadsts.teams.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The Bot Connector's Retry-After header, which may be seconds or an HTTP date. */
public final class RetryAfter {
    /** A longer wait than this is read as this: one odd header must not park a conversation for good. */
    static final long MAX_MILLIS = Duration.ofMinutes(10).toMillis();

    private RetryAfter() {
    }

    /** Milliseconds to wait (at most {@link #MAX_MILLIS}), or -1 when there is no (readable) header. */
    public static long millis(String header) {
        long millis = read(header);
        return millis < 0 ? -1 : Math.min(millis, MAX_MILLIS);
    }

    private static long read(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        String h = header.strip();
        try {
            double seconds = Double.parseDouble(h);
            return Double.isNaN(seconds) ? -1 : Math.max(0, (long) (seconds * 1000));
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
