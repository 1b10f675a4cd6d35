package dev.aadsts.slack.handler;

import dev.aadsts.core.store.SeenEvents;
import java.time.Duration;

/** Slack retries an event with the same event_id; one event gives at most one reply, across replicas. */
public final class EventIds {
    /** Slack retries an event for about an hour at most. */
    static final Duration MEMORY = Duration.ofHours(2);

    private final SeenEvents seen;

    public EventIds(SeenEvents seen) {
        this.seen = seen;
    }

    /** The key an owed reply is kept under: the event id, or the message itself when Slack sent no id. */
    static String key(String eventId, String channel, String ts) {
        return eventId != null ? "slack:" + eventId : "slack:" + channel + ":" + ts;
    }

    /** The key an event id is remembered under as seen; null for an event without an id (never deduplicated). */
    static String seenKey(String eventId) {
        return eventId == null ? null : "slack:" + eventId;
    }

    boolean firstSighting(String eventId) {
        return eventId == null || seen.firstSighting(seenKey(eventId), MEMORY);
    }
}
