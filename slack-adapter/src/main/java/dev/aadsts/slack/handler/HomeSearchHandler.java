package dev.aadsts.slack.handler;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.command.Reply;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.slack.HomeTab;
import dev.aadsts.slack.SlackReplies;
import dev.aadsts.slack.SlackWork;

/** Enter in the Home tab's search box: the results (or the card, for a code) appear in the tab. */
public final class HomeSearchHandler implements BlockActionHandler {
    private static final int MAX_QUERY = 500;

    private final BotCore core;
    private final Stats stats;
    private final SlackReplies replies;
    private final SlackWork work;
    private final HomeTab home;

    public HomeSearchHandler(BotCore core, Stats stats, SlackReplies replies, SlackWork work, HomeTab home) {
        this.core = core;
        this.stats = stats;
        this.replies = replies;
        this.work = work;
        this.home = home;
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        ButtonClick click = ButtonClick.of(req.getPayload());
        work.submit(() -> onSearch(click));
        return ctx.ack();
    }

    private void onSearch(ButtonClick click) {
        if (!SlackReplies.isUserId(click.user())) {
            return;
        }
        String query = click.value() == null ? "" : click.value().strip();
        if (query.length() > MAX_QUERY) {
            query = query.substring(0, MAX_QUERY);
        }
        Reply reply = query.isEmpty() ? Reply.nothing("Type a code or a few words, then press Enter.")
                : core.router().handle(query);
        if (reply.kind() == Reply.Kind.HELP) {
            reply = Reply.nothing("Type a code or a few words, then press Enter.");
        }
        stats.seen(reply, "slack", click.team());
        replies.publishHome(click.user(), home.view(stats.topThisWeek(click.team(), 5), query, reply));
    }
}
