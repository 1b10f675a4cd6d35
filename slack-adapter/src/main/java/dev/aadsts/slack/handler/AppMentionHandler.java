package dev.aadsts.slack.handler;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppMentionEvent;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.command.Reply;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.core.store.EventReplies;
import dev.aadsts.core.stats.StatsCommand;
import dev.aadsts.slack.SlackReplies;
import dev.aadsts.slack.SlackWork;
import dev.aadsts.slack.delivery.ReplyQueue;
import java.util.regex.Pattern;

/**
 * "@aadsts-bot …" in a channel: a command, cards for the codes in it, or help; answered in the thread through the
 * reply queue, like pasted codes (a place is taken before the event is acknowledged).
 */
public final class AppMentionHandler implements BoltEventHandler<AppMentionEvent> {
    private static final Pattern MENTION = Pattern.compile("<@[UW][A-Z0-9]+(?:\\|[^>]*)?>");

    private final BotCore core;
    private final Stats stats;
    private final ThreadReply answer;

    public AppMentionHandler(BotCore core, Stats stats, SlackReplies replies, ReplyQueue queue,
            SlackWork work, EventReplies intake) {
        this.core = core;
        this.stats = stats;
        this.answer = new ThreadReply(stats, replies, queue, work, intake);
    }

    @Override
    public Response apply(EventsApiPayload<AppMentionEvent> payload, EventContext ctx) {
        AppMentionEvent event = payload.getEvent();
        if (event.getBotId() != null) {
            return ctx.ack();
        }
        return answer.answer(payload, ctx, event.getChannel(), event.getTs(), event.getThreadTs(), () -> {
            String text = MENTION.matcher(event.getText() == null ? "" : event.getText()).replaceAll(" ").strip();
            return StatsCommand.matches(text) ? Reply.nothing(stats.report().text()) : core.router().mention(text);
        });
    }
}
