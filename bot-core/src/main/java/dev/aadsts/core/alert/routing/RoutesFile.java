package dev.aadsts.core.alert.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aadsts.knowledge.Audience;
import dev.aadsts.knowledge.Category;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes file as written (YAML or JSON). Each part checks itself while it is read, so a mistake is
 * reported with the line the parser was on.
 */
record RoutesFile(Timings defaults, List<RouteSpec> routes, Targets defaultRoute) {

    /** A value that cannot work, naming the field it was written in so the error can point at its line. */
    static final class FieldProblem extends IllegalArgumentException {
        private final String field;

        FieldProblem(String field, String message) {
            super(message);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    @JsonCreator
    RoutesFile(@JsonProperty("defaults") Timings defaults, @JsonProperty("routes") List<RouteSpec> routes,
            @JsonProperty("default_route") Targets defaultRoute) {
        this.defaults = defaults;
        this.routes = routes == null ? List.of() : routes;
        this.defaultRoute = defaultRoute;
    }

    record Timings(Duration groupWait, Duration groupInterval, Duration repeatInterval) {
        @JsonCreator
        Timings(@JsonProperty("group_wait") String groupWait, @JsonProperty("group_interval") String groupInterval,
                @JsonProperty("repeat_interval") String repeatInterval) {
            this(duration("group_wait", groupWait), duration("group_interval", groupInterval),
                    duration("repeat_interval", repeatInterval));
        }

        AlertTimings over(AlertTimings base) {
            return new AlertTimings(groupWait == null ? base.groupWait() : groupWait,
                    groupInterval == null ? base.groupInterval() : groupInterval,
                    repeatInterval == null ? base.repeatInterval() : repeatInterval);
        }
    }

    record Match(Set<String> codes, Set<Category> categories, Set<Audience> audiences) {
        @JsonCreator
        Match(@JsonProperty("codes") List<String> codes, @JsonProperty("categories") List<String> categories,
                @JsonProperty("audiences") List<String> audiences) {
            this(parseCodes(codes), enums("categories", categories, Category::fromId),
                    enums("audiences", audiences, Audience::fromId));
        }
    }

    record Targets(List<AlertTarget> targets) {
        @JsonCreator
        Targets(@JsonProperty("slack") List<String> slack, @JsonProperty("teams") List<TeamsTarget> teams) {
            this(parseTargets(slack, teams));
        }
    }

    /** A Teams destination: {@code conversation: <id>}, or {@code team:} plus {@code channel:} (names or ids). */
    record TeamsTarget(AlertTarget target) {
        @JsonCreator
        TeamsTarget(@JsonProperty("conversation") String conversation, @JsonProperty("team") String team,
                @JsonProperty("channel") String channel) {
            this(teams(conversation, team, channel));
        }

        private static AlertTarget teams(String conversation, String team, String channel) {
            if (conversation != null && !conversation.isBlank()) {
                if (team != null || channel != null) {
                    throw new IllegalArgumentException("a Teams target takes either conversation or team and channel");
                }
                return AlertTarget.teamsConversation(conversation);
            }
            if (team == null || team.isBlank() || channel == null || channel.isBlank()) {
                throw new IllegalArgumentException("a Teams target needs conversation, or both team and channel");
            }
            return AlertTarget.teamsChannel(team, channel);
        }
    }

    /** {@code route} is null when the rule names no target; the reader reports that with the rule's line. */
    record RouteSpec(String name, AlertRoute route) {
        @JsonCreator
        RouteSpec(@JsonProperty("name") String name, @JsonProperty("match") Match match,
                @JsonProperty("slack") List<String> slack, @JsonProperty("teams") List<TeamsTarget> teams,
                @JsonProperty("continue") Boolean continueMatching) {
            this(name, route(name, match, slack, teams, continueMatching));
        }

        private static AlertRoute route(String name, Match match, List<String> slack, List<TeamsTarget> teams,
                Boolean cont) {
            if (name == null || name.isBlank()) {
                throw new FieldProblem("name", "every route needs a name");
            }
            Match m = match == null ? new Match(Set.of(), Set.of(), Set.of()) : match;
            List<AlertTarget> targets = parseTargets(slack, teams);
            return targets.isEmpty() ? null : new AlertRoute(name.strip(), m.codes(), m.categories(), m.audiences(),
                    targets, Boolean.TRUE.equals(cont));
        }
    }

    // A channel id, or a workspace's team id and a channel id ("T0123ABCD/C0123ABCD") when the app is
    // installed in many workspaces; an Enterprise Grid organization's id ("E0123ABCD/C0123ABCD") for one
    // installed org-wide.
    private static final Pattern SLACK_CHANNEL = Pattern.compile("(?:[TE][A-Z0-9]{6,20}/)?[CGD][A-Z0-9]{6,20}");
    private static final Pattern CODE = Pattern.compile("(?i)(?:AADSTS)?([0-9]{2,7})");
    private static final Pattern SIMPLE_DURATION = Pattern.compile("([0-9]{1,6})\\s*(ms|s|m|h|d)");

    static List<AlertTarget> parseTargets(List<String> slack, List<TeamsTarget> teams) {
        List<AlertTarget> out = new ArrayList<>();
        for (String channel : slack == null ? List.<String>of() : slack) {
            if (channel == null || !SLACK_CHANNEL.matcher(channel.strip()).matches()) {
                throw new FieldProblem("slack", "'" + channel + "' is not a Slack channel id (like C0123ABCD, or "
                        + "T0123ABCD/C0123ABCD for a channel in one workspace of several, E0123ABCD/C0123ABCD in an organization; copy it from the channel's "
                        + "details, not its name)");
            }
            out.add(AlertTarget.slack(channel));
        }
        for (TeamsTarget t : teams == null ? List.<TeamsTarget>of() : teams) {
            out.add(t.target());
        }
        return out;
    }

    private static Set<String> parseCodes(List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        for (String c : raw == null ? List.<String>of() : raw) {
            Matcher m = CODE.matcher(c == null ? "" : c.strip());
            if (!m.matches()) {
                throw new FieldProblem("codes", "'" + c + "' is not an AADSTS code (digits, e.g. 50126)");
            }
            out.add(m.group(1));
        }
        return out;
    }

    private static <E> Set<E> enums(String field, List<String> raw, java.util.function.Function<String, E> parse) {
        Set<E> out = new LinkedHashSet<>();
        for (String id : raw == null ? List.<String>of() : raw) {
            try {
                out.add(parse.apply(id == null ? "" : id.strip()));
            } catch (RuntimeException e) {
                throw new FieldProblem(field, e.getMessage());
            }
        }
        return out;
    }

    /** "30s", "5m", "4h", "1d", "500ms", or ISO-8601 such as "PT30S"; null stays null. */
    static Duration duration(String name, String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        Matcher m = SIMPLE_DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(t);
        } catch (RuntimeException e) {
            throw new FieldProblem(name, name + " must be a duration such as 30s, 5m or 4h, not '" + t + "'");
        }
    }
}
