package dev.aadsts.slack.handler;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.command.Reply;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.core.stats.StatsCommand;
import dev.aadsts.slack.Shares;
import dev.aadsts.slack.SlackReplies;
import dev.aadsts.slack.SlackWork;

/** {@code /aadsts …}: answered in the acknowledgement itself, only to the person who typed it. */
public final class SlashCommandHandler implements com.slack.api.bolt.handler.builtin.SlashCommandHandler {
    private final BotCore core;
    private final Stats stats;
    private final SlackReplies replies;
    private final SlackWork work;
    private final Shares shares;

    public SlashCommandHandler(BotCore core, Stats stats, SlackReplies replies, SlackWork work, Shares shares) {
        this.core = core;
        this.stats = stats;
        this.replies = replies;
        this.work = work;
        this.shares = shares;
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) {
        // The answer costs microseconds, so it goes back in the acknowledgement itself.
        String text = req.getPayload().getText() == null ? "" : req.getPayload().getText();
        if (StatsCommand.matches(text)) {
            return ctx.ackWithJson(replies.slashAnswer(Reply.nothing(stats.report().text()), null));
        }
        Reply reply = core.router().handle(text);
        String team = req.getPayload().getTeamId();
        // Recording is a database write; the acknowledgement does not wait for it.
        work.submit(() -> stats.seen(reply, "slack", team));
        String shareId = reply.kind() == Reply.Kind.CARDS ? shares.remember(text) : null;
        return ctx.ackWithJson(replies.slashAnswer(reply, shareId));
    }
}
