package dev.aadsts.teams;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Serialization;
import dev.aadsts.core.command.Reply;
import dev.aadsts.core.reply.ReplyDelivery;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.core.store.EventReplies;
import dev.aadsts.core.store.EventReplies.EventReply;
import dev.aadsts.core.store.PendingReply;
import dev.aadsts.teams.delivery.OwedActivity;
import dev.aadsts.teams.delivery.TeamsReplyQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Takes on a plain message's reply on the request thread, the way Slack's thread replies are: places in the reply
 * queue first (a full queue answers 503 before anything is recorded, so the Bot Connector's retry is answered), then
 * the activity's id as seen and every card message as owed, in one transaction shared with concurrent requests,
 * before the 200 goes out. A crash before that commit leaves the activity unseen, and its redelivery is answered in
 * full; after it, every card message is in the store and a redelivery is answered with nothing. The queue posts
 * them; nothing here waits for the connector.
 */
final class TeamsReplyIntake {
    private final AadstsTeamsHandler handler;
    private final TeamsReplyQueue queue;
    private final EventReplies events;
    private final ConversationRecorder recorder;
    private final Stats stats;
    private final Executor workers;

    TeamsReplyIntake(AadstsTeamsHandler handler, TeamsReplyQueue queue, EventReplies events,
            ConversationRecorder recorder, Stats stats, Executor workers) {
        this.handler = handler;
        this.queue = queue;
        this.events = events;
        this.recorder = recorder;
        this.stats = stats;
        this.workers = workers;
    }

    /**
     * The answer to the Bot Connector once {@code reply} (the request thread's decision, see {@link PlainMessages})
     * is taken on, or null when it cannot be taken on here (a worker's turn, then).
     */
    TeamsHttpResponse take(Activity a, Reply reply) {
        if (a.getServiceUrl() == null || a.getConversation() == null || a.getConversation().getId() == null) {
            return null; // nowhere to store a reply to; the worker's turn deals with it as before
        }
        List<ReplyCards.CardMessage> messages = handler.render(reply);
        if (messages.isEmpty()) {
            return null;
        }
        List<ReplyDelivery.Slot> slots = queue.reserve(messages.size());
        if (slots == null) {
            return TeamsHttpResponse.problem(503, "busy; retry shortly");
        }
        try {
            String conversation = a.getConversation().getId();
            String tenant = AadstsTeamsHandler.tenant(a);
            String seenKey = a.getId() != null ? AadstsTeamsHandler.activityKey(a) : null;
            String key = seenKey != null ? seenKey : "teams:" + conversation + ":" + UUID.randomUUID();
            // Paced per conversation: a channel's reply chains share the channel's limit.
            String lane = ConnectorRetry.baseConversationId(conversation);
            // Rendered before the commit, which only writes them: a redelivery's are thrown away, a rare waste.
            List<PendingReply> cards = new ArrayList<>(messages.size());
            for (int i = 0; i < messages.size(); i++) {
                cards.add(slots.get(i).reply(key + ":" + i, tenant, lane, owed(a, messages.get(i)).toJson()));
            }
            EventReplies.Taken taken = events.take(EventReply.withoutCodes(seenKey, AadstsTeamsHandler.DEDUPE_WINDOW,
                    cards));
            if (!taken.firstSighting()) {
                return TeamsHttpResponse.empty(200);
            }
            bookkeeping(() -> {
                recorder.record(a);
                stats.seen(reply, "teams", tenant);
            });
            List<PendingReply> owed = taken.owed();
            for (int i = 0; i < owed.size(); i++) {
                slots.get(i).deliverRecorded(owed.get(i));
            }
            return TeamsHttpResponse.empty(200);
        } finally {
            slots.forEach(ReplyDelivery.Slot::release);
        }
    }

    /** The reply addressed as the SDK's turn would address it: from the bot, to the sender, in reply to the message. */
    private static OwedActivity owed(Activity incoming, ReplyCards.CardMessage message) {
        Activity reply = message.activity();
        reply.applyConversationReference(incoming.getConversationReference(), false);
        return new OwedActivity(reply.getServiceUrl(), reply.getConversation().getId(), reply.getReplyToId(),
                Serialization.objectToTree(reply));
    }

    /** The conversation's reference and the codes seen are written off the request thread, unless the workers are swamped. */
    private void bookkeeping(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException busy) {
            task.run();
        }
    }
}
