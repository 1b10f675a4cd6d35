package dev.aadsts.slack;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import dev.aadsts.core.card.Card;
import dev.aadsts.core.command.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * The preview under a link to Microsoft's lookup or a Learn error page: what the code means and who acts,
 * short enough to sit under someone else's message; the full card is one {@code /aadsts} away.
 */
final class UnfurlBlocks {
    private static final int MAX_SUMMARY = 600;

    private UnfurlBlocks() {
    }

    static List<LayoutBlock> of(Reply reply) {
        List<LayoutBlock> blocks = new ArrayList<>();
        for (Card c : reply.cards()) {
            String summary = c.summary() == null ? "" : Mrkdwn.fit(Mrkdwn.catalog(c.summary()), MAX_SUMMARY);
            blocks.add(section(s -> s.text(markdownText(Mrkdwn.fit("*" + c.label() + " · "
                    + Mrkdwn.catalog(c.title()) + "*\n" + summary, BlockKitCards.MAX_TEXT)))));
            List<String> badges = c.badges();
            String more = "Full cause and fix: `/aadsts " + c.code() + "`";
            blocks.add(context(x -> x.elements(List.of(markdownText(Mrkdwn.escape(String.join(" · ", badges))
                    + (badges.isEmpty() ? "" : " · ") + more)))));
        }
        return blocks;
    }
}
