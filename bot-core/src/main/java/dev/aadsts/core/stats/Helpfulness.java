package dev.aadsts.core.stats;

/** Votes on one code's card, one per person (the latest counts). */
public record Helpfulness(String code, long helpful, long notHelpful) {
    public long total() {
        return helpful + notHelpful;
    }
}
