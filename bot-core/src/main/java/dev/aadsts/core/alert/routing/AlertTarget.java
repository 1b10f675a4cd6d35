package dev.aadsts.core.alert.routing;

/**
 * Where alert cards go: a Slack channel id (with its workspace's team id in front when the app is installed in
 * several workspaces), or a Teams conversation chosen by id or by team and channel name. {@link #key()} is how the store names the target.
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

    /**
     * Separates a Slack workspace's team id (or an Enterprise Grid organization's id) from the channel id:
     * "T0123ABCD/C0123ABCD", "E0123ABCD/C0123ABCD".
     */
    public static final String WORKSPACE_CHANNEL_SEPARATOR = "/";

    /** For a Slack target naming its workspace ("T0123/C0456" or "E0123/C0456"): that id; null for a bare channel id. */
    public String slackWorkspace() {
        int cut = id.indexOf(WORKSPACE_CHANNEL_SEPARATOR);
        return platform == Platform.SLACK && cut > 0 ? id.substring(0, cut) : null;
    }

    /** For a Slack target: the channel id, without the workspace. */
    public String slackChannel() {
        int cut = id.indexOf(WORKSPACE_CHANNEL_SEPARATOR);
        return platform == Platform.SLACK && cut > 0 ? id.substring(cut + 1) : id;
    }

    /** "slack:C0123" or "slack:T0123/C0456" or "teams:19:…@thread.tacv2" or "teams:Team » Channel". */
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
