package dev.aadsts.signin.investigate;

import java.util.Set;

/**
 * Who may look up sign-ins on one platform: named people, or members of named groups. Empty means nobody
 * (the lookup is off there). A group check that fails refuses: a sign-in record is not shown on a guess.
 */
public final class AllowList {

    private final Set<String> users;
    private final Set<String> groups;
    private final GroupMembership membership;

    public AllowList(Set<String> users, Set<String> groups, GroupMembership membership) {
        this.users = Set.copyOf(users);
        this.groups = Set.copyOf(groups);
        this.membership = membership;
    }

    public boolean isEmpty() {
        return users.isEmpty() && groups.isEmpty();
    }

    public boolean allows(String user) {
        if (user == null || user.isBlank()) {
            return false;
        }
        if (users.contains(user)) {
            return true;
        }
        if (groups.isEmpty()) {
            return false;
        }
        try {
            return membership.memberOfAny(user, groups);
        } catch (RuntimeException e) {
            return false;
        }
    }

    public Set<String> users() {
        return users;
    }

    public Set<String> groups() {
        return groups;
    }
}
