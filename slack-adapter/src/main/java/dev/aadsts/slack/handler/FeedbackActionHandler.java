package dev.aadsts.slack.handler;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.slack.FeedbackButtons;
import dev.aadsts.slack.SlackReplies;
import dev.aadsts.slack.SlackWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** "Helpful" / "Not helpful": one vote per person and code, stored under a hash of the user id. */
public final class FeedbackActionHandler implements BlockActionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackActionHandler.class);

    private final Stats stats;
    private final SlackReplies replies;
    private final SlackWork work;

    public FeedbackActionHandler(Stats stats, SlackReplies replies, SlackWork work) {
        this.stats = stats;
        this.replies = replies;
        this.work = work;
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        ButtonClick click = ButtonClick.of(req.getPayload());
        work.submit(() -> onVote(click));
        return ctx.ack();
    }

    private void onVote(ButtonClick click) {
        FeedbackButtons.Click vote = FeedbackButtons.parse(click.value()).orElse(null);
        if (vote == null || click.user() == null) {
            replies.ephemeral(click.responseUrl(), "That button is not valid.");
            return;
        }
        boolean first;
        try {
            first = stats.vote(vote.code(), "slack", click.user(), vote.vote());
        } catch (RuntimeException e) {
            LOG.warn("could not record feedback on AADSTS{}: {}", vote.code(), e.getMessage());
            replies.ephemeral(click.responseUrl(), "Sorry, your feedback could not be saved; try again later.");
            return;
        }
        replies.ephemeral(click.responseUrl(), (first ? "Thanks for the feedback on AADSTS" : "Your vote on AADSTS")
                + vote.code() + (first ? "." : " is updated: one vote per person and code."));
    }
}
