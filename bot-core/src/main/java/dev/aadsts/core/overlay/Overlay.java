package dev.aadsts.core.overlay;

import dev.aadsts.core.card.Card;
import dev.aadsts.core.card.CardOverlay;
import dev.aadsts.core.card.OrganizationSection;
import dev.aadsts.core.card.OrganizationSection.Contact;
import dev.aadsts.knowledge.Link;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An organization's knowledge overlay, loaded and checked by {@link OverlayLoader}: the rules of every file
 * in its folder. Applied to a card, the matching rules (all cards first, then categories, then codes; files
 * in name order) give one "At organization" section, and the causes and fix steps they hide are removed.
 */
public final class Overlay implements CardOverlay {
    private final Path folder;
    private final String organization;
    private final List<OverlayRule> rules;
    private final int files;

    Overlay(Path folder, String organization, List<OverlayRule> rules, int files) {
        this.folder = folder;
        this.organization = organization;
        List<OverlayRule> ordered = new ArrayList<>(rules);
        ordered.sort(Comparator.comparing(OverlayRule::scope)); // stable: file and rule order within a scope
        this.rules = List.copyOf(ordered);
        this.files = files;
    }

    public Path folder() {
        return folder;
    }

    /** Null when the folder holds no rules. */
    public String organization() {
        return organization;
    }

    public int ruleCount() {
        return rules.size();
    }

    /** "3 rules from 2 files for Contoso IT in /etc/aadsts/overlay". */
    public String describe() {
        return rules.size() + (rules.size() == 1 ? " rule" : " rules") + " from " + files
                + (files == 1 ? " file" : " files") + (organization == null ? "" : " for " + organization)
                + " in " + folder;
    }

    @Override
    public Card apply(Card card) {
        List<OverlayRule> matching = rules.stream().filter(r -> r.appliesTo(card)).toList();
        if (matching.isEmpty()) {
            return card;
        }
        List<String> notes = new ArrayList<>();
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        Map<String, Link> links = new LinkedHashMap<>();
        Map<String, Contact> contacts = new LinkedHashMap<>();
        for (OverlayRule r : matching) {
            if (r.note() != null) {
                notes.add(r.note());
            }
            before.addAll(r.fixesBefore());
            after.addAll(r.fixesAfter());
            r.links().forEach(l -> links.putIfAbsent(l.url(), l));
            r.contacts().forEach(c -> contacts.putIfAbsent(c.kind() + "\n" + c.value(), c));
        }
        List<String> causes = kept(card.causes(), matching, true);
        List<String> fixes = kept(card.fixes(), matching, false);
        OrganizationSection section = new OrganizationSection(organization, notes, before, after,
                List.copyOf(links.values()), List.copyOf(contacts.values()),
                card.causes().size() - causes.size(), card.fixes().size() - fixes.size());
        return card.withOrganization(section, causes, fixes);
    }

    private static List<String> kept(List<String> items, List<OverlayRule> rules, boolean causes) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            int number = i + 1;
            String item = items.get(i);
            boolean hidden = rules.stream().map(r -> causes ? r.hideCauses() : r.hideFixes())
                    .anyMatch(h -> h.hides(number, item));
            if (!hidden) {
                kept.add(item);
            }
        }
        return kept;
    }
}
