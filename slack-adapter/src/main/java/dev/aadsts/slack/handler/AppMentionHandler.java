package dev.aadsts.slack.handler;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppMentionEvent;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.command.Reply;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.core.stats.StatsCommand;
import dev.aadsts.slack.SlackReplies;
import dev.aadsts.slack.SlackWork;
import dev.aadsts.slack.delivery.QueueFull;
import dev.aadsts.slack.delivery.ReplyQueue;
import dev.aadsts.slack.install.Workspace;
import java.util.regex.Pattern;

/**
 * "@aadsts-bot …" in a channel: a command, cards for the codes in it, or help; answered in the thread through the
 * reply queue, like pasted codes (a place is taken before the event is acknowledged).
 */
public final class AppMentionHandler implements BoltEventHandler<AppMentionEvent> {
    private static final Pattern MENTION = Pattern.compile("<@[UW][A-Z0-9]+(?:\\|[^>]*)?>");

    private final BotCore core;
    private final Stats stats;
    private final SlackReplies replies;
    private final ReplyQueue queue;
    private final SlackWork work;
    private final EventIds events;

    public AppMentionHandler(BotCore core, Stats stats, SlackReplies replies, ReplyQueue queue,
            SlackWork work, EventIds events) {
        this.core = core;
        this.stats = stats;
        this.replies = replies;
        this.queue = queue;
        this.work = work;
        this.events = events;
    }

    @Override
    public Response apply(EventsApiPayload<AppMentionEvent> payload, EventContext ctx) {
        AppMentionEvent event = payload.getEvent();
        if (event.getBotId() != null) {
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
            String text = MENTION.matcher(event.getText() == null ? "" : event.getText()).replaceAll(" ").strip();
            Reply reply = StatsCommand.matches(text) ? Reply.nothing(stats.report().text())
                    : core.router().mention(text);
            work.offer(() -> stats.seen(reply, "slack", team));
            String thread = event.getThreadTs() != null ? event.getThreadTs() : event.getTs();
            replies.inThread(slot, EventIds.key(eventId, event.getChannel(), event.getTs()), workspace, event.getChannel(),
                    thread, reply);
            return ctx.ack();
        } finally {
            slot.release();
        }
    }
}
