package dev.aadsts.core.detect;

import java.util.List;

/**
 * What one scan found: the first distinct codes (as many as the caller asked for), and how many distinct
 * codes the text holds in all, so a reply can say "and 9,900 more" without having looked at them.
 */
public record Detection(List<CodeMatch> codes, int total) {
    public Detection {
        codes = List.copyOf(codes);
    }

    public boolean truncated() {
        return total > codes.size();
    }
}
