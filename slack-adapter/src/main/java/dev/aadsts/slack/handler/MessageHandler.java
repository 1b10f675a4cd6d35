package dev.aadsts.slack.handler;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.MessageEvent;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.command.Reply;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.slack.MessageText;
import dev.aadsts.slack.SlackReplies;
import dev.aadsts.slack.SlackWork;
import dev.aadsts.slack.delivery.QueueFull;
import dev.aadsts.slack.delivery.ReplyQueue;
import dev.aadsts.slack.install.Workspace;

/**
 * A message in a channel or DM the bot is in: cards in its thread when it carries codes, else silence. Nearly all
 * messages carry no code; that is decided here, on the request thread, and they never reach a queue. A message
 * with a code takes a place in the reply queue before it is acknowledged, or is refused so Slack retries it.
 */
public final class MessageHandler implements BoltEventHandler<MessageEvent> {
    private final BotCore core;
    private final Stats stats;
    private final SlackReplies replies;
    private final ReplyQueue queue;
    private final SlackWork work;
    private final EventIds events;
    private final MessageText messageText = new MessageText();

    public MessageHandler(BotCore core, Stats stats, SlackReplies replies, ReplyQueue queue,
            SlackWork work, EventIds events) {
        this.core = core;
        this.stats = stats;
        this.replies = replies;
        this.queue = queue;
        this.work = work;
        this.events = events;
    }

    @Override
    public Response apply(EventsApiPayload<MessageEvent> payload, EventContext ctx) {
        MessageEvent event = payload.getEvent();
        String botUserId = ctx.getBotUserId();
        if (event.getBotId() != null || event.getSubtype() != null || event.getUser() == null
                || event.getUser().equals(botUserId)) {
            return ctx.ack(); // Other bots, our own posts and edited/deleted/join messages never get an answer.
        }
        String text = messageText.of(event);
        if (botUserId != null && text.contains("<@" + botUserId)) {
            return ctx.ack(); // The app_mention event for the same message answers it.
        }
        Reply pasted = core.router().paste(text);
        if (pasted.isEmpty()) {
            return ctx.ack();
        }
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
            // Counting the codes seen waits for no one: off the request thread, skipped when the workers are swamped.
            work.offer(() -> stats.seen(pasted, "slack", team));
            // Channels get compact cards; a direct message is a conversation with the bot and gets them in full.
            Reply reply = "im".equals(event.getChannelType()) ? pasted.full() : pasted;
            String thread = event.getThreadTs() != null ? event.getThreadTs() : event.getTs();
            replies.inThread(slot, EventIds.key(eventId, event.getChannel(), event.getTs()), workspace, event.getChannel(),
                    thread, reply);
            return ctx.ack();
        } finally {
            slot.release();
        }
    }
}
