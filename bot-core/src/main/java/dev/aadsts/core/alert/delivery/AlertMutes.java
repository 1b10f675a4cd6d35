package dev.aadsts.core.alert.delivery;

import dev.aadsts.core.store.Silences;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The "Mute this code" buttons on alert cards, for every platform. */
public final class AlertMutes {
    private final Silences silences;
    private final Clock clock;

    public AlertMutes(Silences silences, Clock clock) {
        this.silences = silences;
        this.clock = clock;
    }

    /**
     * Mutes {@code code} for {@code target}: alerts keep being counted and stored, but no card is posted
     * or updated until the silence ends.
     *
     * @return when the silence ends
     * @throws IllegalArgumentException for hours the cards do not offer (a forged button)
     */
    public Instant mute(String target, String code, int hours, String by) {
        if (!AlertCards.MUTE_HOURS.contains(hours) || code == null || !code.matches("[0-9]{2,8}")) {
            throw new IllegalArgumentException("not a mute the cards offer");
        }
        Instant until = clock.instant().plus(Duration.ofHours(hours));
        silences.mute(target, code, until, by == null ? "unknown" : by);
        return until;
    }
}
