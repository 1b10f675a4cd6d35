package dev.aadsts.teams.cards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aadsts.core.card.ActionGroup;
import dev.aadsts.core.card.Card;
import dev.aadsts.core.card.CardAction;
import dev.aadsts.core.card.Fact;
import dev.aadsts.core.card.OrganizationSection;
import dev.aadsts.core.command.CommandRouter;
import dev.aadsts.core.command.HelpLine;
import dev.aadsts.core.command.Reply;
import dev.aadsts.knowledge.CatalogEntry;
import dev.aadsts.knowledge.Link;
import dev.aadsts.knowledge.SearchHit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders bot-core replies as Adaptive Card JSON (the content of a Bot Framework attachment of type
 * {@link #CONTENT_TYPE}). Plain Jackson trees, no Bot Framework classes, so the output is easy to test and
 * to send any way.
 *
 * <p>Every card states schema version {@value #SCHEMA_VERSION} (Teams mobile refuses newer or missing
 * versions) and uses only elements and actions of that version; buttons are {@code Action.Submit} with a
 * Teams {@code messageBack}, never {@code Action.Execute}. Text from the paste is escaped with
 * {@link TeamsText#escape}; catalog text is ours and only made literal.
 *
 * <p>Teams refuses a message over about 28 KB, so an explanation card is kept under {@link #MAX_BYTES} of
 * UTF-8 JSON: when it is larger, related-code buttons go first, then the ticket checklist, then causes,
 * fix steps and facts are shortened, and the card says so with a link to the full entry.
 */
public final class AdaptiveCards {
    public static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    /** The content type of {@link #thumbnailPreview}, a Bot Framework ThumbnailCard. */
    public static final String THUMBNAIL_CONTENT_TYPE = "application/vnd.microsoft.card.thumbnail";
    public static final String SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
    public static final String SCHEMA_VERSION = "1.4";
    /** Largest card JSON this class produces, in UTF-8 bytes; Teams' own limit is about 28 KB a message. */
    public static final int MAX_BYTES = 26_000;

    static final int MAX_RELATED = 4;
    /** At most this many top-level buttons, so they fit side by side on a phone (392 px). */
    static final int MAX_ACTIONS = 3;
    /** How far a list of several codes can shrink before its rows fall back to "Explain" buttons. */
    private static final int LIST_LEVELS = 3;
    static final String PLAYBOOK_TITLE = "Playbook";
    static final String CHECKLIST_TITLE = "Checklist";
    static final String MORE_TITLE = "More";
    static final String LOOKUP_TITLE = "Look up";
    static final int MAX_SEARCH_RESULTS = 10;
    static final int FALLBACK_CHARS = 300;
    static final String SHORTENED = "Shortened to fit in a Teams message.";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern CODE = Pattern.compile("\\d{1,10}");

    /**
     * How much of a card to show. The first shape is the whole card; each later one gives up more, and
     * the first whose JSON fits is sent.
     */
    private record Shape(int maxRelated, boolean collect, boolean scenario, int maxItems, int maxItemChars,
                         int maxFacts, int maxFactChars, int maxWarnings, int maxWarningChars,
                         int maxSummaryChars) {
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape(MAX_RELATED, true, true, 20, 1500, 20, 1500, 5, 1000, 1500),
            new Shape(0, true, true, 20, 1500, 20, 1500, 5, 1000, 1500),
            new Shape(0, false, true, 20, 1500, 20, 1500, 5, 1000, 1500),
            new Shape(0, false, true, 8, 500, 12, 500, 3, 600, 1000),
            new Shape(0, false, false, 5, 250, 8, 200, 2, 400, 600),
            new Shape(0, false, false, 0, 0, 4, 100, 2, 300, 400));

    /** Records whether anything was left out, so the card can say it was shortened. */
    private static final class Trim {
        boolean cut;

        Trim(boolean cut) {
            this.cut = cut;
        }

        String fit(String s, int max) {
            String text = s == null ? "" : s;
            if (text.length() <= max) {
                return text;
            }
            cut = true;
            return TeamsText.cut(text, max);
        }

        <T> List<T> take(List<T> items, int max) {
            if (items.size() <= max) {
                return items;
            }
            cut = true;
            return items.subList(0, max);
        }
    }

    /** One full explanation card, at most {@link #MAX_BYTES} long. */
    public ObjectNode card(Card card) {
        return card(card, false);
    }

    /**
     * One explanation card, at most {@link #MAX_BYTES} long: compact (summary, top causes, first fix,
     * facts, with the playbook in a ShowCard) or full.
     */
    public ObjectNode card(Card card, boolean compact) {
        for (int level = 0; level < SHAPES.size(); level++) {
            ObjectNode node = explanation(card, SHAPES.get(level), level > 0, compact);
            if (bytes(node) <= MAX_BYTES) {
                return node;
            }
        }
        return smallest(card);
    }

    /**
     * The cards of a reply, one message each: a card per code (then one naming the codes left out), one
     * card of search results, a help card, or a small text card.
     */
    public List<ObjectNode> reply(Reply reply) {
        return switch (reply.kind()) {
            case CARDS -> {
                if (reply.compact() && reply.cards().size() > 1) {
                    yield List.of(codeList(reply));
                }
                List<ObjectNode> out = new ArrayList<>();
                reply.cards().forEach(c -> out.add(card(c, reply.compact())));
                if (!reply.omittedCodes().isEmpty()) {
                    out.add(omitted(reply.omittedCodes()));
                }
                yield out;
            }
            case SEARCH_RESULTS -> List.of(search(reply));
            case HELP -> List.of(help(reply));
            case NOTHING_FOUND -> List.of(textCard(TeamsText.escape(reply.text())));
        };
    }

    /** The card sent when the bot is added: what it does, three things to type, and how it treats secrets. */
    public ObjectNode welcome() {
        ArrayNode body = JSON.arrayNode();
        body.add(text("Hi! I explain Microsoft Entra ID sign-in errors.").put("weight", "Bolder")
                .put("size", "Medium"));
        body.add(text("Paste an Entra ID sign-in error (AADSTS\u2026) or type **aadsts 50011**, "
                + "**search expired secret** or **help**. I answer with what happened, who has to act, the likely "
                + "causes and the steps to fix it."));
        body.add(text("Privacy: if a paste contains a secret (a client secret, password or token), I never repeat "
                + "it back; the card tells you to delete that message and rotate the secret.").put("isSubtle", true)
                .put("size", "Small"));
        ArrayNode actions = JSON.arrayNode();
        actions.add(explainButton("50011", "Try: AADSTS50011"));
        return root(body, actions, false, "Paste an Entra ID sign-in error or type: aadsts 50011");
    }

    /** A compact card for a messaging-extension result list: code, title, a few lines of summary. */
    public ObjectNode preview(Card card) {
        ArrayNode body = JSON.arrayNode();
        body.add(text(TeamsText.catalog(card.label())).put("isSubtle", true).put("size", "Small")
                .put("weight", "Bolder"));
        body.add(text(TeamsText.catalog(TeamsText.plain(card.title(), 200))).put("weight", "Bolder")
                .put("spacing", "None"));
        body.add(text(TeamsText.catalog(TeamsText.plain(card.summary(), 400))).put("maxLines", 3)
                .put("spacing", "Small"));
        if (!card.badges().isEmpty()) {
            body.add(text(TeamsText.catalog(String.join(" \u00B7 ", card.badges()))).put("isSubtle", true)
                    .put("size", "Small").put("spacing", "Small"));
        }
        return root(body, null, false, fallbackText(card));
    }

    /**
     * A ThumbnailCard ({@link #THUMBNAIL_CONTENT_TYPE}) for the preview of a compose-extension result: Teams
     * lists results as hero or thumbnail cards. Plain text only; the catalog half of the card, no paste.
     */
    public ObjectNode thumbnailPreview(Card card) {
        ObjectNode node = JSON.objectNode();
        node.put("title", card.label());
        node.put("subtitle", lookalikes(TeamsText.plain(card.title(), 120)));
        node.put("text", lookalikes(TeamsText.plain(card.summary(), 200)));
        return node;
    }

    /** "AADSTS700027 — title: summary" in plain text of at most 300 characters, for notifications. */
    public String fallbackText(Card card) {
        // An unknown code's title already starts with the code ("AADSTS… is not in our catalog yet").
        String head = card.title().startsWith(card.label()) ? card.title()
                : card.label() + " \u2014 " + card.title();
        return TeamsText.plain(head + ": " + card.summary(), FALLBACK_CHARS);
    }

    /** The UTF-8 size of a card's JSON. */
    static int bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    // ---- explanation cards ------------------------------------------------------------------------------

    /**
     * One explanation card. Three actions at most, with short titles, so they fit side by side even on a
     * phone: the playbook (compact) or the ticket checklist (full) as a ShowCard, "More" (related codes,
     * references, sources) as a ShowCard, and Microsoft's lookup page. A card's extra rows (feedback) go in
     * the body, after everything else, and do not count.
     */
    private ObjectNode explanation(Card c, Shape shape, boolean shortened, boolean compact) {
        Trim trim = new Trim(shortened);
        ArrayNode body = JSON.arrayNode();
        header(c, body, trim);
        body.add(text(TeamsText.catalog(trim.fit(c.summary(), shape.maxSummaryChars()))).put("spacing", "Medium"));
        warnings(c.warnings(), shape, trim, body);
        if (!compact) {
            scenario(c, shape, trim, body);
        }
        facts(c.facts(), shape, trim, body);
        organization(c.organization(), body);
        if (!c.known()) {
            if (!c.collect().isEmpty() && shape.collect()) {
                list("For a support ticket, collect", c.collect(), false, shape, trim, body);
            } else if (!c.collect().isEmpty()) {
                trim.cut = true;
            }
        } else if (compact) {
            String heading = c.causes().size() > c.topCauses().size() ? "Most likely causes" : "Likely causes";
            list(heading, c.topCauses(), true, shape, trim, body);
            if (c.firstFix() != null) {
                list("First thing to try", List.of(c.firstFix()), false, shape, trim, body);
            }
        } else {
            list("Likely causes (most likely first)", c.causes(), true, shape, trim, body);
            list("How to fix", c.fixes(), true, shape, trim, body);
        }
        c.checked().ifPresent(checked -> body.add(text(checked).put("isSubtle", true).put("size", "Small")
                .put("spacing", "Medium")));
        if (trim.cut) {
            body.add(pointer(c));
        }
        body.add(FeedbackButtons.row(c.code()));
        extraRows(c, body);

        ArrayNode actions = JSON.arrayNode();
        ObjectNode first = compact ? playbook(c, shape, trim) : checklist(c, shape, trim);
        if (first != null) {
            actions.add(first);
        }
        actions.add(more(c, shape, trim));
        Link lookup = lookupLink(c);
        actions.add(openUrl(LOOKUP_TITLE, lookup.url()));
        return root(body, actions, true, fallbackText(c));
    }

    private static void header(Card c, ArrayNode body, Trim trim) {
        String label = TeamsText.catalog(c.label())
                + (c.name() == null ? "" : "  \u00B7  " + TeamsText.catalog(trim.fit(c.name(), 120)));
        body.add(text(label).put("color", "Accent").put("weight", "Bolder"));
        body.add(text(TeamsText.catalog(trim.fit(c.title(), 300))).put("weight", "Bolder").put("size", "Large")
                .put("spacing", "None"));
        if (!c.badges().isEmpty()) {
            body.add(text(TeamsText.catalog(String.join(" \u00B7 ", c.badges()))).put("isSubtle", true)
                    .put("size", "Small").put("spacing", "Small"));
        }
    }

    private static void warnings(List<String> warnings, Shape shape, Trim trim, ArrayNode body) {
        for (String warning : trim.take(warnings, shape.maxWarnings())) {
            // A warning may quote the paste, so it is escaped like user text.
            body.add(text("\u26A0\uFE0F " + TeamsText.escape(trim.fit(warning, shape.maxWarningChars())))
                    .put("color", "Attention").put("weight", "Bolder"));
        }
    }

    private static void scenario(Card c, Shape shape, Trim trim, ArrayNode body) {
        if (c.scenario() == null) {
            return;
        }
        if (shape.scenario()) {
            body.add(text("**Depends on the flow:** " + TeamsText.catalog(TeamsText.withoutCodeMarks(
                    trim.fit(c.scenario(), shape.maxItemChars())))));
        } else {
            trim.cut = true;
        }
    }

    private static void facts(List<Fact> all, Shape shape, Trim trim, ArrayNode body) {
        if (all.isEmpty()) {
            return;
        }
        body.add(heading("From your error"));
        ArrayNode facts = JSON.arrayNode();
        for (Fact f : trim.take(all, shape.maxFacts())) {
            facts.add(JSON.objectNode()
                    .put("title", TeamsText.catalog(trim.fit(f.label(), 60)))
                    .put("value", TeamsText.escape(trim.fit(f.value(), shape.maxFactChars()))));
        }
        ObjectNode set = JSON.objectNode().put("type", "FactSet").put("spacing", "Small");
        set.set("facts", facts);
        body.add(set);
    }

    /**
     * A heading and its items, numbered or bulleted. Each item is a two-column row (the number, then
     * the text), and a command inside an item gets a monospace block of its own, so it wraps on its own
     * and can be copied whole (Adaptive Cards have no inline code).
     */
    private static void list(String title, List<String> items, boolean numbered, Shape shape, Trim trim,
                             ArrayNode into) {
        List<String> shown = trim.take(items, shape.maxItems());
        if (shown.isEmpty()) {
            return;
        }
        into.add(heading(title));
        for (int i = 0; i < shown.size(); i++) {
            String mark = numbered ? (i + 1) + "." : shown.size() == 1 ? null : "\u2022";
            into.add(item(mark, trim.fit(shown.get(i), shape.maxItemChars())));
        }
    }

    /**
     * The organization's section: an emphasised container with its notes, steps and contacts (operator
     * text, escaped like a paste) and its links as buttons inside the container, apart from the card's own.
     */
    private static void organization(OrganizationSection org, ArrayNode body) {
        if (org == null) {
            return;
        }
        ArrayNode items = JSON.arrayNode();
        items.add(text("\uD83C\uDFE2 " + TeamsText.escape(org.heading())).put("weight", "Bolder"));
        org.notes().forEach(n -> items.add(text(TeamsText.escape(n)).put("spacing", "Small")));
        orgSteps("First, before our steps below", org.fixesBefore(), items);
        orgSteps("If our steps below don't solve it", org.fixesAfter(), items);
        ArrayNode buttons = JSON.arrayNode();
        ArrayNode contacts = JSON.arrayNode();
        for (OrganizationSection.Contact c : org.contacts()) {
            contacts.add(JSON.objectNode().put("title", c.kind().label()).put("value", TeamsText.escape(c.value())));
            if (c.url() != null) {
                buttons.add(openUrl(c.kind() == OrganizationSection.Contact.Kind.EMAIL ? "Email " + c.value()
                        : c.value(), c.url()));
            }
        }
        if (!contacts.isEmpty()) {
            ObjectNode set = JSON.objectNode().put("type", "FactSet").put("spacing", "Small");
            set.set("facts", contacts);
            items.add(set);
        }
        org.links().forEach(l -> buttons.add(openUrl(l.label(), l.url())));
        if (!buttons.isEmpty()) {
            ObjectNode actionSet = JSON.objectNode().put("type", "ActionSet");
            actionSet.set("actions", buttons);
            items.add(actionSet);
        }
        if (org.hiddenLine() != null) {
            items.add(text(TeamsText.escape(org.hiddenLine())).put("isSubtle", true).put("size", "Small"));
        }
        ObjectNode container = JSON.objectNode().put("type", "Container").put("style", "emphasis")
                .put("spacing", "Medium");
        container.set("items", items);
        body.add(container);
    }

    private static void orgSteps(String heading, List<String> steps, ArrayNode items) {
        if (steps.isEmpty()) {
            return;
        }
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            list.append(i == 0 ? "" : "\n").append(i + 1).append(". ").append(TeamsText.escape(steps.get(i)));
        }
        items.add(text("**" + heading + "**").put("spacing", "Small"));
        items.add(text(list.toString()).put("spacing", "None"));
    }

    /** One list item: an optional mark column and the item's prose and command blocks. */
    static ObjectNode item(String mark, String catalogText) {
        ArrayNode parts = JSON.arrayNode();
        for (TeamsText.Segment segment : TeamsText.segments(catalogText)) {
            ObjectNode block;
            if (segment.command()) {
                block = text(TeamsText.command(segment.text())).put("fontType", "Monospace");
                ObjectNode box = JSON.objectNode().put("type", "Container").put("style", "emphasis")
                        .put("spacing", "Small");
                box.set("items", JSON.arrayNode().add(block));
                parts.add(box);
            } else {
                block = text(TeamsText.catalog(segment.text()));
                parts.add(parts.isEmpty() ? block : block.put("spacing", "Small"));
            }
        }
        if (parts.isEmpty()) {
            parts.add(text(""));
        }
        if (mark == null) {
            ObjectNode container = JSON.objectNode().put("type", "Container").put("spacing", "Small");
            container.set("items", parts);
            return container;
        }
        // A TextRun is never read as Markdown, so "1." stays a number instead of starting a list.
        ObjectNode run = JSON.objectNode().put("type", "TextRun").put("text", mark).put("isSubtle", true);
        ObjectNode marker = JSON.objectNode().put("type", "RichTextBlock");
        marker.set("inlines", JSON.arrayNode().add(run));
        ArrayNode number = JSON.arrayNode().add(marker);
        ArrayNode columns = JSON.arrayNode().add(column("auto", number).put("minWidth", "14px"))
                .add(column("stretch", parts));
        ObjectNode row = JSON.objectNode().put("type", "ColumnSet").put("spacing", "Small");
        row.set("columns", columns);
        return row;
    }

    /** Compact cards: the whole playbook, one click away. */
    private static ObjectNode playbook(Card c, Shape shape, Trim trim) {
        ArrayNode body = JSON.arrayNode();
        scenario(c, shape, trim, body);
        list("Likely causes (most likely first)", c.causes(), true, shape, trim, body);
        list("How to fix", c.fixes(), true, shape, trim, body);
        collect(c, shape, trim, body);
        if (body.isEmpty()) {
            return null;
        }
        return showCard(PLAYBOOK_TITLE, body);
    }

    /** Full cards: what to gather for a support ticket. */
    private static ObjectNode checklist(Card c, Shape shape, Trim trim) {
        if (!c.known()) {
            return null;
        }
        ArrayNode body = JSON.arrayNode();
        collect(c, shape, trim, body);
        return body.isEmpty() ? null : showCard(CHECKLIST_TITLE, body);
    }

    private static void collect(Card c, Shape shape, Trim trim, ArrayNode body) {
        if (shape.collect()) {
            list("What to collect for a ticket", c.collect(), false, shape, trim, body);
        } else if (!c.collect().isEmpty()) {
            trim.cut = true;
        }
    }

    /** "More": related codes to explain, Microsoft's pages, and the sources the entry rests on. */
    private static ObjectNode more(Card c, Shape shape, Trim trim) {
        ArrayNode body = JSON.arrayNode();
        List<String> related = c.relatedCodes().stream().filter(v -> CODE.matcher(v).matches()).toList();
        if (!related.isEmpty() && shape.maxRelated() == 0) {
            trim.cut = true;
        }
        List<String> shownRelated = related.subList(0, Math.min(related.size(), shape.maxRelated()));
        if (!shownRelated.isEmpty()) {
            body.add(heading("Related codes").put("spacing", "None"));
            for (String code : shownRelated) {
                body.add(relatedRow(code));
            }
        }
        body.add(heading("References").put("spacing", body.isEmpty() ? "None" : "Medium"));
        Set<String> urls = new LinkedHashSet<>();
        for (Link link : c.links()) {
            if (urls.add(link.url())) {
                body.add(text(markdownLink(link)).put("spacing", "Small"));
            }
        }
        if (!c.sources().isEmpty()) {
            body.add(heading("Sources" + c.checked().map(x -> " (c" + x.substring(1) + ")").orElse("")));
            for (Link source : c.sources()) {
                body.add(text(markdownLink(source)).put("spacing", "Small"));
            }
        }
        return showCard(MORE_TITLE, body);
    }

    /** A related code as a tappable row: no button width to overflow on a phone. */
    private static ObjectNode relatedRow(String code) {
        ObjectNode row = JSON.objectNode().put("type", "Container").put("spacing", "Small");
        row.set("items", JSON.arrayNode().add(text("Explain **AADSTS" + code + "** \u203A").put("color", "Accent")));
        row.set("selectAction", explainButton(code, "Explain AADSTS" + code));
        return row;
    }

    /** A Markdown link to one of our own addresses, or the label and address as text when it would not parse. */
    private static String markdownLink(Link link) {
        String url = link.url();
        if (!url.startsWith("https://") || url.matches(".*[\\s()\\[\\]<>].*")) {
            return TeamsText.catalog(link.label()) + ": " + TeamsText.catalog(url);
        }
        return "[" + TeamsText.catalog(link.label()) + "](" + url + ")";
    }

    private static ObjectNode showCard(String title, ArrayNode body) {
        ObjectNode inner = JSON.objectNode().put("type", "AdaptiveCard").put("version", SCHEMA_VERSION);
        inner.set("body", body);
        return JSON.objectNode().put("type", "Action.ShowCard").put("title", title).set("card", inner);
    }

    /** A card's extra rows (feedback and the like): ActionSets at the very end of the body. */
    private static void extraRows(Card c, ArrayNode body) {
        for (ActionGroup group : c.extraActions()) {
            ArrayNode buttons = JSON.arrayNode();
            for (CardAction a : group.actions()) {
                switch (a.kind()) {
                    case OPEN_URL -> buttons.add(openUrl(a.label(), a.value()));
                    case EXPLAIN_CODE -> {
                        if (CODE.matcher(a.value()).matches()) {
                            buttons.add(explainButton(a.value(), TeamsText.plain(a.label(), 40)));
                        }
                    }
                    case SUBMIT -> {
                        ObjectNode data = JSON.objectNode().put("action", group.id()).put("value", a.value())
                                .put("code", c.code());
                        ObjectNode button = JSON.objectNode().put("type", "Action.Submit")
                                .put("title", TeamsText.plain(a.label(), 40));
                        button.set("data", data);
                        buttons.add(button);
                    }
                }
            }
            if (!buttons.isEmpty()) {
                ObjectNode set = JSON.objectNode().put("type", "ActionSet").put("spacing", "Medium");
                set.set("actions", buttons);
                body.add(set);
            }
        }
    }

    private static ObjectNode pointer(Card c) {
        Link lookup = lookupLink(c);
        return text(SHORTENED + " Full entry: [" + TeamsText.catalog(lookup.label()) + "](" + lookup.url() + ")")
                .put("isSubtle", true).put("size", "Small").put("spacing", "Medium").put("separator", true);
    }

    private static Link lookupLink(Card c) {
        for (Link link : c.links()) {
            if (link.url().contains("error?code=")) {
                return link;
            }
        }
        return c.links().isEmpty() ? CatalogEntry.linksFor(c.code()).get(0) : c.links().get(0);
    }

    /** The last resort when even the most reduced shape is too large: headline, pointer and links. */
    private ObjectNode smallest(Card c) {
        Trim trim = new Trim(true);
        ArrayNode body = JSON.arrayNode();
        body.add(text(c.label()).put("color", "Accent").put("weight", "Bolder"));
        body.add(text(TeamsText.catalog(trim.fit(c.title(), 200))).put("weight", "Bolder").put("size", "Large")
                .put("spacing", "None"));
        body.add(text(TeamsText.catalog(trim.fit(c.summary(), 400))));
        body.add(pointer(c));
        ArrayNode actions = JSON.arrayNode();
        Link lookup = lookupLink(c);
        actions.add(openUrl(LOOKUP_TITLE, lookup.url()));
        return root(body, actions, true, fallbackText(c));
    }

    // ---- several codes in a channel ---------------------------------------------------------------------

    /**
     * Several codes in a channel: one card listing each code with its one-line meaning (the title) and
     * the message from its own line, each with a "Details" ShowCard (its playbook). When that is too
     * large for one message, the details shrink to the top causes and first fix, then those are cut
     * short, and last each row gets an "Explain" button instead.
     */
    private ObjectNode codeList(Reply reply) {
        for (int level = 0; level < LIST_LEVELS; level++) {
            ObjectNode node = codeList(reply, level);
            if (bytes(node) <= MAX_BYTES) {
                return node;
            }
        }
        return codeList(reply, LIST_LEVELS);
    }

    private ObjectNode codeList(Reply reply, int level) {
        ArrayNode body = JSON.arrayNode();
        int total = reply.cards().size() + reply.omittedCodes().size();
        body.add(text(total + " sign-in errors in this message").put("weight", "Bolder").put("size", "Medium"));
        body.add(text("Open one for its causes and fix steps.").put("isSubtle", true).put("spacing", "None"));
        Shape shape = SHAPES.get(Math.min(level + 3, SHAPES.size() - 1));
        warnings(reply.warnings(), shape, new Trim(false), body);
        for (Card c : reply.cards()) {
            ArrayNode items = JSON.arrayNode();
            items.add(text("**" + TeamsText.catalog(c.label()) + "** \u00B7 "
                    + TeamsText.catalog(TeamsText.plain(c.title(), 200))));
            for (Fact f : c.facts()) {
                if (f.id().equals("message")) {
                    items.add(text(TeamsText.escape(TeamsText.plain(f.value(), 200))).put("size", "Small")
                            .put("spacing", "Small").put("fontType", "Monospace"));
                }
            }
            ObjectNode action = level >= LIST_LEVELS ? explainButton(c.code(), "Explain")
                    : details(c, level == 2 ? SHAPES.get(4) : SHAPES.get(0), level > 0);
            ObjectNode set = JSON.objectNode().put("type", "ActionSet").put("spacing", "Small");
            set.set("actions", JSON.arrayNode().add(action));
            items.add(set);
            ObjectNode row = JSON.objectNode().put("type", "Container").put("separator", true)
                    .put("spacing", "Medium");
            row.set("items", items);
            body.add(row);
        }
        if (!reply.omittedCodes().isEmpty()) {
            body.add(text(TeamsText.escape(CommandRouter.moreLine(reply.omittedCodes()))).put("isSubtle", true)
                    .put("size", "Small").put("separator", true));
        }
        return root(body, null, true, userFallback(reply.text()));
    }


    /** One row's "Details": facts and playbook (or only its top, when space is short), plus a full card. */
    private static ObjectNode details(Card c, Shape shape, boolean topOnly) {
        Trim trim = new Trim(false);
        ArrayNode body = JSON.arrayNode();
        facts(c.facts(), shape, trim, body);
        if (!c.known()) {
            list("For a support ticket, collect", c.collect(), false, shape, trim, body);
        } else if (topOnly) {
            list("Most likely causes", c.topCauses(), true, shape, trim, body);
            if (c.firstFix() != null) {
                list("First thing to try", List.of(c.firstFix()), false, shape, trim, body);
            }
        } else {
            list("Likely causes (most likely first)", c.causes(), true, shape, trim, body);
            list("How to fix", c.fixes(), true, shape, trim, body);
        }
        ObjectNode set = JSON.objectNode().put("type", "ActionSet").put("spacing", "Medium");
        set.set("actions", JSON.arrayNode().add(explainButton(c.code(), "Full card")));
        body.add(set);
        return showCard("Details", body);
    }

    // ---- other replies ----------------------------------------------------------------------------------

    private ObjectNode omitted(List<String> codes) {
        ArrayNode body = JSON.arrayNode();
        body.add(text(TeamsText.escape(CommandRouter.moreLine(codes))).put("isSubtle", true));
        ArrayNode actions = JSON.arrayNode();
        codes.stream().filter(code -> CODE.matcher(code).matches()).distinct().limit(MAX_RELATED)
                .forEach(code -> actions.add(explainButton(code, "Explain AADSTS" + code)));
        return root(body, actions, false, userFallback(CommandRouter.moreLine(codes)));
    }

    private ObjectNode search(Reply reply) {
        ArrayNode body = JSON.arrayNode();
        body.add(text(TeamsText.escape(reply.heading())).put("weight", "Bolder"));
        List<SearchHit> hits = reply.results();
        for (SearchHit hit : hits.subList(0, Math.min(hits.size(), MAX_SEARCH_RESULTS))) {
            CatalogEntry e = hit.entry();
            ArrayNode left = JSON.arrayNode();
            left.add(text("**AADSTS" + e.code() + "** \u00B7 " + TeamsText.catalog(e.title())));
            left.add(text(TeamsText.catalog(TeamsText.cut(e.summary(), 240))).put("isSubtle", true)
                    .put("size", "Small").put("spacing", "None"));
            ArrayNode button = JSON.arrayNode();
            if (CODE.matcher(e.code()).matches()) {
                button.add(explainButton(e.code(), "Explain"));
            }
            ObjectNode actionSet = JSON.objectNode().put("type", "ActionSet");
            actionSet.set("actions", button);
            ArrayNode right = JSON.arrayNode().add(actionSet);
            ArrayNode columns = JSON.arrayNode()
                    .add(column("stretch", left))
                    .add(column("auto", right).put("verticalContentAlignment", "Center"));
            ObjectNode row = JSON.objectNode().put("type", "ColumnSet").put("separator", true).put("spacing", "Medium");
            row.set("columns", columns);
            body.add(row);
        }
        return root(body, null, true, userFallback(reply.text()));
    }

    private ObjectNode help(Reply reply) {
        ArrayNode body = JSON.arrayNode();
        body.add(text("What I can do").put("weight", "Bolder").put("size", "Medium"));
        body.add(text(TeamsText.catalog(reply.text())));
        // A command above its description, not a FactSet: on a phone a FactSet's title column wraps
        // "aadsts search <words>" into three lines.
        for (HelpLine line : reply.help()) {
            body.add(text("**" + TeamsText.catalog("aadsts " + line.usage()) + "**").put("spacing", "Small"));
            body.add(text(TeamsText.catalog(line.description())).put("isSubtle", true).put("spacing", "None"));
        }
        body.add(text("In a chat with me the word aadsts is optional. In a channel, mention me, or just paste an "
                + "error: I answer every message that carries an AADSTS code.").put("isSubtle", true)
                .put("size", "Small"));
        ArrayNode actions = JSON.arrayNode();
        actions.add(explainButton("50011", "Try: AADSTS50011"));
        return root(body, actions, false, TeamsText.plain(reply.text(), FALLBACK_CHARS));
    }

    private static ObjectNode textCard(String markdown) {
        ArrayNode body = JSON.arrayNode();
        body.add(text(markdown));
        return root(body, null, false, null);
    }

    /**
     * A card's own {@code fallbackText} is shown, as Markdown, by a client that cannot draw the card, so
     * when it carries user text (a search query, codes from a paste) it is escaped like any other.
     */
    private static String userFallback(String text) {
        return TeamsText.escape(TeamsText.plain(text, FALLBACK_CHARS));
    }

    // ---- elements ---------------------------------------------------------------------------------------

    private static ObjectNode root(ArrayNode body, ArrayNode actions, boolean fullWidth, String fallback) {
        ObjectNode card = JSON.objectNode();
        card.put("type", "AdaptiveCard");
        card.put("$schema", SCHEMA);
        card.put("version", SCHEMA_VERSION);
        card.set("body", body);
        if (actions != null && !actions.isEmpty()) {
            card.set("actions", actions);
        }
        if (fallback != null && !fallback.isEmpty()) {
            card.put("fallbackText", fallback);
        }
        if (fullWidth) {
            card.putObject("msteams").put("width", "Full");
        }
        return card;
    }

    /** A wrapping TextBlock; {@code markdown} must already be escaped or be our own. */
    private static ObjectNode text(String markdown) {
        return JSON.objectNode().put("type", "TextBlock").put("text", markdown).put("wrap", true);
    }

    private static ObjectNode heading(String ours) {
        return text(ours).put("weight", "Bolder").put("spacing", "Medium");
    }

    private static ObjectNode column(String width, ArrayNode items) {
        ObjectNode column = JSON.objectNode().put("type", "Column").put("width", width);
        column.set("items", items);
        return column;
    }

    private static ObjectNode openUrl(String title, String url) {
        return JSON.objectNode().put("type", "Action.OpenUrl").put("title", TeamsText.plain(title, 80))
                .put("url", url);
    }

    /**
     * A button that explains a code: {@code data.action}/{@code data.code} for the bot, and a Teams
     * {@code messageBack} so the click also shows "aadsts 50011" in the chat as if the user had typed it.
     */
    static ObjectNode explainButton(String code, String title) {
        String command = "aadsts " + code;
        ObjectNode data = JSON.objectNode().put("action", "explain").put("code", code);
        data.putObject("msteams").put("type", "messageBack").put("text", command).put("displayText", command);
        ObjectNode button = JSON.objectNode().put("type", "Action.Submit").put("title", title);
        button.set("data", data);
        return button;
    }

    private static String lookalikes(String plain) {
        return plain.replace('<', '\u2039').replace('>', '\u203A');
    }
}
