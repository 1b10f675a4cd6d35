package dev.aadsts.slack.handler;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.aadsts.slack.SlackSignIns;
import dev.aadsts.slack.SlackWork;

/** "Share redacted" under a private sign-in answer: the masked version goes into the card's thread. */
public final class SignInShareHandler implements BlockActionHandler {
    private final SlackSignIns signIns;
    private final SlackWork work;

    public SignInShareHandler(SlackSignIns signIns, SlackWork work) {
        this.signIns = signIns;
        this.work = work;
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        ButtonClick click = ButtonClick.of(req.getPayload());
        work.submit(() -> signIns.share(click.user(), click.value(), click.responseUrl()));
        return ctx.ack();
    }
}
