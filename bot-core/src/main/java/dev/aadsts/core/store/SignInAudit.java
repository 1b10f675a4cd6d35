package dev.aadsts.core.store;

import java.time.Instant;
import java.util.List;

/**
 * Every sign-in lookup: who asked, when, for which id, and whether Graph had the record. Sign-in records are
 * personal data, so the trail holds only these four facts, never anything from the record itself.
 */
public interface SignInAudit {

    /** One lookup. {@code who} names the asker as the platform knows them, e.g. "slack:U0123" or "cli:alice". */
    record Entry(String who, Instant at, String lookedUpId, boolean found) {
        public Entry {
            if (who == null || who.isBlank() || at == null || lookedUpId == null || lookedUpId.isBlank()) {
                throw new IllegalArgumentException("an audit entry needs who, when and the id looked up");
            }
        }
    }

    void record(Entry entry);

    /** The latest {@code limit} entries, newest first. */
    List<Entry> latest(int limit);
}
