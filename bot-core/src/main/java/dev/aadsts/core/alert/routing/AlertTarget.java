package dev.aadsts.core.alert.routing;

/**
 * Where alert cards go: a Slack channel id, or a Teams conversation chosen by id or by team and channel
 * name. {@link #key()} is how the store names the target.
 */
public record AlertTarget(Platform platform, String id) {

    public enum Platform { SLACK, TEAMS }

    /** Separates team from channel in a Teams selector chosen by names: "Identity Helpdesk » Sign-in alerts". */
    public static final String TEAM_CHANNEL_SEPARATOR = " » ";

    public AlertTarget {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an alert target needs an id");
        }
    }

    public static AlertTarget slack(String channelId) {
        return new AlertTarget(Platform.SLACK, channelId.strip());
    }

    public static AlertTarget teamsConversation(String conversationId) {
        return new AlertTarget(Platform.TEAMS, conversationId.strip());
    }

    public static AlertTarget teamsChannel(String team, String channel) {
        return new AlertTarget(Platform.TEAMS, team.strip() + TEAM_CHANNEL_SEPARATOR + channel.strip());
    }

    /** "slack:C0123" or "teams:19:…@thread.tacv2" or "teams:Team » Channel". */
    public String key() {
        return (platform == Platform.SLACK ? "slack:" : "teams:") + id;
    }

    public static AlertTarget fromKey(String key) {
        if (key.startsWith("slack:")) {
            return new AlertTarget(Platform.SLACK, key.substring(6));
        }
        if (key.startsWith("teams:")) {
            return new AlertTarget(Platform.TEAMS, key.substring(6));
        }
        throw new IllegalArgumentException("not an alert target: " + key);
    }

    /** For a Teams target chosen by names: {team, channel}; null when the id is a conversation id. */
    public String[] teamAndChannel() {
        int cut = id.indexOf(TEAM_CHANNEL_SEPARATOR);
        return platform == Platform.TEAMS && cut > 0
                ? new String[] {id.substring(0, cut), id.substring(cut + TEAM_CHANNEL_SEPARATOR.length())}
                : null;
    }
}
