package dev.aadsts.core.command;

import dev.aadsts.core.card.Card;
import dev.aadsts.knowledge.SearchHit;
import java.util.List;

/**
 * What the bot answers, before any platform shapes it. {@code text} is a plain one-paragraph version for
 * notifications and screen readers; the other parts are filled according to {@link #kind}.
 *
 * @param compact whether cards are shown short (summary, top causes, first fix, facts) with the full
 *                playbook one click away: what a channel gets. Direct messages, commands and the CLI
 *                show them in full.
 */
public record Reply(Kind kind, String text, List<Card> cards, List<String> omittedCodes, List<SearchHit> results,
                    List<HelpLine> help, boolean compact) {

    /** More cards than this in one message is a wall nobody reads; the rest are named in one line. */
    public static final int MAX_CARDS = 5;
    /** A compact reply lists a line per code, so it can name more of them before the rest are counted. */
    public static final int MAX_LISTED = 10;

    public enum Kind {
        /** One card per code found (at most {@link #MAX_CARDS}, or {@link #MAX_LISTED} when compact). */
        CARDS,
        /** Catalog entries matching plain words. */
        SEARCH_RESULTS,
        HELP,
        /** Nothing to show; a platform answering unprompted pastes stays silent on this. */
        NOTHING_FOUND
    }

    /** A reply with full cards. */
    public Reply(Kind kind, String text, List<Card> cards, List<String> omittedCodes, List<SearchHit> results,
                 List<HelpLine> help) {
        this(kind, text, cards, omittedCodes, results, help, false);
    }

    public Reply {
        cards = List.copyOf(cards);
        omittedCodes = List.copyOf(omittedCodes);
        results = List.copyOf(results);
        help = List.copyOf(help);
    }

    /** The same reply with every card in full (a direct message answered through the channel path). */
    public Reply full() {
        if (!compact) {
            return this;
        }
        List<Card> shown = cards.subList(0, Math.min(cards.size(), MAX_CARDS));
        List<String> omitted = new java.util.ArrayList<>();
        cards.subList(shown.size(), cards.size()).forEach(c -> omitted.add(c.code()));
        omitted.addAll(omittedCodes);
        return new Reply(kind, text, shown, omitted, results, help, false);
    }

    /** The same reply with compact cards. */
    public Reply compacted() {
        return kind == Kind.CARDS && !compact ? new Reply(kind, text, cards, omittedCodes, results, help, true) : this;
    }

    /** The same reply with other cards (some already answered, say); compactness kept. */
    public Reply withCards(List<Card> shown, List<String> omitted) {
        return new Reply(kind, text, shown, omitted, results, help, compact);
    }

    /** Every distinct warning of the reply's cards, in order: a reply states each once. */
    public List<String> warnings() {
        return cards.stream().flatMap(c -> c.warnings().stream()).distinct().toList();
    }

    public static Reply nothing(String text) {
        return new Reply(Kind.NOTHING_FOUND, text, List.of(), List.of(), List.of(), List.of());
    }

    /** The line above a list of search results ("Best matches for …:"); the rest of {@code text} lists them. */
    public String heading() {
        // The router quotes the query, and a query may hold colons of its own: the heading ends at '":'.
        int end = text.indexOf("\": ");
        return kind == Kind.SEARCH_RESULTS && end >= 0 ? text.substring(0, end + 2) : text;
    }

    public boolean isEmpty() {
        return kind == Kind.NOTHING_FOUND;
    }
}
