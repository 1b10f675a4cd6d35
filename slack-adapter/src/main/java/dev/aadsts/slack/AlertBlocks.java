package dev.aadsts.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import dev.aadsts.core.alert.delivery.AlertCard;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An alert group as Block Kit: what failed, how often and since when, who was hit, and mute buttons. */
final class AlertBlocks {
    static final String MUTE_ACTION_PREFIX = "aadsts_alert_mute_";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    List<LayoutBlock> render(AlertCard card) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(Mrkdwn.fit("🚨 " + card.label() + " × "
                + String.format(Locale.ROOT, "%,d", card.count()) + " · " + card.title(), BlockKitCards.MAX_HEADER)))));
        blocks.add(section(s -> s.text(markdownText(Mrkdwn.fit(Mrkdwn.catalog(card.summary()),
                BlockKitCards.MAX_TEXT)))));
        List<TextObject> facts = new ArrayList<>();
        facts.add(markdownText("*Count*\n" + String.format(Locale.ROOT, "%,d", card.count())));
        facts.add(markdownText("*First seen*\n" + TIME.format(card.firstSeen())));
        facts.add(markdownText("*Last seen*\n" + TIME.format(card.lastSeen())));
        facts.add(markdownText("*Route*\n" + Mrkdwn.escape(card.route())));
        card.samples().forEach((key, values) -> {
            if (facts.size() < 10) {
                facts.add(markdownText(Mrkdwn.fit("*" + key + "*\n" + String.join(", ",
                        values.stream().map(Mrkdwn::literal).toList()), 2000)));
            }
        });
        blocks.add(section(s -> s.fields(facts)));
        if (card.firstFix() != null) {
            blocks.add(section(s -> s.text(markdownText(Mrkdwn.fit("*First thing to try:* "
                    + Mrkdwn.catalog(card.firstFix()), BlockKitCards.MAX_TEXT)))));
        }
        List<BlockElement> buttons = new ArrayList<>();
        for (int hours : card.muteOptions()) {
            buttons.add(button(b -> b.actionId(MUTE_ACTION_PREFIX + hours + "h")
                    .text(plainText("Mute this code " + hours + " h"))
                    .value(hours + "|" + card.target() + "|" + card.code())));
        }
        buttons.add(button(b -> b.actionId("aadsts_open_alert_lookup").text(plainText("Microsoft's lookup page"))
                .url(card.lookupLink())));
        blocks.add(actions(a -> a.elements(buttons)));
        blocks.add(context(c -> c.elements(List.of(markdownText("This card updates as more alerts of this code "
                + "arrive. Muting keeps counting but stops posting.")))));
        return blocks;
    }
}
