package dev.aadsts.teams;

import com.microsoft.bot.schema.Attachment;
import com.microsoft.bot.schema.teams.AppBasedLinkQuery;
import com.microsoft.bot.schema.teams.MessagingExtensionAttachment;
import com.microsoft.bot.schema.teams.MessagingExtensionResponse;
import com.microsoft.bot.schema.teams.MessagingExtensionResult;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.card.Card;
import dev.aadsts.core.command.Reply;
import dev.aadsts.core.link.ErrorLinks;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.teams.cards.AdaptiveCards;
import java.util.List;

/**
 * {@code composeExtension/queryLink}: a link to Microsoft's error lookup or a Learn error page pasted into the
 * compose box becomes a card for its code (the manifest's {@code messageHandlers} name the domains).
 */
final class TeamsLinkUnfurl {
    private final BotCore core;
    private final AdaptiveCards cards;
    private final Stats stats;

    TeamsLinkUnfurl(BotCore core, AdaptiveCards cards, Stats stats) {
        this.core = core;
        this.cards = cards;
        this.stats = stats;
    }

    /** A card for the link, or an empty result so Teams shows the link as it is. */
    MessagingExtensionResponse unfurl(AppBasedLinkQuery query, String tenant) {
        MessagingExtensionResult result = new MessagingExtensionResult();
        result.setType("result");
        result.setAttachmentLayout("list");
        result.setAttachments(List.of());
        String code = ErrorLinks.codeOf(query == null ? null : query.getUrl()).orElse(null);
        if (code != null) {
            Reply reply = core.router().handle(code);
            if (reply.kind() == Reply.Kind.CARDS) {
                stats.seen(reply, "teams", tenant);
                Card card = reply.cards().get(0);
                MessagingExtensionAttachment attachment = new MessagingExtensionAttachment();
                attachment.setContentType(AdaptiveCards.CONTENT_TYPE);
                attachment.setContent(cards.card(card));
                Attachment preview = new Attachment();
                preview.setContentType(AdaptiveCards.THUMBNAIL_CONTENT_TYPE);
                preview.setContent(cards.thumbnailPreview(card));
                attachment.setPreview(preview);
                result.setAttachments(List.of(attachment));
            }
        }
        return new MessagingExtensionResponse(result);
    }
}
