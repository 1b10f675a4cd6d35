package dev.aadsts.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds entries for plain words ("expired secret", "redirect uri"). Each entry's words are weighted by
 * where they stand (keywords and title count most), rare words count more than common ones, and an
 * entry that matches every word of the query beats one that matches some of them loudly.
 */
public final class CatalogSearch {
    private static final double KEYWORD = 4, TITLE = 3, NAME = 2.5, SUMMARY = 1.2, PLAYBOOK = 0.4;
    /** The query's words side by side in a keyword or the title beat the same words scattered. */
    private static final double PHRASE_BONUS = 0.3;
    private static final double NO_PLAYBOOK = 0.8;

    /** A code as people type it into a search box: "50011", "AADSTS50011", "aadsts 50011". */
    private static final Pattern CODE = Pattern.compile("(?i)(?<![\\w])(?:aadsts[\\s:-]*)?(\\d{4,10})(?![\\w])");

    private final Catalog catalog;
    /** Built on first use (or by {@link #prepare()}): a start that nobody searches during pays nothing for it. */
    private volatile Index index;
    private final AtomicInteger builds = new AtomicInteger();

    public CatalogSearch(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Builds the index now if no one has yet; {@code serve} calls it on a background thread once it is ready, so
     * the first search rarely waits. A search that comes first builds it itself, and one racing with this waits
     * for the same build.
     */
    public void prepare() {
        index();
    }

    /** How many times the index was built (once per instance); lets tests check that racing uses share one. */
    int builds() {
        return builds.get();
    }

    private Index index() {
        Index built = index;
        if (built == null) {
            synchronized (this) {
                built = index;
                if (built == null) {
                    built = build(catalog);
                    builds.incrementAndGet();
                    index = built;
                }
            }
        }
        return built;
    }

    private static Index build(Catalog catalog) {
        List<Indexed> docs = new ArrayList<>(catalog.size());
        Map<String, Integer> documentFrequency = new HashMap<>();
        for (CatalogEntry e : catalog.entries()) {
            Map<String, Double> weights = new HashMap<>();
            weigh(weights, String.join(" ", e.keywords()), KEYWORD);
            weigh(weights, e.title(), TITLE);
            if (e.name() != null) {
                weigh(weights, e.name(), NAME);
            }
            weigh(weights, e.summary(), SUMMARY);
            e.playbookIfAny().ifPresent(p -> weigh(weights,
                    String.join(" ", p.causes()) + " " + String.join(" ", p.fixes()), PLAYBOOK));
            weights.keySet().forEach(t -> documentFrequency.merge(t, 1, Integer::sum));
            String headline = (String.join(" | ", e.keywords()) + " | " + e.title()).toLowerCase(Locale.ROOT);
            docs.add(new Indexed(e, weights, headline));
        }
        int n = Math.max(1, catalog.size());
        Map<String, Double> idf = new HashMap<>();
        documentFrequency.forEach((t, df) -> idf.put(t, Math.log(1.0 + (double) n / df)));
        return new Index(List.copyOf(docs), Map.copyOf(idf));
    }

    /** A word counts once per field; a word that stands in several fields adds up their weights. */
    private static void weigh(Map<String, Double> weights, String text, double weight) {
        for (String t : new java.util.HashSet<>(SearchTokens.of(text))) {
            weights.merge(t, weight, Double::sum);
        }
    }

    public List<SearchHit> search(String query, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        // A code in the query names its entry outright; word matches follow it.
        List<SearchHit> exact = new ArrayList<>();
        Set<String> codes = new LinkedHashSet<>();
        Matcher code = CODE.matcher(query);
        while (code.find()) {
            String digits = code.group(1).replaceFirst("^0+(?=\\d)", "");
            if (codes.add(digits)) {
                catalog.find(digits).ifPresent(e -> exact.add(new SearchHit(e, 1.0)));
            }
        }
        List<SearchHit> words = byWords(query, limit);
        if (exact.isEmpty()) {
            return words;
        }
        List<SearchHit> hits = new ArrayList<>(exact);
        for (SearchHit h : words) {
            if (!codes.contains(h.entry().code())) {
                hits.add(h);
            }
        }
        return List.copyOf(hits.subList(0, Math.min(limit, hits.size())));
    }

    private List<SearchHit> byWords(String query, int limit) {
        List<String> terms = new ArrayList<>(new LinkedHashSet<>(SearchTokens.of(query)));
        if (terms.isEmpty()) {
            return List.of();
        }
        Index built = index();
        Map<String, Double> idf = built.idf;
        double best = 0;
        for (String t : terms) {
            best += idf.getOrDefault(t, 0.0) * (KEYWORD + TITLE + NAME + SUMMARY + PLAYBOOK);
        }
        String phrase = query.strip().toLowerCase(Locale.ROOT);
        List<SearchHit> hits = new ArrayList<>();
        for (Indexed doc : built.docs) {
            double raw = 0;
            int matched = 0;
            for (String t : terms) {
                Double w = doc.weights.get(t);
                if (w != null) {
                    raw += w * idf.getOrDefault(t, 0.0);
                    matched++;
                }
            }
            if (matched == 0) {
                continue;
            }
            double coverage = (double) matched / terms.size();
            double score = best == 0 ? 0 : raw / best * coverage * coverage;
            if (terms.size() > 1 && doc.headline.contains(phrase)) {
                score += PHRASE_BONUS;
            }
            if (doc.entry.playbook() == null) {
                score *= NO_PLAYBOOK; // Playbooks exist for the codes people meet; rarer ones rank lower.
            }
            hits.add(new SearchHit(doc.entry, Math.min(1.0, score / (1 + PHRASE_BONUS))));
        }
        hits.sort(Comparator.comparingDouble(SearchHit::score).reversed()
                .thenComparingLong(h -> Long.parseLong(h.entry().code())));
        return List.copyOf(hits.subList(0, Math.min(limit, hits.size())));
    }

    /** The words a query was reduced to; lets callers tell "nothing matched" from "nothing to search". */
    public static Set<String> termsOf(String query) {
        return new LinkedHashSet<>(SearchTokens.of(query));
    }

    private record Index(List<Indexed> docs, Map<String, Double> idf) {
    }

    private record Indexed(CatalogEntry entry, Map<String, Double> weights, String headline) {
    }
}
