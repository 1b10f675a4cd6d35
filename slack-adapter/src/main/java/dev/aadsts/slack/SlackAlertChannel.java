package dev.aadsts.slack;

import dev.aadsts.core.alert.delivery.AlertCard;
import dev.aadsts.core.alert.delivery.AlertChannel;
import dev.aadsts.core.alert.delivery.AlertDeliveryException;
import dev.aadsts.core.alert.routing.AlertTarget;
import java.util.Set;

/** Alert cards as Slack messages: {@code chat.postMessage} once, then {@code chat.update} in place. */
final class SlackAlertChannel implements AlertChannel {
    /** Errors after which updating is pointless and a fresh post is the answer. */
    private static final Set<String> MESSAGE_GONE = Set.of("message_not_found", "cant_update_message",
            "edit_window_closed");

    private final SlackPoster poster;
    private final AlertBlocks blocks = new AlertBlocks();

    SlackAlertChannel(SlackPoster poster) {
        this.poster = poster;
    }

    @Override
    public String post(AlertTarget target, AlertCard card) {
        SlackPoster.Result<com.slack.api.methods.response.chat.ChatPostMessageResponse> r = poster.sendForResult(
                "alert card in " + target.id(), c -> c.chatPostMessage(m -> m.channel(target.id())
                        .text(card.fallbackText()).blocks(blocks.render(card)).unfurlLinks(false).unfurlMedia(false)));
        if (r.response() == null) {
            throw new AlertDeliveryException("Slack refused the alert card: " + r.problem(), 0, false);
        }
        return r.response().getTs();
    }

    @Override
    public void update(AlertTarget target, String messageRef, AlertCard card) {
        SlackPoster.Result<com.slack.api.methods.response.chat.ChatUpdateResponse> r = poster.sendForResult(
                "alert card update in " + target.id(), c -> c.chatUpdate(m -> m.channel(target.id()).ts(messageRef)
                        .text(card.fallbackText()).blocks(blocks.render(card))));
        if (r.response() == null) {
            throw new AlertDeliveryException("Slack refused the update: " + r.problem(), 0,
                    MESSAGE_GONE.contains(r.problem()));
        }
    }
}
