package dev.aadsts.teams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Attachment;
import dev.aadsts.core.command.Reply;
import dev.aadsts.signin.investigate.InvestigateButton;
import dev.aadsts.teams.cards.AdaptiveCards;
import java.util.ArrayList;
import java.util.List;

/** The Adaptive Card messages a reply is sent as, whether through the reply queue or a turn. */
final class ReplyCards {
    private final AdaptiveCards cards;
    private final TeamsSignIns signIns;

    ReplyCards(AdaptiveCards cards, TeamsSignIns signIns) {
        this.cards = cards;
        this.signIns = signIns;
    }

    /** One card message, with the plain text notifications show. */
    record CardMessage(ObjectNode card, String summary) {
        Activity activity() {
            Attachment attachment = new Attachment();
            attachment.setContentType(AdaptiveCards.CONTENT_TYPE);
            attachment.setContent(card);
            Activity message = MessageFactory.attachment(attachment);
            message.setSummary(summary);
            return message;
        }
    }

    /** In the order they are sent. */
    List<CardMessage> render(Reply given) {
        Reply reply = signIns.on() ? InvestigateButton.addTo(given) : given;
        List<ObjectNode> rendered = cards.reply(reply);
        List<CardMessage> messages = new ArrayList<>(rendered.size());
        for (int i = 0; i < rendered.size(); i++) {
            // One card per code, except a channel's list of several codes, which is summed up by the reply text.
            boolean perCode = i < reply.cards().size() && (rendered.size() > 1 || reply.cards().size() == 1);
            String summary = perCode ? cards.fallbackText(reply.cards().get(i)) : reply.text();
            messages.add(new CardMessage(rendered.get(i), summary));
        }
        return messages;
    }
}
