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

/**
 * "Explain AADSTS…" on a card or a search result: the card, only to whoever clicked; in the Home tab the
 * card replaces the results in the tab itself.
 */
public final class ExplainActionHandler implements BlockActionHandler {
    private final BotCore core;
    private final Stats stats;
    private final SlackReplies replies;
    private final SlackWork work;
    private final HomeTab home;

    public ExplainActionHandler(BotCore core, Stats stats, SlackReplies replies, SlackWork work, HomeTab home) {
        this.core = core;
        this.stats = stats;
        this.replies = replies;
        this.work = work;
        this.home = home;
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        ButtonClick click = ButtonClick.of(req.getPayload());
        work.submit(() -> onExplain(click));
        return ctx.ack();
    }

    private void onExplain(ButtonClick click) {
        String code = click.value() == null ? "" : click.value();
        Reply reply = core.router().handle(code);
        stats.seen(reply, "slack", click.team());
        if (click.inView() && SlackReplies.isUserId(click.user())) {
            replies.publishHome(click.user(), home.view(stats.topThisWeek(click.team(), 5), null, reply));
        } else {
            replies.ephemeral(click.responseUrl(), reply);
        }
    }
}
