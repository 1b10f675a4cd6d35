package dev.aadsts.slack.handler;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.LinkSharedEvent;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.command.Reply;
import dev.aadsts.core.link.ErrorLinks;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.slack.SlackReplies;
import dev.aadsts.slack.SlackWork;
import java.util.LinkedHashMap;
import java.util.Map;

/** A link to Microsoft's error lookup or a Learn error page: a preview card under it ({@code chat.unfurl}). */
public final class LinkSharedHandler implements BoltEventHandler<LinkSharedEvent> {
    /** Slack sends at most a handful of links per event; more than this is not a real message. */
    private static final int MAX_LINKS = 5;

    private final BotCore core;
    private final Stats stats;
    private final SlackReplies replies;
    private final SlackWork work;
    private final EventIds events;

    public LinkSharedHandler(BotCore core, Stats stats, SlackReplies replies, SlackWork work, EventIds events) {
        this.core = core;
        this.stats = stats;
        this.replies = replies;
        this.work = work;
        this.events = events;
    }

    @Override
    public Response apply(EventsApiPayload<LinkSharedEvent> payload, EventContext ctx) {
        String eventId = payload.getEventId();
        String team = payload.getTeamId();
        LinkSharedEvent event = payload.getEvent();
        work.submit(() -> onLinks(eventId, team, event));
        return ctx.ack();
    }

    void onLinks(String eventId, String team, LinkSharedEvent event) {
        if (!events.firstSighting(eventId) || event.getLinks() == null) {
            return;
        }
        Map<String, Reply> previews = new LinkedHashMap<>();
        for (LinkSharedEvent.Link link : event.getLinks()) {
            if (previews.size() == MAX_LINKS) {
                break;
            }
            ErrorLinks.codeOf(link.getUrl()).ifPresent(code -> {
                Reply reply = core.router().handle(code);
                if (reply.kind() == Reply.Kind.CARDS) {
                    previews.put(link.getUrl(), reply);
                    stats.seen(reply, "slack", team);
                }
            });
        }
        if (!previews.isEmpty()) {
            replies.unfurl(event.getChannel(), event.getMessageTs(), event.getUnfurlId(), event.getSource(), previews);
        }
    }
}
