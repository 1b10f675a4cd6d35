package dev.aadsts.app.stats;

import dev.aadsts.core.BotCore;
import dev.aadsts.core.command.Reply;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.core.stats.WeeklyDigest;
import dev.aadsts.core.store.Store;
import dev.aadsts.slack.SlackBot;
import dev.aadsts.teams.TeamsOutbox;
import dev.aadsts.teams.cards.AdaptiveCards;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code STATS_DIGEST_CHANNEL}: where the weekly stats digest goes. A Slack channel id ({@code C0123ABCD}, or
 * {@code T0123ABCD/C0123ABCD} in one workspace of several) or a Teams conversation id ({@code 19:…@thread.tacv2}); {@code slack:} / {@code teams:} in front say it outright.
 */
public final class StatsDigestSetting {
    public static final String VARIABLE = "STATS_DIGEST_CHANNEL";
    // T…/ (a workspace) or E…/ (an organization) in front names where the channel is, in distribution mode.
    private static final Pattern SLACK_CHANNEL = Pattern.compile("(?:[TE][A-Z0-9]{6,20}/)?[CG][A-Z0-9]{6,20}");
    private static final Pattern TEAMS_CONVERSATION = Pattern.compile("(?:19|a):[^\\s]{3,300}");

    /** The parsed value: which platform and which conversation. */
    public record Target(boolean slack, String conversation) {
    }

    private StatsDigestSetting() {
    }

    /**
     * @return null when the variable is unset
     * @throws IllegalArgumentException a value that names neither a Slack channel nor a Teams conversation
     */
    public static Target parse(Map<String, String> env) {
        String raw = env.getOrDefault(VARIABLE, "").strip();
        if (raw.isEmpty()) {
            return null;
        }
        String value = raw.replaceFirst("^(?i)(slack|teams):", "");
        boolean saysSlack = raw.regionMatches(true, 0, "slack:", 0, 6);
        boolean saysTeams = raw.regionMatches(true, 0, "teams:", 0, 6);
        if (!saysTeams && SLACK_CHANNEL.matcher(value).matches()) {
            return new Target(true, value);
        }
        if (!saysSlack && TEAMS_CONVERSATION.matcher(value).matches()) {
            return new Target(false, value);
        }
        throw new IllegalArgumentException(VARIABLE + " must be a Slack channel id (C0123ABCD) or a Teams "
                + "conversation id (19:…@thread.tacv2), optionally after slack: or teams:");
    }

    /**
     * The digest for a target, posting through the platform that is on.
     *
     * @throws IllegalArgumentException the target's platform is not configured
     */
    public static WeeklyDigest digest(Target target, BotCore core, Store store, SlackBot slack, TeamsOutbox teams) {
        return digest(target, core, store, slack, teams, Clock.systemUTC());
    }

    /** As above, on a given clock (tests pick a Monday). */
    public static WeeklyDigest digest(Target target, BotCore core, Store store, SlackBot slack, TeamsOutbox teams,
            Clock clock) {
        Stats stats = new Stats(store.stats(), core.catalog(), clock);
        WeeklyDigest.Destination destination;
        if (target.slack()) {
            if (slack == null) {
                throw new IllegalArgumentException(VARIABLE + " names a Slack channel, but Slack is off");
            }
            destination = (title, text) -> slack.postText(target.conversation(), text);
        } else {
            if (teams == null) {
                throw new IllegalArgumentException(VARIABLE + " names a Teams conversation, but Teams is off");
            }
            AdaptiveCards cards = new AdaptiveCards();
            destination = (title, text) -> teams.post(target.conversation(),
                    cards.reply(Reply.nothing(text)).get(0), title);
        }
        return new WeeklyDigest(stats, store.seenEvents(), destination, clock);
    }
}
