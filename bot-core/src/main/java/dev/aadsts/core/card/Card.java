package dev.aadsts.core.card;

import dev.aadsts.knowledge.Audience;
import dev.aadsts.knowledge.Category;
import dev.aadsts.knowledge.Link;
import java.util.ArrayList;
import java.util.List;

/**
 * A platform-neutral answer card for one code. Catalog text is trusted; {@link #facts} and the message
 * fact come from user input (already redacted) and every renderer must escape them for its platform.
 *
 * @param category     null for a code the catalog does not know
 * @param retryable    null for a code the catalog does not know
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
        OrganizationSection organization) {

    public Card {
        audience = List.copyOf(audience);
        causes = List.copyOf(causes);
        fixes = List.copyOf(fixes);
        collect = List.copyOf(collect);
        facts = List.copyOf(facts);
        links = List.copyOf(links);
        actions = List.copyOf(actions);
        warnings = List.copyOf(warnings);
    }

    /** A card without an organization section. */
    public Card(String code, boolean known, String name, String title, String summary, List<Audience> audience,
            Category category, Boolean retryable, List<String> causes, List<String> fixes, List<String> collect,
            String scenario, List<Fact> facts, List<Link> links, List<CardAction> actions, List<String> warnings) {
        this(code, known, name, title, summary, audience, category, retryable, causes, fixes, collect, scenario,
                facts, links, actions, warnings, null);
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
    Card withPaste(List<Fact> pasteFacts, List<String> pasteWarnings) {
        return new Card(code, known, name, title, summary, audience, category, retryable, causes, fixes, collect,
                scenario, pasteFacts, links, actions, pasteWarnings, organization);
    }

    /** The same card as an organization sees it: its section added, and the causes and fixes it keeps. */
    public Card withOrganization(OrganizationSection section, List<String> keptCauses, List<String> keptFixes) {
        return new Card(code, known, name, title, summary, audience, category, retryable, keptCauses, keptFixes,
                collect, scenario, facts, links, actions, warnings, section);
    }
}
