package dev.aadsts.slack.handler;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.slack.HomeTab;
import dev.aadsts.slack.SlackReplies;
import dev.aadsts.slack.SlackWork;

/** Someone opened the app's Home tab: publish it fresh, with this week's top codes of their workspace. */
public final class AppHomeOpenedHandler implements BoltEventHandler<AppHomeOpenedEvent> {
    private final Stats stats;
    private final SlackReplies replies;
    private final SlackWork work;
    private final HomeTab home;

    public AppHomeOpenedHandler(Stats stats, SlackReplies replies, SlackWork work, HomeTab home) {
        this.stats = stats;
        this.replies = replies;
        this.work = work;
        this.home = home;
    }

    @Override
    public Response apply(EventsApiPayload<AppHomeOpenedEvent> payload, EventContext ctx) {
        AppHomeOpenedEvent event = payload.getEvent();
        String team = payload.getTeamId();
        // The Messages tab sends the same event; only the Home tab has something to draw.
        if ("home".equals(event.getTab()) && SlackReplies.isUserId(event.getUser())) {
            work.submit(() -> replies.publishHome(event.getUser(),
                    home.view(stats.topThisWeek(team, 5), null, null)));
        }
        return ctx.ack();
    }
}
