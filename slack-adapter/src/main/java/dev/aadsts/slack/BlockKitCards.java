package dev.aadsts.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.element.BlockElement;
import dev.aadsts.core.card.ActionGroup;
import dev.aadsts.core.card.Card;
import dev.aadsts.core.card.CardAction;
import dev.aadsts.core.card.Fact;
import dev.aadsts.core.card.OrganizationSection;
import dev.aadsts.knowledge.Link;
import dev.aadsts.core.command.CommandRouter;
import dev.aadsts.core.command.HelpLine;
import dev.aadsts.core.command.Reply;
import dev.aadsts.core.context.ContextField;
import dev.aadsts.knowledge.Link;
import dev.aadsts.knowledge.SearchHit;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a reply as Block Kit. Slack refuses a message with more than 50 blocks, a header over 150
 * characters or a text object over 3000, so long parts are trimmed with a pointer to the full text and
 * optional blocks are dropped from the largest card first: a reply is shortened, never lost.
 *
 * <p>A compact reply (a channel) shows each code short, with a button that expands it in place
 * ({@link #EXPAND_ACTION_PREFIX}); several codes become one list, a row per code. Every block of a code
 * carries the block id {@code aadsts_card_<code>_<n>}, which is how the expand handler finds what to
 * replace.
 */
public final class BlockKitCards {
    public static final int MAX_BLOCKS = 50;
    public static final int MAX_TEXT = 3000;
    public static final int MAX_HEADER = 150;
    public static final int MAX_BUTTON = 75;
    public static final int MAX_VALUE = 2000;
    public static final String SHARE_ACTION = "aadsts_share";
    public static final String EXPLAIN_ACTION_PREFIX = "aadsts_explain_";
    /** Followed by the code; the button's value is an {@link ExpandValue}. */
    public static final String EXPAND_ACTION_PREFIX = "aadsts_expand_";
    /** Block ids of a code's blocks start with this and the code. */
    public static final String CARD_BLOCK_PREFIX = "aadsts_card_";
    static final int RELATED_BUTTONS = 3;

    /** Blocks of one card; those marked optional go first when the message is too long. */
    private record Part(LayoutBlock block, boolean optional) {
    }

    public List<LayoutBlock> render(Reply reply, String shareId) {
        List<LayoutBlock> blocks = switch (reply.kind()) {
            // A share button takes one of Slack's 50 blocks, so the cards leave room for it.
            case CARDS -> reply.compact() && reply.cards().size() > 1 ? list(reply)
                    : cards(reply, shareId == null ? 0 : 1);
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
    public String fallback(Reply reply) {
        return Mrkdwn.fit(Mrkdwn.escape(reply.text()), MAX_TEXT);
    }

    /**
     * One card in full, in at most {@code maxBlocks} blocks, with block ids for {@code code}: what an
     * expand click puts in place of the compact card or row.
     */
    public List<LayoutBlock> fullCard(Card card, int maxBlocks) {
        List<List<Part>> one = new ArrayList<>();
        one.add(full(card));
        while (count(one) > maxBlocks && dropOptional(one)) {
            // Drop optional blocks until the card fits beside what stays in the message.
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        one.get(0).forEach(p -> blocks.add(p.block));
        return ids(card.code(), "f", blocks.subList(0, Math.min(blocks.size(), Math.max(1, maxBlocks))));
    }

    private List<LayoutBlock> cards(Reply reply, int reserved) {
        List<List<Part>> perCard = new ArrayList<>();
        for (Card card : reply.cards()) {
            perCard.add(reply.compact() ? compact(card) : full(card));
        }
        int extra = (reply.omittedCodes().isEmpty() ? 0 : 1) + reserved;
        while (count(perCard) + extra > MAX_BLOCKS && dropOptional(perCard)) {
            // Drop one optional block at a time from the card that has the most.
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        for (int i = 0; i < perCard.size(); i++) {
            if (i > 0) {
                blocks.add(divider());
            }
            List<LayoutBlock> own = new ArrayList<>();
            perCard.get(i).forEach(p -> own.add(p.block));
            blocks.addAll(ids(reply.cards().get(i).code(), "c", own));
        }
        if (!reply.omittedCodes().isEmpty()) {
            blocks.add(omitted(reply));
        }
        return blocks.size() <= MAX_BLOCKS ? blocks : blocks.subList(0, MAX_BLOCKS);
    }

    /** Several codes in a channel: one short message, a row per code with its one-line meaning. */
    private List<LayoutBlock> list(Reply reply) {
        List<LayoutBlock> blocks = new ArrayList<>();
        int total = reply.cards().size() + reply.omittedCodes().size();
        blocks.add(section(s -> s.text(markdownText("*" + total + " sign-in errors in this message.* Expand one "
                + "for its causes and fix steps."))));
        for (String warning : reply.warnings()) {
            blocks.add(warning(warning));
        }
        for (Card c : reply.cards()) {
            StringBuilder row = new StringBuilder("*").append(c.label()).append("* · ")
                    .append(Mrkdwn.catalog(Mrkdwn.fit(c.title(), MAX_HEADER)));
            for (Fact f : c.facts()) {
                if (f.id().equals(ContextField.MESSAGE.id())) {
                    row.append("\n").append(Mrkdwn.literal(Mrkdwn.fit(f.value(), 200)));
                }
            }
            SectionBlock section = section(s -> s.text(markdownText(Mrkdwn.fit(row.toString(), MAX_TEXT)))
                    .accessory(expandButton(c, "Expand")));
            blocks.addAll(ids(c.code(), "c", List.of(section)));
        }
        if (!reply.omittedCodes().isEmpty()) {
            blocks.add(omitted(reply));
        }
        return blocks;
    }

    private static ContextBlock omitted(Reply reply) {
        return context(c -> c.elements(List.of(markdownText(
                Mrkdwn.escape(CommandRouter.moreLine(reply.omittedCodes()))))));
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

    /** Title, summary, the top causes, the first fix and the facts, with the full card one click away. */
    private List<Part> compact(Card c) {
        List<Part> parts = new ArrayList<>();
        String lookup = c.links().get(0).url();
        head(c, lookup, parts);
        organization(c.organization(), lookup, parts);
        if (!c.causes().isEmpty()) {
            String heading = c.causes().size() > c.topCauses().size() ? "Most likely causes" : "Likely causes";
            parts.add(new Part(section(s -> s.text(markdownText(fit(numbered(heading, c.topCauses()), lookup)))),
                    false));
        }
        if (c.firstFix() != null) {
            parts.add(new Part(section(s -> s.text(markdownText(fit("*First thing to try*\n"
                    + Mrkdwn.catalog(c.firstFix()), lookup)))), false));
        }
        facts(c, lookup, parts);
        sources(c, parts);
        List<BlockElement> buttons = new ArrayList<>();
        if (hasMore(c)) {
            buttons.add(expandButton(c, "Show full playbook"));
        }
        buttons.add(lookupButton(c));
        relatedButtons(c, buttons);
        parts.add(new Part(actions(a -> a.elements(buttons)), false));
        extraRows(c, parts);
        return parts;
    }

    /** Whether the full card says more than the compact one. */
    private static boolean hasMore(Card c) {
        return c.causes().size() > c.topCauses().size() || c.fixes().size() > 1 || !c.collect().isEmpty()
                || c.scenario() != null;
    }

    private List<Part> full(Card c) {
        List<Part> parts = new ArrayList<>();
        String lookup = c.links().get(0).url();
        head(c, lookup, parts);
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
        facts(c, lookup, parts);
        sources(c, parts);
        List<BlockElement> buttons = new ArrayList<>();
        buttons.add(lookupButton(c));
        relatedButtons(c, buttons);
        parts.add(new Part(actions(a -> a.elements(buttons)), true));
        extraRows(c, parts);
        return parts;
    }

    private static void head(Card c, String lookup, List<Part> parts) {
        parts.add(new Part(header(h -> h.text(plainText(Mrkdwn.fit(c.label() + " · " + c.title(), MAX_HEADER)))),
                false));
        String name = c.name() == null ? "" : "`" + c.name() + "`\n";
        parts.add(new Part(section(s -> s.text(markdownText(fit(name + Mrkdwn.catalog(c.summary()), lookup)))),
                false));
        if (!c.badges().isEmpty()) {
            String badges = Mrkdwn.escape(String.join("  ·  ", c.badges()));
            parts.add(new Part(context(x -> x.elements(List.of(markdownText(badges)))), true));
        }
        for (String warning : c.warnings()) {
            parts.add(new Part(warning(warning), false));
        }
    }

    private static SectionBlock warning(String warning) {
        return section(s -> s.text(markdownText(Mrkdwn.fit(":warning: *" + Mrkdwn.escape(warning) + "*", MAX_TEXT))));
    }

    private static void facts(Card c, String lookup, List<Part> parts) {
        if (c.facts().isEmpty()) {
            return;
        }
        StringBuilder facts = new StringBuilder("*From your error*");
        for (Fact f : c.facts()) {
            facts.append("\n").append(f.label()).append(": ").append(Mrkdwn.literal(f.value()));
        }
        parts.add(new Part(context(x -> x.elements(List.of(markdownText(fit(facts.toString(), lookup))))), false));
    }

    /** "Checked November 2026 · Sources: page, page" as a small line of links; nothing when unknown. */
    private static void sources(Card c, List<Part> parts) {
        if (c.sources().isEmpty() && c.checked().isEmpty()) {
            return;
        }
        StringBuilder line = new StringBuilder();
        c.checked().ifPresent(line::append);
        if (!c.sources().isEmpty()) {
            line.append(line.length() == 0 ? "" : " · ").append("Sources: ");
            for (int i = 0; i < c.sources().size(); i++) {
                Link source = c.sources().get(i);
                line.append(i == 0 ? "" : ", ").append(Mrkdwn.link(source.url(), source.label()));
            }
        }
        parts.add(new Part(context(x -> x.elements(List.of(markdownText(Mrkdwn.fit(line.toString(), MAX_TEXT))))),
                true));
    }

    private static BlockElement lookupButton(Card c) {
        String url = c.actions().stream().filter(a -> a.kind() == CardAction.Kind.OPEN_URL).map(CardAction::value)
                .findFirst().orElse(c.links().get(0).url());
        return button(b -> b.actionId("aadsts_open_" + c.code()).url(url).text(plainText("Microsoft's lookup")));
    }

    private static void relatedButtons(Card c, List<BlockElement> buttons) {
        for (String code : c.relatedCodes()) {
            if (buttons.size() >= RELATED_BUTTONS + 2) {
                break;
            }
            buttons.add(button(b -> b.actionId(EXPLAIN_ACTION_PREFIX + code + "_" + c.code()).value(code)
                    .text(plainText("Explain AADSTS" + code))));
        }
    }

    private static BlockElement expandButton(Card c, String label) {
        return button(b -> b.actionId(EXPAND_ACTION_PREFIX + c.code()).value(ExpandValue.encode(c, MAX_VALUE))
                .text(plainText(label)));
    }

    /** The card's extra rows (feedback and the like), each an actions block of its own. */
    private static void extraRows(Card c, List<Part> parts) {
        for (ActionGroup group : c.extraActions()) {
            List<BlockElement> buttons = new ArrayList<>();
            for (int i = 0; i < group.actions().size() && buttons.size() < 25; i++) {
                CardAction a = group.actions().get(i);
                String label = Mrkdwn.fit(a.label(), MAX_BUTTON);
                String actionId = group.id() + "_" + i + "_" + c.code();
                buttons.add(switch (a.kind()) {
                    case OPEN_URL -> button(b -> b.actionId(actionId).url(a.value()).text(plainText(label)));
                    case EXPLAIN_CODE -> button(b -> b.actionId(EXPLAIN_ACTION_PREFIX + a.value() + "_" + c.code())
                            .value(a.value()).text(plainText(label)));
                    case SUBMIT -> button(b -> b.actionId(actionId).value(Mrkdwn.fit(a.value(), MAX_VALUE))
                            .text(plainText(label)));
                });
            }
            if (!buttons.isEmpty()) {
                ActionsBlock row = actions(x -> x.elements(buttons));
                parts.add(new Part(row, false));
            }
        }
    }

    /** Gives every block of one code an id of the form {@code aadsts_card_<code>_<tag><n>}. */
    private static List<LayoutBlock> ids(String code, String tag, List<LayoutBlock> blocks) {
        for (int i = 0; i < blocks.size(); i++) {
            String id = CARD_BLOCK_PREFIX + code + "_" + tag + i;
            LayoutBlock b = blocks.get(i);
            if (b instanceof HeaderBlock h) {
                h.setBlockId(id);
            } else if (b instanceof SectionBlock s) {
                s.setBlockId(id);
            } else if (b instanceof ContextBlock x) {
                x.setBlockId(id);
            } else if (b instanceof ActionsBlock a) {
                a.setBlockId(id);
            } else if (b instanceof DividerBlock d) {
                d.setBlockId(id);
            }
        }
        return blocks;
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
        s.append("\n\nPaste an error in any channel I'm in and I answer in its thread: a short card per code, "
                + "with the full playbook one click away.");
        return List.of(section(x -> x.text(markdownText(s.toString()))));
    }
}
