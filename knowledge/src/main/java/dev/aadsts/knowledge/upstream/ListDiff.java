package dev.aadsts.knowledge.upstream;

import dev.aadsts.knowledge.Catalog;
import dev.aadsts.knowledge.CatalogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a newer copy of Microsoft's list means for the catalog. The catalog also holds codes that real
 * sign-ins return but the list never carried, so "removed" is judged against the copy the catalog was last
 * checked against ({@link MicrosoftList#shipped()}), not against the catalog: a harvested code missing from
 * the list is normal, a listed code that disappears is news.
 *
 * @param added       on the newer list, not in the catalog: entries to write
 * @param newlyListed already in the catalog as a harvested code, now on the list too (our name, the list's)
 * @param renamed     in both, with a different symbolic name (including a name published or dropped)
 * @param removed     on the list the catalog was checked against, gone from the newer one
 * @param harvested   catalog codes that neither list carries (nothing to do; for the summary)
 */
public record ListDiff(List<Code> added, List<Rename> newlyListed, List<Rename> renamed, List<Code> removed,
                       int harvested, int newerSize, int catalogSize) {

    /** A code and its symbolic name (null when none is published). */
    public record Code(String code, String name) {
    }

    public record Rename(String code, String from, String to) {
    }

    public boolean hasWork() {
        return !added.isEmpty() || !newlyListed.isEmpty() || !renamed.isEmpty() || !removed.isEmpty();
    }

    public static ListDiff of(Catalog catalog, MicrosoftList checkedAgainst, MicrosoftList newer) {
        List<Code> added = new ArrayList<>();
        List<Rename> newlyListed = new ArrayList<>();
        List<Rename> renamed = new ArrayList<>();
        List<Code> removed = new ArrayList<>();
        Map<String, String> newNames = newer.names();
        for (Map.Entry<String, String> row : newNames.entrySet()) {
            CatalogEntry entry = catalog.find(row.getKey()).orElse(null);
            if (entry == null) {
                added.add(new Code(row.getKey(), row.getValue()));
                continue;
            }
            String ours = MicrosoftList.normalise(entry.name());
            if (!checkedAgainst.names().containsKey(row.getKey())) {
                newlyListed.add(new Rename(row.getKey(), ours, row.getValue()));
            } else if (!Objects.equals(ours, row.getValue())) {
                renamed.add(new Rename(row.getKey(), ours, row.getValue()));
            }
        }
        for (Map.Entry<String, String> row : checkedAgainst.names().entrySet()) {
            if (!newNames.containsKey(row.getKey())) {
                String name = catalog.find(row.getKey()).map(CatalogEntry::name).orElse(row.getValue());
                removed.add(new Code(row.getKey(), name));
            }
        }
        int harvested = (int) catalog.entries().stream()
                .filter(e -> !newNames.containsKey(e.code()) && !checkedAgainst.names().containsKey(e.code()))
                .count();
        sort(added);
        sort(removed);
        newlyListed.sort(java.util.Comparator.comparingLong(r -> Long.parseLong(r.code())));
        renamed.sort(java.util.Comparator.comparingLong(r -> Long.parseLong(r.code())));
        return new ListDiff(List.copyOf(added), List.copyOf(newlyListed), List.copyOf(renamed), List.copyOf(removed),
                harvested, newNames.size(), catalog.size());
    }

    private static void sort(List<Code> codes) {
        codes.sort(java.util.Comparator.comparingLong(c -> Long.parseLong(c.code())));
    }
}
