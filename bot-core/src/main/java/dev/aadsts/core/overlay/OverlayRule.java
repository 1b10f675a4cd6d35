package dev.aadsts.core.overlay;

import dev.aadsts.core.card.Card;
import dev.aadsts.core.card.OrganizationSection.Contact;
import dev.aadsts.knowledge.Category;
import dev.aadsts.knowledge.Link;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One rule of an overlay file, already checked: which cards it is for, and what it adds to or hides
 * from them.
 *
 * @param where "contoso.yaml:12", for log lines about the rule
 */
record OverlayRule(
        Scope scope,
        Set<String> codes,
        Set<Category> categories,
        String note,
        List<String> fixesBefore,
        List<String> fixesAfter,
        List<Link> links,
        List<Contact> contacts,
        Hide hideCauses,
        Hide hideFixes,
        String where) {

    /** Broader rules are applied first, so a code's own note and steps come after its category's. */
    enum Scope {
        ALL, CATEGORIES, CODES
    }

    /** Which of our items to hide: by their 1-based number on the card, or by a phrase they contain. */
    record Hide(Set<Integer> numbers, List<String> phrases) {
        static final Hide NOTHING = new Hide(Set.of(), List.of());

        boolean isEmpty() {
            return numbers.isEmpty() && phrases.isEmpty();
        }

        boolean hides(int number, String item) {
            if (numbers.contains(number)) {
                return true;
            }
            String lower = item.toLowerCase(Locale.ROOT);
            return phrases.stream().anyMatch(p -> lower.contains(p.toLowerCase(Locale.ROOT)));
        }
    }

    boolean appliesTo(Card card) {
        return switch (scope) {
            case ALL -> true;
            case CATEGORIES -> card.category() != null && categories.contains(card.category());
            case CODES -> codes.contains(card.code());
        };
    }
}
