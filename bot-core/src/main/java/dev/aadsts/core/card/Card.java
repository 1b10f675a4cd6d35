package dev.aadsts.core.card;

import dev.aadsts.knowledge.Audience;
import dev.aadsts.knowledge.Category;
import dev.aadsts.knowledge.Link;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A platform-neutral answer card for one code. Catalog text is trusted; {@link #facts} and the message
 * fact come from user input (already redacted) and every renderer must escape them for its platform.
 *
 * @param category     null for a code the catalog does not know
 * @param retryable    null for a code the catalog does not know
 * @param actions      the card's own buttons: Microsoft's lookup, then related codes to explain
 * @param sources      the public pages the entry rests on; empty when the entry names none yet
 * @param reviewed     when a person last checked the entry against its sources; null when unknown
 * @param extraActions button rows drawn after everything else, each on its own (a feedback row, say);
 *                     renderers never count them against the card's own action budget
 * @param organization what the operator's organization adds (operator text: escape it too); null when nothing
 */
public record Card(
        String code,
        boolean known,
        String name,
        String title,
        String summary,
        List<Audience> audience,
        Category category,
        Boolean retryable,
        List<String> causes,
        List<String> fixes,
        List<String> collect,
        String scenario,
        List<Fact> facts,
        List<Link> links,
        List<CardAction> actions,
        List<String> warnings,
        List<Link> sources,
        LocalDate reviewed,
        List<ActionGroup> extraActions,
        OrganizationSection organization) {

    /** How many causes a compact card lists. */
    public static final int COMPACT_CAUSES = 2;

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    /** A card without sources, review date, extra rows or an organization section. */
    public Card(String code, boolean known, String name, String title, String summary, List<Audience> audience,
                Category category, Boolean retryable, List<String> causes, List<String> fixes, List<String> collect,
                String scenario, List<Fact> facts, List<Link> links, List<CardAction> actions,
                List<String> warnings) {
        this(code, known, name, title, summary, audience, category, retryable, causes, fixes, collect, scenario,
                facts, links, actions, warnings, List.of(), null, List.of(), null);
    }

    public Card {
        audience = List.copyOf(audience);
        causes = List.copyOf(causes);
        fixes = List.copyOf(fixes);
        collect = List.copyOf(collect);
        facts = List.copyOf(facts);
        links = List.copyOf(links);
        actions = List.copyOf(actions);
        warnings = List.copyOf(warnings);
        sources = sources == null ? List.of() : List.copyOf(sources);
        extraActions = extraActions == null ? List.of() : List.copyOf(extraActions);
    }

    /** "Checked November 2026", when the entry has a review date. */
    public Optional<String> checked() {
        return Optional.ofNullable(reviewed).map(d -> "Checked " + MONTH.format(d));
    }

    /** The causes a compact card shows: the most likely ones. */
    public List<String> topCauses() {
        return causes.subList(0, Math.min(COMPACT_CAUSES, causes.size()));
    }

    /** The first fix step, or null when the card has none. */
    public String firstFix() {
        return fixes.isEmpty() ? null : fixes.get(0);
    }

    /** The related codes this card offers to explain, in catalog order. */
    public List<String> relatedCodes() {
        return actions.stream().filter(a -> a.kind() == CardAction.Kind.EXPLAIN_CODE).map(CardAction::value)
                .filter(v -> !v.equals(code)).distinct().toList();
    }

    /** The same card with one more row of buttons at its end. */
    public Card withExtraActions(ActionGroup group) {
        List<ActionGroup> groups = new ArrayList<>(extraActions);
        groups.add(group);
        return new Card(code, known, name, title, summary, audience, category, retryable, causes, fixes, collect,
                scenario, facts, links, actions, warnings, sources, reviewed, groups, organization);
    }

    /** "AADSTS50011" — how people write and search for the code. */
    public String label() {
        return "AADSTS" + code;
    }

    /** Short badge texts: who acts, the category, and whether a retry can help. */
    public List<String> badges() {
        List<String> badges = new ArrayList<>();
        if (!audience.isEmpty()) {
            badges.add("Who acts: " + String.join(", ", audience.stream().map(Audience::label).toList()));
        }
        if (category != null) {
            badges.add("Area: " + category.label());
        }
        if (retryable != null) {
            badges.add(retryable ? "Retrying may help" : "Retrying won't help");
        }
        return badges;
    }

    /** The same card with facts and warnings from one paste; the catalog part is shared. */
    public Card withPaste(List<Fact> pasteFacts, List<String> pasteWarnings) {
        return new Card(code, known, name, title, summary, audience, category, retryable, causes, fixes, collect,
                scenario, pasteFacts, links, actions, pasteWarnings, sources, reviewed, extraActions, organization);
    }

    /** The same card as an organization sees it: its section added, and the causes and fixes it keeps. */
    public Card withOrganization(OrganizationSection section, List<String> keptCauses, List<String> keptFixes) {
        return new Card(code, known, name, title, summary, audience, category, retryable, keptCauses, keptFixes,
                collect, scenario, facts, links, actions, warnings, sources, reviewed, extraActions, section);
    }
}
