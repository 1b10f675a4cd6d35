package dev.aadsts.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import dev.aadsts.core.card.Card;
import dev.aadsts.core.card.CardAction;
import dev.aadsts.core.card.Fact;
import dev.aadsts.core.card.OrganizationSection;
import dev.aadsts.knowledge.Link;
import dev.aadsts.core.command.CommandRouter;
import dev.aadsts.core.command.HelpLine;
import dev.aadsts.core.command.Reply;
import dev.aadsts.knowledge.SearchHit;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a reply as Block Kit. Slack refuses a message with more than 50 blocks, a header over 150
 * characters or a text object over 3000, so long parts are trimmed with a pointer to the full text and
 * optional blocks are dropped from the largest card first: a reply is shortened, never lost.
 */
final class BlockKitCards {
    static final int MAX_BLOCKS = 50;
    static final int MAX_TEXT = 3000;
    static final int MAX_HEADER = 150;
    static final String SHARE_ACTION = "aadsts_share";
    static final String EXPLAIN_ACTION_PREFIX = "aadsts_explain_";

    /** Blocks of one card; those marked optional go first when the message is too long. */
    private record Part(LayoutBlock block, boolean optional) {
    }

    List<LayoutBlock> render(Reply reply, String shareId) {
        List<LayoutBlock> blocks = switch (reply.kind()) {
            case CARDS -> cards(reply);
            case SEARCH_RESULTS -> search(reply);
            case HELP -> help(reply);
            case NOTHING_FOUND -> List.of(section(s -> s.text(markdownText(Mrkdwn.escape(reply.text())))));
        };
        if (shareId != null) {
            List<LayoutBlock> withShare = new ArrayList<>(blocks.subList(0, Math.min(blocks.size(), MAX_BLOCKS - 1)));
            withShare.add(actions(a -> a.elements(List.of(button(b -> b.actionId(SHARE_ACTION).value(shareId)
                    .text(plainText("Share in channel")).style("primary"))))));
            return withShare;
        }
        return blocks;
    }

    /** The plain text Slack shows in notifications and to screen readers. */
    String fallback(Reply reply) {
        return Mrkdwn.fit(Mrkdwn.escape(reply.text()), MAX_TEXT);
    }

