package dev.aadsts.signin.investigate;

import java.util.Set;

/** Whether a person is in any of the named groups: Slack user groups, Entra groups. */
@FunctionalInterface
public interface GroupMembership {
    GroupMembership NONE = (user, groups) -> false;

    /** May throw when the platform cannot answer; the allow-list then refuses rather than guesses. */
    boolean memberOfAny(String user, Set<String> groups);
}
