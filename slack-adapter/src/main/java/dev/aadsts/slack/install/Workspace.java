package dev.aadsts.slack.install;

import com.slack.api.bolt.middleware.Middleware;

/**
 * The workspace (or Enterprise Grid organization) a request came from. Handlers acknowledge at once and answer
 * on a worker thread; the workspace travels with the work so the answer goes out with that workspace's token.
 * {@code enterpriseId} is null outside Enterprise Grid, {@code teamId} null for an org-wide install's own events.
 */
public record Workspace(String enterpriseId, String teamId) {
    private static final ThreadLocal<Workspace> CURRENT = new ThreadLocal<>();

    /**
     * The workspace an operator names in a setting: a team id ({@code T…}), or an Enterprise Grid organization's
     * id ({@code E…}) whose org-wide install answers in any of its workspaces; null for null.
     */
    public static Workspace named(String id) {
        if (id == null) {
            return null;
        }
        return id.startsWith("E") ? new Workspace(id, null) : new Workspace(null, id);
    }

    /** The workspace of the request or task this thread is working for; null outside one. */
    public static Workspace current() {
        return CURRENT.get();
    }

    /** {@code task}, made to run for the workspace that is current now, wherever it runs later. */
    public static Runnable carriedInto(Runnable task) {
        Workspace workspace = CURRENT.get();
        if (workspace == null) {
            return task;
        }
        return () -> workspace.run(task);
    }

    /** Runs {@code task} for this workspace on this thread. */
    public void run(Runnable task) {
        Workspace before = CURRENT.get();
        CURRENT.set(this);
        try {
            task.run();
        } finally {
            restore(before);
        }
    }

    /** Bolt middleware, after authorization: the rest of the request runs for the workspace it came from. */
    public static Middleware scope() {
        return (request, response, chain) -> {
            Workspace before = CURRENT.get();
            CURRENT.set(new Workspace(request.getContext().getEnterpriseId(), request.getContext().getTeamId()));
            try {
                return chain.next(request);
            } finally {
                restore(before);
            }
        };
    }

    private static void restore(Workspace before) {
        if (before == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(before);
        }
    }

    /** This workspace as one string for a stored row ("T0123", "E0123/T0456", "E0123/"); see {@link #fromKey}. */
    public String key() {
        return (enterpriseId == null ? "" : enterpriseId + "/") + (teamId == null ? "" : teamId);
    }

    /** The workspace a {@link #key()} names; null for null or empty (rows written before workspaces were kept). */
    public static Workspace fromKey(String key) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        int slash = key.indexOf('/');
        if (slash < 0) {
            return new Workspace(null, key);
        }
        String team = key.substring(slash + 1);
        return new Workspace(key.substring(0, slash), team.isEmpty() ? null : team);
    }

    /** "T0123" or "E0123/T0456" or "E0123 (org-wide)", for log lines. */
    public String describe() {
        if (enterpriseId == null) {
            return String.valueOf(teamId);
        }
        return teamId == null ? enterpriseId + " (org-wide)" : enterpriseId + "/" + teamId;
    }
}
