package dev.aadsts.slack.handler;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import dev.aadsts.core.command.Reply;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.core.store.EventReplies;
import dev.aadsts.core.store.EventReplies.EventReply;
import dev.aadsts.slack.SlackReplies;
import dev.aadsts.slack.SlackWork;
import dev.aadsts.slack.delivery.QueueFull;
import dev.aadsts.slack.delivery.ReplyQueue;
import dev.aadsts.slack.install.Workspace;
import java.util.List;
import java.util.function.Supplier;

/**
 * How an event that gets an answer in its thread is taken on, for pasted codes and mentions alike. A place in the
 * reply queue comes first, so a full queue refuses the event (Slack sends it again) before its id is recorded as
 * seen. Then the event id, the codes answered in the thread and the reply are recorded in one commit, shared with
 * whatever other events arrive meanwhile, before the acknowledgement goes out: an acknowledged event's reply is
 * durable, and a retry (or a failed commit's retry) is decided by what that commit kept.
 */
final class ThreadReply {
    private final Stats stats;
    private final SlackReplies replies;
    private final ReplyQueue queue;
    private final SlackWork work;
    private final EventReplies intake;

    ThreadReply(Stats stats, SlackReplies replies, ReplyQueue queue, SlackWork work, EventReplies intake) {
        this.stats = stats;
        this.replies = replies;
        this.queue = queue;
        this.work = work;
        this.intake = intake;
    }

    /** @throws QueueFull when no reply can be taken on now */
    Response answer(EventsApiPayload<?> payload, EventContext ctx, String channel, String ts, String threadTs,
            Supplier<Reply> reply) {
        ReplyQueue.Slot slot = queue.reserve();
        if (slot == null) {
            throw new QueueFull("Slack reply queue");
        }
        try {
            String eventId = payload.getEventId();
            String team = payload.getTeamId();
            // The reply is sent for the workspace Bolt authorized (an org-wide install names the organization too).
            Workspace here = Workspace.current();
            String workspace = here == null ? team : here.key();
            String thread = threadTs != null ? threadTs : ts;
            Reply answer = replies.withoutAnsweredOmissions(channel, thread, reply.get());
            List<String> codes = SlackReplies.codes(answer);
            String key = EventIds.key(eventId, channel, ts);
            // Rendered here, outside the commit, for the usual case that every card is new to the thread.
            String form = replies.threadForm(channel, thread, answer);
            EventReplies.Taken taken = intake.take(new EventReply(EventIds.seenKey(eventId), EventIds.MEMORY,
                    SlackReplies.thread(channel, thread), codes, SlackReplies.ANSWERS_KEPT, fresh -> {
                        String post = fresh.equals(codes) ? form
                                : replies.threadForm(channel, thread, SlackReplies.onlyCodes(answer, fresh));
                        return post == null ? List.of() : List.of(slot.reply(key, workspace, channel, post));
                    }));
            if (!taken.firstSighting()) {
                return ctx.ack();
            }
            // Counting the codes seen waits for no one: off the request thread, skipped when the workers are swamped.
            work.offer(() -> stats.seen(answer, "slack", team));
            // One reply at most: the whole answer is one message in the thread.
            taken.owed().forEach(slot::deliverRecorded);
            return ctx.ack();
        } finally {
            slot.release();
        }
    }
}
