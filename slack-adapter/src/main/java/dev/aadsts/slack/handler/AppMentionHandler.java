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
import java.util.regex.Pattern;

/** "@aadsts-bot …" in a channel: a command, cards for the codes in it, or help; answered in the thread. */
public final class AppMentionHandler implements BoltEventHandler<AppMentionEvent> {
    private static final Pattern MENTION = Pattern.compile("<@[UW][A-Z0-9]+(?:\\|[^>]*)?>");

    private final BotCore core;
    private final Stats stats;
    private final SlackReplies replies;
    private final SlackWork work;
    private final EventIds events;

    public AppMentionHandler(BotCore core, Stats stats, SlackReplies replies, SlackWork work, EventIds events) {
        this.core = core;
        this.stats = stats;
        this.replies = replies;
        this.work = work;
        this.events = events;
    }

    @Override
    public Response apply(EventsApiPayload<AppMentionEvent> payload, EventContext ctx) {
        String eventId = payload.getEventId();
        String team = payload.getTeamId();
        AppMentionEvent event = payload.getEvent();
        work.submit(() -> onMention(eventId, team, event));
        return ctx.ack();
    }

    void onMention(String eventId, String team, AppMentionEvent event) {
        if (!events.firstSighting(eventId) || event.getBotId() != null) {
            return;
        }
        String text = MENTION.matcher(event.getText() == null ? "" : event.getText()).replaceAll(" ").strip();
        Reply reply = StatsCommand.matches(text) ? Reply.nothing(stats.report().text()) : core.router().mention(text);
        stats.seen(reply, "slack", team);
        String thread = event.getThreadTs() != null ? event.getThreadTs() : event.getTs();
        replies.inThread(event.getChannel(), thread, reply);
    }
}
