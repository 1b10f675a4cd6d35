package dev.aadsts.core.stats;

import java.util.regex.Pattern;

/** Recognises the {@code stats} command in whatever a platform passes on ("stats", "aadsts stats"). */
public final class StatsCommand {
    private static final Pattern STATS = Pattern.compile("(?i)^\\s*(?:/?aadsts\\s+)?stats\\s*$");

    private StatsCommand() {
    }

    public static boolean matches(String text) {
        return text != null && STATS.matcher(text).matches();
    }
}
