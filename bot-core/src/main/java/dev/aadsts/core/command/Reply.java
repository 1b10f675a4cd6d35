package dev.aadsts.core.command;

import dev.aadsts.core.card.Card;
import dev.aadsts.knowledge.SearchHit;
import java.util.List;

/**
 * What the bot answers, before any platform shapes it. {@code text} is a plain one-paragraph version for
 * notifications and screen readers; the other parts are filled according to {@link #kind}.
 */
public record Reply(Kind kind, String text, List<Card> cards, List<String> omittedCodes, List<SearchHit> results,
                    List<HelpLine> help) {

    /** More cards than this in one message is a wall nobody reads; the rest are named in one line. */
    public static final int MAX_CARDS = 5;

    public enum Kind {
        /** One card per code found (at most {@link #MAX_CARDS}). */
        CARDS,
        /** Catalog entries matching plain words. */
        SEARCH_RESULTS,
        HELP,
        /** Nothing to show; a platform answering unprompted pastes stays silent on this. */
        NOTHING_FOUND
    }

    public Reply {
        cards = List.copyOf(cards);
        omittedCodes = List.copyOf(omittedCodes);
        results = List.copyOf(results);
        help = List.copyOf(help);
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
