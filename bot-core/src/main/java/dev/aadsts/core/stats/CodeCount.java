package dev.aadsts.core.stats;

/** How often a code was pasted or looked up in a period. */
public record CodeCount(String code, long count) {
}
