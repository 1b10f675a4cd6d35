package dev.aadsts.slack;

import dev.aadsts.core.alert.delivery.AlertCard;
import dev.aadsts.core.alert.delivery.AlertChannel;
import dev.aadsts.core.alert.delivery.AlertDeliveryException;
import dev.aadsts.core.alert.routing.AlertTarget;
import dev.aadsts.slack.install.Workspace;
import java.util.Set;

/**
 * Alert cards as Slack messages: {@code chat.postMessage} once, then {@code chat.update} in place, with the
 * token of the workspace the target names.
 */
final class SlackAlertChannel implements AlertChannel {
    /** Errors after which updating is pointless and a fresh post is the answer. */
    private static final Set<String> MESSAGE_GONE = Set.of("message_not_found", "cant_update_message",
            "edit_window_closed");

    private final SlackPoster poster;
    private final AlertBlocks blocks = new AlertBlocks();

    SlackAlertChannel(SlackPoster poster) {
        this.poster = poster;
    }

    /**
     * The workspace a target names: a team id, or an Enterprise Grid organization's id ({@code E…}) whose
     * org-wide install posts in any of its channels. A bare channel id names none: fine with one bot token,
     * refused in distribution mode (which workspace would it be?).
     */
    static Workspace workspace(AlertTarget target) {
        return Workspace.named(target.slackWorkspace());
    }

    @Override
    public String post(AlertTarget target, AlertCard card) {
        SlackPoster.Result<com.slack.api.methods.response.chat.ChatPostMessageResponse> r = poster.sendForResult(
                workspace(target), "alert card in " + target.id(), c -> c.chatPostMessage(m -> m.channel(target.slackChannel())
                        .text(card.fallbackText()).blocks(blocks.render(card)).unfurlLinks(false).unfurlMedia(false)));
        if (r.response() == null) {
            throw new AlertDeliveryException("Slack refused the alert card: " + r.problem(), 0, false);
        }
        return r.response().getTs();
    }

    @Override
    public void update(AlertTarget target, String messageRef, AlertCard card) {
        SlackPoster.Result<com.slack.api.methods.response.chat.ChatUpdateResponse> r = poster.sendForResult(
                workspace(target), "alert card update in " + target.id(),
                c -> c.chatUpdate(m -> m.channel(target.slackChannel()).ts(messageRef)
                        .text(card.fallbackText()).blocks(blocks.render(card))));
        if (r.response() == null) {
            throw new AlertDeliveryException("Slack refused the update: " + r.problem(), 0,
                    MESSAGE_GONE.contains(r.problem()));
        }
    }
}
