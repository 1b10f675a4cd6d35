package dev.aadsts.core.stats;

import java.util.ArrayList;
import java.util.List;

/** What {@code aadsts stats} shows; every platform prints the same lines. */
public record StatsReport(List<CodeCount> lastWeek, List<CodeCount> lastMonth, List<CodeCount> unknown,
                          List<Helpfulness> helpfulness) {

    public StatsReport {
        lastWeek = List.copyOf(lastWeek);
        lastMonth = List.copyOf(lastMonth);
        unknown = List.copyOf(unknown);
        helpfulness = List.copyOf(helpfulness);
    }

    /** Headings followed by their rows; plain text, codes and numbers only, so nothing needs escaping. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        counts(lines, "Codes pasted most, last 7 days", lastWeek);
        counts(lines, "Codes pasted most, last 30 days", lastMonth);
        counts(lines, "Codes not in the catalog yet, last 30 days", unknown);
        lines.add("Helpful / not helpful, per code");
        if (helpfulness.isEmpty()) {
            lines.add("  no votes yet");
        }
        for (Helpfulness h : helpfulness) {
            lines.add("  AADSTS" + h.code() + "  " + h.helpful() + " helpful, " + h.notHelpful() + " not helpful");
        }
        return lines;
    }

    public String text() {
        return String.join("\n", lines());
    }

    private static void counts(List<String> lines, String heading, List<CodeCount> rows) {
        lines.add(heading);
        if (rows.isEmpty()) {
            lines.add("  none");
        }
        for (CodeCount c : rows) {
            lines.add("  AADSTS" + c.code() + "  " + c.count());
        }
    }
}
