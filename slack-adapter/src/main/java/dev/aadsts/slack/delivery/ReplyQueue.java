package dev.aadsts.slack.delivery;

import dev.aadsts.core.reply.ReplyDelivery;
import dev.aadsts.core.store.PendingReplies;
import dev.aadsts.core.store.PendingReply;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

/**
 * Slack's thread replies through bot-core's {@link ReplyDelivery}: bounded, durable, concurrent and paced per
 * channel (Slack allows about one message a second per channel). What is Slack's own is the sender
 * ({@link SlackReplySender}: {@code chat.postMessage} with the workspace's token, Slack's {@code ok} and error
 * codes) and the {@code slack} rows in the store.
 */
public final class ReplyQueue implements AutoCloseable {
    static final String PLATFORM = "slack";

    private final ReplyDelivery delivery;

    /**
     * @param tokens the bot token for the workspace a stored reply names (its key: a team id, or an Enterprise
     *               Grid organization with or without one; null in single-workspace mode)
     */
    public ReplyQueue(PendingReplies store, String apiUrl, Function<String, String> tokens, DeliveryLimits limits,
            Clock clock) {
        this.delivery = new ReplyDelivery(PLATFORM, "Slack", store, new SlackReplySender(apiUrl, tokens),
                limits.replyLimits(), clock);
    }

    /** Claims owed replies now (those a stopped process left) and then every {@link DeliveryLimits#sweepEvery()}. */
    public void start() {
        delivery.start();
    }

    /** A place for one reply, or null (counted and logged) when the queue is full. */
    public Slot reserve() {
        ReplyDelivery.Slot slot = delivery.reserve();
        return slot == null ? null : new Slot(slot);
    }

    /** A reserved place: either {@link #deliver} or {@link #release}; releasing after delivering does nothing. */
    public static final class Slot {
        private final ReplyDelivery.Slot slot;

        private Slot(ReplyDelivery.Slot slot) {
            this.slot = slot;
        }

        /**
         * Records the reply in the store (durable when this returns) and queues it. An event key already recorded
         * (a redelivery racing the first) is not queued twice.
         *
         * @param form the {@code chat.postMessage} form, see {@link ReplyForms}
         */
        public void deliver(String key, String workspace, String channel, String form) {
            slot.deliver(key, workspace, channel, form);
        }

        /** The reply as {@link #deliver} records it, for a caller that records it together with other writes. */
        public PendingReply reply(String key, String workspace, String channel, String form) {
            return slot.reply(key, workspace, channel, form);
        }

        /** Queues a reply the caller has already recorded in the store (see {@link #reply}). */
        public void deliverRecorded(PendingReply reply) {
            slot.deliverRecorded(reply);
        }

        public void release() {
            slot.release();
        }
    }

    /** For /healthz and the metrics: replies queued or in flight, and what became of the others. */
    public Map<String, Long> counters() {
        return delivery.counters();
    }

    /**
     * Stops taking and starting replies and waits a little for calls in flight. Whatever was not delivered stays
     * in the store for the next start (or another replica).
     */
    @Override
    public void close() {
        delivery.close();
    }
}
