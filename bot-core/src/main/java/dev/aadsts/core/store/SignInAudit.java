package dev.aadsts.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Every sign-in lookup: who asked, when, for which id, and how it ended (found, not there, refused to the
 * asker, Graph refused or failed). Sign-in records are personal data, so the trail holds only these facts,
 * never anything from the record itself.
 */
public interface SignInAudit {

    /** How one lookup ended; {@link #id()} is what the store and the metrics write. */
    enum Outcome {
        FOUND,
        NOT_FOUND,
        /** The asker is not on the allow-list: nothing was fetched. */
        DENIED,
        /** Graph refused (permission) or could not be reached. */
        ERROR,
        /** Graph refused because the tenant has no Entra ID P1/P2. */
        LICENSING;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Outcome fromId(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    /** One lookup. {@code who} names the asker as the platform knows them, e.g. "slack:U0123" or "cli:alice". */
    record Entry(String who, Instant at, String lookedUpId, Outcome outcome) {
        public Entry {
            if (who == null || who.isBlank() || at == null || lookedUpId == null || lookedUpId.isBlank()
                    || outcome == null) {
                throw new IllegalArgumentException("an audit entry needs who, when, the id looked up and the outcome");
            }
        }

        /** A lookup that reached Graph: found or not. */
        public Entry(String who, Instant at, String lookedUpId, boolean found) {
            this(who, at, lookedUpId, found ? Outcome.FOUND : Outcome.NOT_FOUND);
        }

        public boolean found() {
            return outcome == Outcome.FOUND;
        }
    }

    void record(Entry entry);

    /** The latest {@code limit} entries, newest first. */
    List<Entry> latest(int limit);
}
