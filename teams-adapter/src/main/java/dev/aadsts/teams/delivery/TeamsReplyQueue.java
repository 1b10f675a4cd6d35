package dev.aadsts.teams.delivery;

import dev.aadsts.core.reply.ReplyDelivery;
import dev.aadsts.core.reply.SendOutcome;
import dev.aadsts.core.store.PendingReplies;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Teams replies through bot-core's {@link ReplyDelivery}: bounded (503 when full), recorded in the store before
 * the activity is acknowledged, posted concurrently and paced per conversation. What is Teams' own is the
 * sender ({@link ConnectorReplySender}: the Bot Connector's REST API with the bot's token) and the {@code teams}
 * rows in the store.
 */
public final class TeamsReplyQueue implements AutoCloseable {
    static final String PLATFORM = "teams";

    private final ReplyDelivery delivery;
    private final ConnectorReplySender sender;

    /**
     * @param tokens             the bot's outbound token from the SDK's credentials; null when it sends none
     * @param forgetConversation drops the stored reference of a conversation that refused the bot for good
     * @param faults             what a failure without an HTTP answer means (the bot's own token, the network)
     */
    public TeamsReplyQueue(PendingReplies store, TeamsReplyLimits limits, Supplier<CompletableFuture<String>> tokens,
            Consumer<String> forgetConversation, Function<Throwable, SendOutcome> faults, Clock clock) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService http = Executors.newFixedThreadPool(2, r -> daemon(r, "teams-replies-http-" + n.incrementAndGet()));
        ExecutorService tokenFetch = Executors.newSingleThreadExecutor(r -> daemon(r, "teams-replies-token"));
        this.sender = new ConnectorReplySender(http, tokenFetch, tokens, forgetConversation, faults);
        this.delivery = new ReplyDelivery(PLATFORM, "Teams", store, sender, limits.replyLimits(), clock);
    }

    /** Claims owed replies now (those a stopped process left) and then every sweep interval. */
    public void start() {
        delivery.start();
    }

    /**
     * Places for the {@code count} activities of one reply, all or none: null (counted and logged) when the
     * queue cannot take them all.
     */
    public List<ReplyDelivery.Slot> reserve(int count) {
        List<ReplyDelivery.Slot> slots = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ReplyDelivery.Slot slot = delivery.reserve();
            if (slot == null) {
                slots.forEach(ReplyDelivery.Slot::release);
                return null;
            }
            slots.add(slot);
        }
        return slots;
    }

    /**
     * Adds the queue's own counters, under {@code replyQueue.}, and adds them into the Teams-wide {@code replies.*}
     * sums, which count both ways out: this queue and the SDK's calls (proactive posts, buttons, sign-ins).
     */
    public void addCounters(Map<String, Long> m) {
        Map<String, Long> queue = new LinkedHashMap<>();
        delivery.counters().forEach((k, v) -> queue.put(k.replace("replies.", "replyQueue."), v));
        queue.put("replyQueue.conversationsForgotten", sender.conversationsForgotten());
        m.merge("replies.sent", queue.get("replyQueue.delivered"), Long::sum);
        m.merge("replies.retried", queue.get("replyQueue.retried") + queue.get("replyQueue.rateLimited"), Long::sum);
        m.merge("replies.failed", queue.get("replyQueue.refused") + queue.get("replyQueue.postponed"), Long::sum);
        m.merge("replies.conversationsForgotten", queue.get("replyQueue.conversationsForgotten"), Long::sum);
        m.putAll(queue);
    }

    /** Whatever was not delivered stays in the store for the next start (or another replica). */
    @Override
    public void close() {
        delivery.close();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
