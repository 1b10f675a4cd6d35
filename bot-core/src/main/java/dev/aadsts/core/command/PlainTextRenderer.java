package dev.aadsts.core.command;

import dev.aadsts.core.card.Card;
import dev.aadsts.core.card.Fact;
import dev.aadsts.core.card.OrganizationSection;
import dev.aadsts.knowledge.Link;
import dev.aadsts.knowledge.SearchHit;
import java.util.List;

/**
 * Renders a reply as readable plain text: the CLI's output, and the fallback text platforms show in
 * notifications. Plain text needs no escaping, but control characters from the paste are dropped so a
 * paste cannot move the terminal's cursor or colour its output.
 */
public final class PlainTextRenderer {
    private static final int WIDTH = 100;

    /** @param commandWord what the user types before a command ("/aadsts", "aadsts", "./aadsts-bot") */
    public String render(Reply reply, String commandWord) {
        StringBuilder out = new StringBuilder();
        switch (reply.kind()) {
            case CARDS -> {
                for (int i = 0; i < reply.cards().size(); i++) {
                    if (i > 0) {
                        out.append('\n').append("-".repeat(WIDTH)).append("\n\n");
                    }
                    card(reply.cards().get(i), out);
                }
                if (!reply.omittedCodes().isEmpty()) {
                    out.append('\n').append(CommandRouter.moreLine(reply.omittedCodes())).append('\n');
                }
            }
            case SEARCH_RESULTS -> {
                out.append(safe(reply.heading())).append("\n\n");
                for (SearchHit hit : reply.results()) {
                    out.append(String.format("  AADSTS%-9s %s%n", hit.entry().code(), hit.entry().title()));
                    wrap(hit.entry().summary(), "                  ", out);
                }
                out.append("\nFor the full card: ").append(commandWord).append(" explain <code>\n");
            }
            case HELP -> {
                wrap(reply.text(), "", out);
                out.append('\n');
                for (var line : reply.help()) {
                    out.append(String.format("  %-32s %s%n", commandWord + " " + line.usage(), line.description()));
                }
            }
            case NOTHING_FOUND -> wrap(safe(reply.text()), "", out);
        }
        return out.toString();
    }

    public String card(Card card) {
        StringBuilder out = new StringBuilder();
        card(card, out);
        return out.toString();
    }

    private void card(Card c, StringBuilder out) {
        out.append(c.label());
        if (c.name() != null) {
            out.append("  ").append(c.name());
        }
        out.append('\n').append(c.title()).append('\n');
        if (!c.badges().isEmpty()) {
            out.append(String.join(" · ", c.badges())).append('\n');
        }
        out.append('\n');
        wrap(c.summary(), "", out);
        for (String w : c.warnings()) {
            out.append('\n');
            wrap("WARNING: " + w, "", out);
        }
        if (!c.facts().isEmpty()) {
            out.append("\nFrom your error\n");
            for (Fact f : c.facts()) {
                wrap(safe(f.value()), String.format("  %-16s ", f.label() + ":"), "                   ", out);
            }
        }
        organization(c.organization(), out);
        if (c.scenario() != null) {
            out.append("\nDepends on the flow\n");
            wrap(c.scenario(), "  ", out);
        }
        numbered("Likely causes (most likely first)", c.causes(), out);
        numbered("How to fix", c.fixes(), out);
        if (!c.collect().isEmpty()) {
            out.append("\nFor a support ticket, collect\n");
            for (String item : c.collect()) {
                wrap(item, "  - ", "    ", out);
            }
        }
        if (!c.sources().isEmpty() || c.reviewed() != null) {
            out.append("\nSources").append(c.checked().map(x -> " (c" + x.substring(1) + ")")
                    .orElse("")).append('\n');
            for (Link source : c.sources()) {
                wrap(source.label() + ": " + source.url(), "  - ", "    ", out);
            }
        }
        out.append("\nLinks\n");
        for (Link link : c.links()) {
            out.append("  ").append(link.label()).append(": ").append(link.url()).append('\n');
        }
    }

    /** The organization's own section; operator text, so control characters are dropped like a paste's. */
    private static void organization(OrganizationSection org, StringBuilder out) {
        if (org == null) {
            return;
        }
        out.append('\n').append(safe(org.heading())).append('\n');
        for (String note : org.notes()) {
            wrap(safe(note), "  ", out);
        }
        steps("First, before our steps below", org.fixesBefore(), out);
        steps("If our steps below don't solve it", org.fixesAfter(), out);
        for (OrganizationSection.Contact c : org.contacts()) {
            String value = c.url() == null || c.kind() == OrganizationSection.Contact.Kind.EMAIL ? c.value() : c.url();
            wrap(safe(value), String.format("  %-16s ", "Contact (" + c.kind().label() + "):"), "                   ",
                    out);
        }
        for (Link link : org.links()) {
            wrap(safe(link.url()), "  " + safe(link.label()) + ": ", "    ", out);
        }
        if (org.hiddenLine() != null) {
            wrap(safe(org.hiddenLine()), "  ", out);
        }
    }

    private static void steps(String heading, List<String> items, StringBuilder out) {
        if (items.isEmpty()) {
            return;
        }
        out.append("  ").append(heading).append('\n');
        for (int i = 0; i < items.size(); i++) {
            String n = String.format("    %d. ", i + 1);
            wrap(safe(items.get(i)), n, " ".repeat(n.length()), out);
        }
    }

    private static void numbered(String heading, List<String> items, StringBuilder out) {
        if (items.isEmpty()) {
            return;
        }
        out.append('\n').append(heading).append('\n');
        for (int i = 0; i < items.size(); i++) {
            String n = String.format("  %d. ", i + 1);
            wrap(items.get(i), n, " ".repeat(n.length()), out);
        }
    }

    private static void wrap(String text, String indent, StringBuilder out) {
        wrap(text, indent, indent, out);
    }

    /**
     * Greedy word wrap at {@link #WIDTH}. A word longer than a line (a URL) gets a line of its own, and a
     * command in backticks is never split, so it can be copied from the terminal as it stands.
     */
    private static void wrap(String text, String first, String rest, StringBuilder out) {
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (String word : words(text)) {
            if (!empty && line.length() + 1 + word.length() > WIDTH) {
                out.append(line).append('\n');
                line.setLength(0);
                line.append(rest);
                empty = true;
            }
            line.append(empty ? "" : " ").append(word);
            empty = false;
        }
        out.append(line).append('\n');
    }

    /** Splits at white space, except inside a backtick span, which stays one unbreakable word. */
    static List<String> words(String text) {
        List<String> words = new java.util.ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inCode = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '`') {
                inCode = !inCode;
            }
            if (Character.isWhitespace(c) && !inCode) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(Character.isWhitespace(c) ? ' ' : c);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    /** Drops control characters (ESC sequences and the like) that pasted text may carry. */
    static String safe(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(cp -> !Character.isISOControl(cp) || cp == '\n')
                .forEach(b::appendCodePoint);
        return b.toString();
    }
}
