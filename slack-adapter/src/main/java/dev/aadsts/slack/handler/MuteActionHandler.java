package dev.aadsts.slack.handler;

import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.aadsts.core.alert.delivery.AlertMutes;
import dev.aadsts.slack.SlackReplies;
import dev.aadsts.slack.SlackWork;
import java.time.Instant;

/** An alert card's "Mute" buttons; only honoured in the channel the card is in. */
public final class MuteActionHandler implements BlockActionHandler {
    private final SlackReplies replies;
    private final SlackWork work;
    private volatile AlertMutes mutes;

    public MuteActionHandler(SlackReplies replies, SlackWork work) {
        this.replies = replies;
        this.work = work;
    }

    /** Set once alerts are on; until then every mute button is refused. */
    public void mutes(AlertMutes mutes) {
        this.mutes = mutes;
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        ButtonClick click = ButtonClick.of(req.getPayload());
        work.submit(() -> onMute(click));
        return ctx.ack();
    }

    /** "hours|slack:C0123|50126" from an alert card's button. */
    private void onMute(ButtonClick click) {
        AlertMutes current = mutes;
        String[] parts = click.value() == null ? new String[0] : click.value().split("\\|", 3);
        if (current == null || parts.length != 3 || click.channel() == null
                || !parts[1].equals("slack:" + click.channel())) {
            replies.ephemeral(click.responseUrl(), "That button does not belong to this channel's alerts.");
            return;
        }
        try {
            Instant until = current.mute(parts[1], parts[2], Integer.parseInt(parts[0]), click.user());
            String who = SlackReplies.isUserId(click.user()) ? "<@" + click.user() + ">" : "someone";
            replies.respond("mute confirmation", click.responseUrl(), ActionResponse.builder()
                    .responseType("in_channel").replaceOriginal(false).text("AADSTS" + parts[2]
                            + " alerts are muted in this channel until "
                            + until.toString().replace('T', ' ').substring(0, 16) + " UTC by " + who
                            + ". They are still counted.").build());
        } catch (IllegalArgumentException e) {
            replies.ephemeral(click.responseUrl(), "That mute button is not valid.");
        }
    }
}
