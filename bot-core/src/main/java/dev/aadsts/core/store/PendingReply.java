package dev.aadsts.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A reply the bot promised (the event was acknowledged) but has not delivered yet.
 *
 * @param key        one per event, e.g. {@code slack:Ev0123}; a second record with the same key is ignored
 * @param platform   {@code slack} (the adapter that knows how to send {@code payload})
 * @param workspace  the Slack team the reply goes to, so a multi-workspace install picks the right token; may be null
 * @param target     the channel, which the sender paces its posts by
 * @param payload    the rendered request, exactly as it will be sent (no credentials in it)
 * @param createdAt  when the event was accepted, for the delivery lag
 * @param leaseUntil until when the instance holding the reply is trusted to deliver it; after that any
 *                   instance (or this one after a restart) may claim and send it
 */
public record PendingReply(String key, String platform, String workspace, String target, String payload,
        Instant createdAt, Instant leaseUntil) {

    public PendingReply {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
    }
}
