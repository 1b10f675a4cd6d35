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

    Reply report() {
        return Reply.nothing(stats.report().text());
    }
}
