package dev.aadsts.teams;

import dev.aadsts.core.command.Reply;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.core.stats.StatsCommand;

/** {@code aadsts stats} typed to the bot: the same report as Slack's and the CLI's. */
final class TeamsStats {
    private final Stats stats;

    TeamsStats(Stats stats) {
        this.stats = stats;
    }

    boolean isStatsCommand(String text) {
        return StatsCommand.matches(text);
    }

    /** One paragraph per line: a Teams text block is Markdown, where only a blank line surely breaks. */
    Reply report() {
        return Reply.nothing(String.join("\n\n", stats.report().lines()));
    }
}
