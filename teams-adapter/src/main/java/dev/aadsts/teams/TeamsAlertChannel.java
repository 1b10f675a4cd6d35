package dev.aadsts.teams;

import dev.aadsts.core.alert.delivery.AlertCard;
import dev.aadsts.core.alert.delivery.AlertChannel;
import dev.aadsts.core.alert.delivery.AlertDeliveryException;
import dev.aadsts.core.alert.routing.AlertTarget;
import dev.aadsts.core.store.ConversationReferences;
import dev.aadsts.core.store.TeamsConversation;
import java.util.Locale;
import java.util.Optional;

/**
 * Alert cards as Teams messages. Targets named by team and channel are looked up among the stored
 * conversation references at each delivery, so a route can name a channel before the bot is installed
 * there; the message reference remembers the conversation it went to.
 */
final class TeamsAlertChannel implements AlertChannel {
    /** Separates the conversation id from the activity id in a message reference. */
    private static final String REF_SEPARATOR = "|";

    private final TeamsOutbox outbox;
    private final ConversationReferences conversations;
    private final AlertAdaptiveCard cards = new AlertAdaptiveCard();

    TeamsAlertChannel(TeamsOutbox outbox, ConversationReferences conversations) {
        this.outbox = outbox;
        this.conversations = conversations;
    }

    @Override
    public String post(AlertTarget target, AlertCard card) {
        String conversation = resolve(target).orElseThrow(() -> new AlertDeliveryException("the bot is not installed "
                + "in Teams conversation '" + target.id() + "' (install the app there; it is looked up again later)",
                0, false));
        try {
            return conversation + REF_SEPARATOR + outbox.post(conversation, cards.render(card), card.fallbackText());
        } catch (TeamsDeliveryException e) {
            throw new AlertDeliveryException(e.getMessage(), e.retryAfterMillis(), false);
        }
    }

    @Override
    public void update(AlertTarget target, String messageRef, AlertCard card) {
        int cut = messageRef.lastIndexOf(REF_SEPARATOR);
        if (cut < 0) {
            throw new AlertDeliveryException("unreadable message reference", 0, true);
        }
        try {
            outbox.update(messageRef.substring(0, cut), messageRef.substring(cut + 1), cards.render(card),
                    card.fallbackText());
        } catch (TeamsDeliveryException e) {
            throw new AlertDeliveryException(e.getMessage(), e.retryAfterMillis(), e.status() == 404 || e.gone());
        }
    }

    /** Whether a mute button clicked in {@code conversationId} may silence {@code targetKey}. */
    boolean belongsTo(String targetKey, String conversationId) {
        AlertTarget target = AlertTarget.fromKey(targetKey);
        return target.platform() == AlertTarget.Platform.TEAMS
                && resolve(target).map(conversationId::equals).orElse(false);
    }

    Optional<String> resolve(AlertTarget target) {
        String[] names = target.teamAndChannel();
        if (names == null) {
            return conversations.find(target.id()).map(TeamsConversation::conversationId);
        }
        for (TeamsConversation c : conversations.all()) {
            if (matches(names[0], c.teamName(), c.teamId()) && channelMatches(names[1], c)) {
                return Optional.of(c.conversationId());
            }
        }
        return Optional.empty();
    }

    private static boolean channelMatches(String wanted, TeamsConversation c) {
        // Teams leaves the General channel unnamed; its id is the team's.
        boolean general = c.channelId() != null && c.channelId().equals(c.teamId()) && c.channelName() == null;
        return matches(wanted, c.channelName(), c.channelId()) || general && "general".equals(wanted.toLowerCase(
                Locale.ROOT));
    }

    private static boolean matches(String wanted, String name, String id) {
        return wanted.equalsIgnoreCase(name == null ? "" : name.strip()) || wanted.equals(id);
    }
}
