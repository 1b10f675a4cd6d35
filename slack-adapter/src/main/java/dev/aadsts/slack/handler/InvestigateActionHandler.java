package dev.aadsts.slack.handler;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.aadsts.slack.SlackSignIns;
import dev.aadsts.slack.SlackWork;

/**
 * "Investigate this sign-in" on a card: the button carries the paste's correlation or request id. The
 * answer goes privately to whoever clicked; the thread the card is in is remembered for a later share.
 */
public final class InvestigateActionHandler implements BlockActionHandler {
    private final SlackSignIns signIns;
    private final SlackWork work;

    public InvestigateActionHandler(SlackSignIns signIns, SlackWork work) {
        this.signIns = signIns;
        this.work = work;
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        ButtonClick click = ButtonClick.of(req.getPayload());
        String thread = thread(req.getPayload());
        work.submit(() -> signIns.investigate(click.user(), click.value(), click.channel(), thread,
                click.responseUrl()));
        return ctx.ack();
    }

    /** The thread a reply joins: the card's own thread, else the card itself; none for an ephemeral card. */
    static String thread(BlockActionPayload p) {
        BlockActionPayload.Container c = p.getContainer();
        if (c == null || c.isEphemeral()) {
            return null;
        }
        return c.getThreadTs() != null ? c.getThreadTs() : c.getMessageTs();
    }
}
