package dev.aadsts.core.alert.routing;

import java.time.Duration;

/**
 * Alertmanager's three clocks: wait {@code groupWait} before a new group's first card (so a burst arrives
 * as one card), update a card no more often than {@code groupInterval}, and post a fresh card instead of
 * updating once the old one is {@code repeatInterval} old (it has scrolled out of sight by then).
 */
public record AlertTimings(Duration groupWait, Duration groupInterval, Duration repeatInterval) {
    public static final AlertTimings DEFAULT = new AlertTimings(Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofHours(4));

    public AlertTimings {
        if (groupWait.isNegative() || groupInterval.isNegative() || groupInterval.isZero()
                || repeatInterval.compareTo(groupInterval) < 0) {
            throw new IllegalArgumentException("group_wait must be ≥ 0, group_interval > 0 and repeat_interval ≥ "
                    + "group_interval");
        }
    }
}
