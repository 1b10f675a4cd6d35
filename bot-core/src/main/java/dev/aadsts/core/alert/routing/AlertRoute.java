package dev.aadsts.core.alert.routing;

import dev.aadsts.knowledge.Audience;
import dev.aadsts.knowledge.CatalogEntry;
import dev.aadsts.knowledge.Category;
import java.util.List;
import java.util.Set;

/**
 * One routing rule: which codes it catches (by code, category or audience; an empty set means "any"), and
 * where their cards go. Like Alertmanager, the first matching route wins unless it says {@code continue}.
 */
public record AlertRoute(String name, Set<String> codes, Set<Category> categories, Set<Audience> audiences,
                         List<AlertTarget> targets, boolean continueMatching) {

    public AlertRoute {
        codes = Set.copyOf(codes);
        categories = Set.copyOf(categories);
        audiences = Set.copyOf(audiences);
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("route '" + name + "' has no slack or teams target");
        }
    }

    /** @param entry the catalog entry, or null for a code the catalog does not know (matches only by code) */
    public boolean matches(String code, CatalogEntry entry) {
        if (!codes.isEmpty() && !codes.contains(code)) {
            return false;
        }
        if (!categories.isEmpty() && (entry == null || !categories.contains(entry.category()))) {
            return false;
        }
        return audiences.isEmpty() || entry != null && entry.audience().stream().anyMatch(audiences::contains);
    }
}
