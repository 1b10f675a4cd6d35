package dev.aadsts.core.stats;

import java.util.Locale;
import java.util.Optional;

/** A "Helpful" / "Not helpful" click on an explain card. */
public enum Vote {
    HELPFUL,
    NOT_HELPFUL;

    /** How a vote travels in a button's value and is stored: "helpful", "not_helpful". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Vote> fromId(String id) {
        for (Vote v : values()) {
            if (v.id().equals(id)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
