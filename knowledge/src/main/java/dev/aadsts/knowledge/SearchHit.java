package dev.aadsts.knowledge;

/** One search result; {@code score} runs from 0 (barely related) to 1 (every word matched in a headline). */
public record SearchHit(CatalogEntry entry, double score) {
}
