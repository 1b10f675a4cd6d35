package dev.aadsts.core.command;

import dev.aadsts.core.card.Card;
import dev.aadsts.core.card.CardBuilder;
import dev.aadsts.core.context.SecretRedactor;
import dev.aadsts.core.explain.Analysis;
import dev.aadsts.core.explain.Explainer;
import dev.aadsts.core.explain.Finding;
import dev.aadsts.knowledge.CatalogSearch;
import dev.aadsts.knowledge.SearchHit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one command grammar that Slack's {@code /aadsts}, a Teams message to the bot, and the CLI share:
 * a code, a pasted error, {@code search <words>}, or {@code help}. Plain words that are not a command and
 * carry no code are searched too, so {@code /aadsts expired secret} just works.
 */
public final class CommandRouter {
    public static final int SEARCH_LIMIT = 5;
    /** Longer code-free text is a paste without a code, not a search query. */
    private static final int MAX_IMPLICIT_SEARCH_WORDS = 8;
    private static final Pattern COMMAND_WORD = Pattern.compile("(?i)^/?aadsts(?=\\s|$)\\s*");
    private static final Pattern SEARCH = Pattern.compile("(?is)^(?:search|find|lookup)(?:\\s+(.*))?$");
    private static final Pattern HELP = Pattern.compile("(?i)^(?:help|\\?|-h|--help|usage)$");

    private static final SecretRedactor REDACTOR = new SecretRedactor();

    private final Explainer explainer;
    private final CardBuilder cards;
    private final CatalogSearch search;

    public CommandRouter(Explainer explainer, CardBuilder cards, CatalogSearch search) {
        this.explainer = explainer;
        this.cards = cards;
        this.search = search;
    }

    /** A command someone addressed to the bot. Never returns null. */
    public Reply handle(String input) {
        String text = withoutCommandWord(input);
        if (text.isEmpty() || HELP.matcher(text).matches()) {
            return help();
        }
        Matcher words = SEARCH.matcher(text);
        if (words.matches()) {
            return search(words.group(1) == null ? "" : words.group(1).strip());
        }
        Reply pasted = cards(explainer.explain(text));
        if (!pasted.isEmpty()) {
            return pasted;
        }
        if (text.split("\\s+").length <= MAX_IMPLICIT_SEARCH_WORDS) {
            return search(text);
        }
        return Reply.nothing("No AADSTS code found in that text. Paste the whole error (with the line that starts "
                + "with AADSTS), or search with plain words.");
    }

    /**
     * A message that mentions the bot in a channel: a command if it is one (a code, search, help),
     * cards if it carries codes, and otherwise help, never a guess at a search.
     */
    public Reply mention(String input) {
        String text = withoutCommandWord(input);
        if (text.isEmpty() || HELP.matcher(text).matches() || SEARCH.matcher(text).matches()) {
            return handle(text);
        }
        Reply cards = cards(explainer.explain(text));
        return cards.isEmpty() ? help() : cards;
    }

    /** "/aadsts 700027" and "aadsts 700027" mean "700027"; "AADSTS700027" stays as it is. */
    private static String withoutCommandWord(String input) {
        return COMMAND_WORD.matcher(input == null ? "" : input.strip()).replaceFirst("").strip();
    }

    /** Text nobody addressed to the bot (a channel message): cards when it carries codes, otherwise nothing. */
    public Reply paste(String text) {
        return cards(explainer.analyze(text));
    }

    /** Cards for an analysis already made (the CLI and API explain first, then render). */
    public Reply cards(Analysis analysis) {
        if (!analysis.hasCodes()) {
            return Reply.nothing("No AADSTS code found.");
        }
        List<Card> shown = new ArrayList<>();
        List<String> omitted = new ArrayList<>();
        for (Finding f : analysis.findings()) {
            if (shown.size() < Reply.MAX_CARDS) {
                shown.add(cards.build(f, analysis.secrets()));
            } else {
                omitted.add(f.code());
            }
        }
        String text = fallback(shown, omitted);
        if (analysis.truncated()) {
            text += " | " + analysis.total() + " codes in all; only the first " + analysis.findings().size()
                    + " were read";
        }
        return new Reply(Reply.Kind.CARDS, text, shown, omitted, List.of(), List.of());
    }

    public Reply search(String query) {
        if (CatalogSearch.termsOf(query).isEmpty()) {
            return Reply.nothing("Tell me what to search for, e.g. \"search expired secret\".");
        }
        List<SearchHit> hits = search.search(query, SEARCH_LIMIT);
        if (hits.isEmpty()) {
            return Reply.nothing("Nothing in the catalog matches \"" + shorten(query) + "\". Try other words, or "
                    + "paste the error itself.");
        }
        StringBuilder text = new StringBuilder("Best matches for \"" + shorten(query) + "\": ");
        for (int i = 0; i < hits.size(); i++) {
            SearchHit h = hits.get(i);
            text.append(i == 0 ? "" : "; ").append("AADSTS").append(h.entry().code()).append(" ")
                    .append(h.entry().title());
        }
        return new Reply(Reply.Kind.SEARCH_RESULTS, text.toString(), List.of(), List.of(), hits, List.of());
    }

    public Reply help() {
        List<HelpLine> lines = List.of(
                new HelpLine("700027", "explain one code (AADSTS700027 works too)"),
                new HelpLine("<pasted error>", "explain every code in an error message, token response, URL or log"),
                new HelpLine("search <words>", "find codes by plain words, e.g. \"search expired secret\""),
                new HelpLine("help", "show this list"));
        return new Reply(Reply.Kind.HELP, "I explain Microsoft Entra sign-in errors (AADSTS codes): paste an error "
                + "or give me a code, and I answer with the cause and the fix.", List.of(), List.of(), List.of(),
                lines);
    }

    private static String fallback(List<Card> shown, List<String> omitted) {
        StringBuilder s = new StringBuilder();
        for (Card c : shown) {
            s.append(s.length() == 0 ? "" : " | ").append(c.label()).append(": ").append(c.title());
        }
        if (!omitted.isEmpty()) {
            s.append(" | ").append(moreLine(omitted));
        }
        return s.toString();
    }

    /** "3 more codes not shown: AADSTS50012, …" — platforms print this under the cards. */
    public static String moreLine(List<String> omitted) {
        return omitted.size() + " more code" + (omitted.size() == 1 ? "" : "s") + " not shown: "
                + String.join(", ", omitted.stream().map(c -> "AADSTS" + c).toList());
    }

    /** Queries are echoed back, so they pass the same redaction as any other user text. */
    private static String shorten(String query) {
        String q = REDACTOR.redact(query.strip()).replaceAll("\\s+", " ");
        return q.length() <= 60 ? q : q.substring(0, 59) + "…";
    }
}