    private List<LayoutBlock> cards(Reply reply) {
        List<List<Part>> perCard = new ArrayList<>();
        for (Card card : reply.cards()) {
            perCard.add(card(card));
        }
        int extra = reply.omittedCodes().isEmpty() ? 0 : 1;
        while (count(perCard) + extra > MAX_BLOCKS && dropOptional(perCard)) {
            // Drop one optional block at a time from the card that has the most.
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        for (int i = 0; i < perCard.size(); i++) {
            if (i > 0) {
                blocks.add(divider());
            }
            perCard.get(i).forEach(p -> blocks.add(p.block));
        }
        if (extra > 0) {
            blocks.add(context(c -> c.elements(List.of(markdownText(
                    Mrkdwn.escape(CommandRouter.moreLine(reply.omittedCodes())))))));
        }
        return blocks.size() <= MAX_BLOCKS ? blocks : blocks.subList(0, MAX_BLOCKS);
    }

    private static int count(List<List<Part>> perCard) {
        return perCard.stream().mapToInt(List::size).sum() + Math.max(0, perCard.size() - 1);
    }

    private static boolean dropOptional(List<List<Part>> perCard) {
        List<Part> largest = null;
        for (List<Part> parts : perCard) {
            if (parts.stream().anyMatch(Part::optional) && (largest == null || parts.size() > largest.size())) {
                largest = parts;
            }
        }
        if (largest == null) {
            return false;
        }
        for (int i = largest.size() - 1; i >= 0; i--) {
            if (largest.get(i).optional) {
                largest.remove(i);
                return true;
            }
        }
        return false;
    }

    private List<Part> card(Card c) {
        List<Part> parts = new ArrayList<>();
        String lookup = c.links().get(0).url();
        parts.add(new Part(header(h -> h.text(plainText(Mrkdwn.fit(c.label() + " · " + c.title(), MAX_HEADER)))),
                false));
        String name = c.name() == null ? "" : "`" + c.name() + "`\n";
        parts.add(new Part(section(s -> s.text(markdownText(fit(name + Mrkdwn.catalog(c.summary()), lookup)))),
                false));
        List<TextObject> badges = new ArrayList<>();
        for (String badge : c.badges()) {
            badges.add(markdownText(Mrkdwn.escape(badge)));
        }
        if (!badges.isEmpty()) {
            parts.add(new Part(section(s -> s.fields(badges)), true));
        }
        for (String warning : c.warnings()) {
            parts.add(new Part(section(s -> s.text(markdownText(":warning: *" + Mrkdwn.escape(warning) + "*"))),
                    false));
        }
        organization(c.organization(), lookup, parts);
        if (c.scenario() != null) {
            parts.add(new Part(section(s -> s.text(markdownText(fit("*Depends on the flow:* "
                    + Mrkdwn.catalog(c.scenario()), lookup)))), true));
        }
        if (!c.causes().isEmpty()) {
            parts.add(new Part(section(s -> s.text(markdownText(fit(numbered("Likely causes", c.causes()), lookup)))),
                    false));
        }
        if (!c.fixes().isEmpty()) {
            parts.add(new Part(section(s -> s.text(markdownText(fit(numbered("How to fix", c.fixes()), lookup)))),
                    false));
        }
        if (!c.collect().isEmpty()) {
            StringBuilder collect = new StringBuilder("*For a support ticket, collect*");
            c.collect().forEach(item -> collect.append("\n• ").append(Mrkdwn.catalog(item)));
            parts.add(new Part(section(s -> s.text(markdownText(fit(collect.toString(), lookup)))), true));
        }
        if (!c.facts().isEmpty()) {
            StringBuilder facts = new StringBuilder("*From your error*");
            for (Fact f : c.facts()) {
                facts.append("\n").append(f.label()).append(": ").append(Mrkdwn.literal(f.value()));
            }
            parts.add(new Part(context(x -> x.elements(List.of(markdownText(fit(facts.toString(), lookup))))), false));
        }
        List<BlockElement> buttons = new ArrayList<>();
        for (CardAction action : c.actions()) {
            if (action.kind() == CardAction.Kind.OPEN_URL) {
                buttons.add(button(b -> b.actionId("aadsts_open_" + c.code()).url(action.value())
                        .text(plainText(Mrkdwn.fit(action.label(), 75)))));
            } else if (buttons.size() < 5) {
                buttons.add(button(b -> b.actionId(EXPLAIN_ACTION_PREFIX + action.value() + "_" + c.code())
                        .value(action.value()).text(plainText("Explain " + action.label()))));
            }
        }
        parts.add(new Part(actions(a -> a.elements(buttons)), true));
        return parts;
    }

    /**
     * The organization's section, one block. Its text is the operator's, escaped like a paste; links were
     * checked to be https or mailto without Slack's link characters when the overlay loaded.
     */
    private static void organization(OrganizationSection org, String lookup, List<Part> parts) {
        if (org == null) {
            return;
        }
        StringBuilder s = new StringBuilder(":office: *").append(Mrkdwn.escape(org.heading())).append("*");
        org.notes().forEach(n -> s.append("\n").append(Mrkdwn.escape(n)));
        orgSteps("First, before our steps below", org.fixesBefore(), s);
        orgSteps("If our steps below don't solve it", org.fixesAfter(), s);
        List<String> contacts = new ArrayList<>();
        for (OrganizationSection.Contact c : org.contacts()) {
            String value = c.kind() == OrganizationSection.Contact.Kind.SLACK && !c.value().startsWith("#")
                    ? "<#" + c.value() + ">"
                    : c.url() != null ? "<" + c.url() + "|" + Mrkdwn.escape(c.value()) + ">" : Mrkdwn.escape(c.value());
            contacts.add(c.kind().label() + ": " + value);
        }
        if (!contacts.isEmpty()) {
            s.append("\n*Contact:* ").append(String.join(" · ", contacts));
        }
        if (!org.links().isEmpty()) {
            List<String> links = new ArrayList<>();
            for (Link l : org.links()) {
                links.add("<" + l.url() + "|" + Mrkdwn.escape(l.label()) + ">");
            }
            s.append("\n*Links:* ").append(String.join(" · ", links));
        }
        if (org.hiddenLine() != null) {
            s.append("\n_").append(Mrkdwn.escape(org.hiddenLine())).append("_");
        }
        parts.add(new Part(section(x -> x.text(markdownText(fit(s.toString(), lookup)))), false));
    }

    private static void orgSteps(String heading, List<String> steps, StringBuilder s) {
        if (!steps.isEmpty()) {
            s.append("\n*").append(heading).append("*");
            for (int i = 0; i < steps.size(); i++) {
                s.append("\n").append(i + 1).append(". ").append(Mrkdwn.escape(steps.get(i)));
            }
        }
    }

    private static String numbered(String heading, List<String> items) {
        StringBuilder s = new StringBuilder("*").append(heading).append("*");
        for (int i = 0; i < items.size(); i++) {
            s.append("\n").append(i + 1).append(". ").append(Mrkdwn.catalog(items.get(i)));
        }
        return s.toString();
    }

    /** Trims a text object to Slack's limit with a pointer to the full text at Microsoft's lookup. */
    private static String fit(String text, String lookup) {
        if (text.length() <= MAX_TEXT) {
            return text;
        }
        String more = "… <" + lookup + "|more>";
        return text.substring(0, MAX_TEXT - more.length()) + more;
    }

    private List<LayoutBlock> search(Reply reply) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(Mrkdwn.fit(Mrkdwn.escape(
                reply.heading()), MAX_TEXT)))));
        for (SearchHit hit : reply.results()) {
            String code = hit.entry().code();
            blocks.add(section(s -> s.text(markdownText(fit("*AADSTS" + code + "* · " + Mrkdwn.catalog(hit.entry().title())
                    + "\n" + Mrkdwn.catalog(hit.entry().summary()), hit.entry().links().get(0).url())))
                    .accessory(button(b -> b.actionId(EXPLAIN_ACTION_PREFIX + code).value(code)
                            .text(plainText("Explain"))))));
        }
        return blocks;
    }

    private List<LayoutBlock> help(Reply reply) {
        StringBuilder s = new StringBuilder(Mrkdwn.escape(reply.text())).append("\n");
        for (HelpLine line : reply.help()) {
            s.append("\n• `/aadsts ").append(Mrkdwn.escape(line.usage())).append("`: ")
                    .append(Mrkdwn.escape(line.description()));
        }
        s.append("\n\nPaste an error in any channel I'm in and I answer in its thread.");
        return List.of(section(x -> x.text(markdownText(s.toString()))));
    }
}
