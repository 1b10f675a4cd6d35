package dev.aadsts.teams.delivery;

import dev.aadsts.core.reply.ReplyLimits;
import java.time.Duration;
import java.util.Map;

/**
 * How much reply work the Teams adapter takes on, from the environment.
 *
 * @param replyQueue          replies accepted and not yet delivered, at most ({@code TEAMS_REPLY_QUEUE}); past it
 *                            activities are answered 503 and the Bot Connector sends them again
 * @param concurrency         Bot Connector calls in flight at once ({@code TEAMS_REPLY_CONCURRENCY})
 * @param conversationSpacing the least time between two replies in one conversation
 *                            ({@code TEAMS_REPLY_CONVERSATION_SPACING_MS}); Teams allows a conversation short bursts
 *                            but about 60 messages per 30 seconds, so two a second can go on
 * @param sweepEvery          how often owed replies whose lease ran out are claimed ({@code TEAMS_REPLY_SWEEP_SECONDS})
 */
public record TeamsReplyLimits(int replyQueue, int concurrency, Duration conversationSpacing, Duration sweepEvery) {

    public static final TeamsReplyLimits DEFAULTS = new TeamsReplyLimits(10_000, 64, Duration.ofMillis(500),
            Duration.ofSeconds(30));
    /** How long a reply held by this instance is safe from other replicas' sweeps; renewed at a third of it. */
    private static final Duration LEASE = Duration.ofSeconds(60);

    public TeamsReplyLimits {
        if (replyQueue < 1 || concurrency < 1) {
            throw new IllegalArgumentException("queue size and concurrency must be at least 1");
        }
    }

    /** The limits the environment sets, defaults for the rest. @throws IllegalArgumentException naming the variable */
    public static TeamsReplyLimits fromEnvironment(Map<String, String> env) {
        return new TeamsReplyLimits(
                ReplyLimits.positiveSetting(env, "TEAMS_REPLY_QUEUE", DEFAULTS.replyQueue),
                ReplyLimits.positiveSetting(env, "TEAMS_REPLY_CONCURRENCY", DEFAULTS.concurrency),
                Duration.ofMillis(ReplyLimits.positiveSetting(env, "TEAMS_REPLY_CONVERSATION_SPACING_MS",
                        (int) DEFAULTS.conversationSpacing.toMillis())),
                Duration.ofSeconds(ReplyLimits.positiveSetting(env, "TEAMS_REPLY_SWEEP_SECONDS", (int) DEFAULTS.sweepEvery.toSeconds())));
    }

    ReplyLimits replyLimits() {
        return new ReplyLimits(replyQueue, concurrency, conversationSpacing, LEASE, sweepEvery);
    }
}
