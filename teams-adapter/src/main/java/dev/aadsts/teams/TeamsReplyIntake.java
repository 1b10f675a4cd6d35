package dev.aadsts.teams;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Serialization;
import dev.aadsts.core.command.Reply;
import dev.aadsts.core.reply.ReplyDelivery;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.core.store.SeenEvents;
import dev.aadsts.teams.delivery.OwedActivity;
import dev.aadsts.teams.delivery.TeamsReplyQueue;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Takes on a plain message's reply on the request thread, the way Slack's thread replies are: places in the reply
 * queue first (a full queue answers 503 before the activity is recorded as seen, so the Bot Connector's retry is
 * answered), then dedupe, then each card message recorded in the store before the 200 goes out. The queue posts
 * them; nothing here waits for the connector.
 */
final class TeamsReplyIntake {
    private final AadstsTeamsHandler handler;
    private final TeamsReplyQueue queue;
    private final SeenEvents seen;
    private final ConversationRecorder recorder;
    private final Stats stats;
    private final Executor workers;

    TeamsReplyIntake(AadstsTeamsHandler handler, TeamsReplyQueue queue, SeenEvents seen, ConversationRecorder recorder,
            Stats stats, Executor workers) {
        this.handler = handler;
        this.queue = queue;
        this.seen = seen;
        this.recorder = recorder;
        this.stats = stats;
        this.workers = workers;
    }

    /** The answer to the Bot Connector, or null when the activity is not a plain message's reply (a worker's, then). */
    TeamsHttpResponse take(Activity a) {
        if (a.getServiceUrl() == null || a.getConversation() == null || a.getConversation().getId() == null) {
            return null; // nowhere to store a reply to; the worker's turn deals with it as before
        }
        Reply reply = handler.plainReply(a);
        if (reply == null) {
            return null;
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
            if (a.getId() != null && !seen.firstSighting(AadstsTeamsHandler.activityKey(a),
                    AadstsTeamsHandler.DEDUPE_WINDOW)) {
                return TeamsHttpResponse.empty(200);
            }
            String tenant = AadstsTeamsHandler.tenant(a);
            bookkeeping(() -> {
                recorder.record(a);
                stats.seen(reply, "teams", tenant);
            });
            String key = a.getId() != null ? AadstsTeamsHandler.activityKey(a)
                    : "teams:" + conversation + ":" + UUID.randomUUID();
            // Paced per conversation: a channel's reply chains share the channel's limit.
            String lane = ConnectorRetry.baseConversationId(conversation);
            for (int i = 0; i < messages.size(); i++) {
                slots.get(i).deliver(key + ":" + i, tenant, lane, owed(a, messages.get(i)).toJson());
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
