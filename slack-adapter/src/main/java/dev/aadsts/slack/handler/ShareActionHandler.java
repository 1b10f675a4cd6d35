package dev.aadsts.slack.handler;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.aadsts.core.BotCore;
import dev.aadsts.slack.Shares;
import dev.aadsts.slack.SlackReplies;
import dev.aadsts.slack.SlackWork;

/**
 * "Share in channel" under an ephemeral answer. A share is used once: the claim in the store comes before
 * the post, so a double click or a replayed request gets a polite note instead of a second card.
 */
public final class ShareActionHandler implements BlockActionHandler {
    private final BotCore core;
    private final SlackReplies replies;
    private final SlackWork work;
    private final Shares shares;

    public ShareActionHandler(BotCore core, SlackReplies replies, SlackWork work, Shares shares) {
        this.core = core;
        this.replies = replies;
        this.work = work;
        this.shares = shares;
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        ButtonClick click = ButtonClick.of(req.getPayload());
        work.submit(() -> onShare(click));
        return ctx.ack();
    }

    private void onShare(ButtonClick click) {
        String text = shares.text(click.value()).orElse(null);
        if (text == null || click.channel() == null) {
            replies.ephemeral(click.responseUrl(), "That answer has expired; run /aadsts again to share it.");
            return;
        }
        if (!shares.claim(click.value())) {
            replies.ephemeral(click.responseUrl(), "That answer is already shared in this channel.");
            return;
        }
        if (replies.share(click.channel(), core.router().handle(text), click.user())) {
            replies.deleteOriginal(click.responseUrl());
        }
    }
}
