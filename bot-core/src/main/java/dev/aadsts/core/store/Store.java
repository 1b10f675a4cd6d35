package dev.aadsts.core.store;

/**
 * All durable state of the bot, behind one interface so the embedded database (one instance) and
 * PostgreSQL (several replicas) are interchangeable. Every method is safe to call from many threads and,
 * on PostgreSQL, from many bot instances at once.
 */
public interface Store extends AutoCloseable {

    /** Teams conversations the bot was installed into or heard from (for proactive posts). */
    ConversationReferences conversations();

    /** Chat-platform event ids seen recently, so a retried or duplicated event is handled once. */
    SeenEvents seenEvents();

    /** Accepted alerts, their groups and the delivery state of each group. */
    AlertGroups alertGroups();

    /** "Mute this code" decisions. */
    Silences silences();

    /** Replies owed for acknowledged events until they are delivered (survive a restart). */
    PendingReplies pendingReplies();

    /** An event's id, its thread's answered codes and its owed reply, recorded together (see there). */
    EventReplies eventReplies();

    /** Slack "Share in channel" buttons already used. */
    ShareClaims shareClaims();

    /** What each Slack "Share in channel" button shares. */
    SharePayloads sharePayloads();

    /** Codes already explained per chat thread. */
    ThreadAnswers threadAnswers();

    /** Codes seen and feedback votes, for {@code aadsts stats}. */
    dev.aadsts.core.stats.StatsStore stats();

    /** Who looked up which sign-in, when, and whether it was found. */
    SignInAudit signInAudit();

    /** Slack workspaces and organizations the app is installed in (distribution mode), and OAuth states. */
    SlackInstallations slackInstallations();

    /** One line for logs and /healthz, e.g. "embedded H2 at /srv/data" or "PostgreSQL db.example:5432/bot". */
    String describe();

    /** Whether the database answers right now (readiness asks this); never throws. */
    boolean reachable();

    /** Closes the pool; never throws a checked exception. */
    @Override
    void close();
}
