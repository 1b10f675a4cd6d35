package dev.aadsts.signin.investigate;

import dev.aadsts.signin.graph.GraphGroupMembership;
import dev.aadsts.signin.graph.GraphSettings;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may look up sign-ins from chat, read from the environment. Each platform's lookup is on only when Graph
 * is configured and its list names someone; otherwise that platform shows no button and refuses the command.
 */
public record SignInAccess(Set<String> slackUsers, Set<String> slackGroups, Set<String> teamsUsers,
        Set<String> teamsGroups) {

    public static final String SLACK_USERS = "SIGNIN_SLACK_USERS";
    public static final String SLACK_USERGROUPS = "SIGNIN_SLACK_USERGROUPS";
    public static final String TEAMS_USERS = "SIGNIN_TEAMS_USERS";
    public static final String TEAMS_GROUPS = "SIGNIN_TEAMS_GROUPS";

    private static final Pattern SLACK_USER = Pattern.compile("[UW][A-Z0-9]{2,30}");
    private static final Pattern SLACK_GROUP = Pattern.compile("S[A-Z0-9]{2,30}");
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public SignInAccess {
        slackUsers = Set.copyOf(slackUsers);
        slackGroups = Set.copyOf(slackGroups);
        teamsUsers = Set.copyOf(teamsUsers);
        teamsGroups = Set.copyOf(teamsGroups);
    }

    /** @throws GraphSettings.InvalidSettings naming the variable that is wrong */
    public static SignInAccess fromEnv(Map<String, String> env) {
        SignInAccess access = new SignInAccess(
                ids(env, SLACK_USERS, SLACK_USER, false, "Slack user ids like U0123ABCD"),
                ids(env, SLACK_USERGROUPS, SLACK_GROUP, false, "Slack user group ids like S0123ABCD"),
                ids(env, TEAMS_USERS, GUID, true, "Entra object ids (GUIDs) of the Teams users"),
                ids(env, TEAMS_GROUPS, GUID, true, "Entra group object ids (GUIDs)"));
        if (access.teamsGroups().size() > GraphGroupMembership.MAX_GROUPS) {
            throw new GraphSettings.InvalidSettings(TEAMS_GROUPS + " names more than "
                    + GraphGroupMembership.MAX_GROUPS + " groups (Graph checks at most that many at once)");
        }
        String tenant = env.get(GraphSettings.TENANT_ID);
        if ((access.slackOn() || access.teamsOn()) && (tenant == null || tenant.isBlank())) {
            throw new GraphSettings.InvalidSettings("the SIGNIN_* allow-lists need the Graph lookup: set "
                    + GraphSettings.TENANT_ID + " and a credential");
        }
        return access;
    }

    public boolean slackOn() {
        return !slackUsers.isEmpty() || !slackGroups.isEmpty();
    }

    public boolean teamsOn() {
        return !teamsUsers.isEmpty() || !teamsGroups.isEmpty();
    }

    /** One line for check-config: how many people and groups each platform names (not who). */
    public String describe() {
        return "Slack " + (slackOn() ? slackUsers.size() + " user(s), " + slackGroups.size() + " user group(s)" : "off")
                + "; Teams " + (teamsOn() ? teamsUsers.size() + " user(s), " + teamsGroups.size() + " Entra group(s)"
                : "off");
    }

    private static Set<String> ids(Map<String, String> env, String name, Pattern shape, boolean guid, String what) {
        String raw = env.get(name);
        Set<String> ids = new LinkedHashSet<>();
        if (raw == null || raw.isBlank()) {
            return ids;
        }
        for (String part : raw.split("[,;\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!shape.matcher(part).matches()) {
                throw new GraphSettings.InvalidSettings(name + " must list " + what + ", separated by commas; '"
                        + (part.length() > 40 ? part.substring(0, 40) + "…" : part) + "' is not one");
            }
            ids.add(guid ? part.toLowerCase(Locale.ROOT) : part);
        }
        return ids;
    }
}
