package dev.aadsts.benchmarks;

/** The baseline: count case-insensitive occurrences of "AADSTS", the simplest scan that could work. */
final class PrefixScan {
    private PrefixScan() {
    }

    static int count(String text) {
        int found = 0;
        int last = text.length() - 6;
        for (int i = 0; i <= last; i++) {
            if ((text.charAt(i) | 0x20) == 'a' && text.regionMatches(true, i, "AADSTS", 0, 6)) {
                found++;
            }
        }
        return found;
    }
}
