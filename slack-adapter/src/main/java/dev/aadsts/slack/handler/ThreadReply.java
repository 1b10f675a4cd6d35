package dev.aadsts.slack.handler;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import dev.aadsts.core.command.Reply;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.slack.SlackReplies;
import dev.aadsts.slack.SlackWork;
import dev.aadsts.slack.delivery.QueueFull;
import dev.aadsts.slack.delivery.ReplyQueue;
import dev.aadsts.slack.install.Workspace;
import java.util.function.Supplier;

/**
 * How an event that gets an answer in its thread is taken on, for pasted codes and mentions alike. A place in the
 * reply queue comes first, so a full queue refuses the event (Slack sends it again) before its id is recorded as
 * seen; then dedupe, then the reply, recorded in the store before the acknowledgement goes out.
 */
final class ThreadReply {
    private final Stats stats;
    private final SlackReplies replies;
    private final ReplyQueue queue;
    private final SlackWork work;
    private final EventIds events;

    ThreadReply(Stats stats, SlackReplies replies, ReplyQueue queue, SlackWork work, EventIds events) {
        this.stats = stats;
        this.replies = replies;
        this.queue = queue;
        this.work = work;
        this.events = events;
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
            if (!events.firstSighting(eventId)) {
                return ctx.ack();
            }
            String team = payload.getTeamId();
            // The reply is sent for the workspace Bolt authorized (an org-wide install names the organization too).
            Workspace here = Workspace.current();
            String workspace = here == null ? team : here.key();
            Reply answer = reply.get();
            // Counting the codes seen waits for no one: off the request thread, skipped when the workers are swamped.
            work.offer(() -> stats.seen(answer, "slack", team));
            replies.inThread(slot, EventIds.key(eventId, channel, ts), workspace, channel,
                    threadTs != null ? threadTs : ts, answer);
            return ctx.ack();
        } finally {
            slot.release();
        }
    }
}
