package dev.aadsts.knowledge;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The immutable, validated set of entries, ordered by numeric code. Load it once and share it. */
public final class Catalog {
    private final Map<String, CatalogEntry> byCode;

    Catalog(List<CatalogEntry> entries) {
        Map<String, CatalogEntry> map = new LinkedHashMap<>();
        entries.stream()
                .sorted(Comparator.comparingLong(e -> Long.parseLong(e.code())))
                .forEach(e -> map.put(e.code(), e));
        this.byCode = java.util.Collections.unmodifiableMap(map);
    }

    /**
     * The catalog shipped on the class path; fails with every problem listed if the data is malformed. The
     * validator's rules are the build's tests' job ({@link CatalogLoader#loadShipped()}).
     */
    public static Catalog load() {
        return new CatalogLoader().loadShipped();
    }

    public Optional<CatalogEntry> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public boolean contains(String code) {
        return byCode.containsKey(code);
    }

    public Collection<CatalogEntry> entries() {
        return byCode.values();
    }

    public int size() {
        return byCode.size();
    }

    public long playbookCount() {
        return byCode.values().stream().filter(e -> e.playbook() != null).count();
    }
}
