package dev.aadsts.slack.delivery;

import dev.aadsts.core.reply.ReplyLimits;
import java.time.Duration;
import java.util.Map;

/**
 * How much reply work the Slack adapter takes on, from the environment.
 *
 * @param replyQueue       replies accepted and not yet delivered, at most ({@code SLACK_REPLY_QUEUE})
 * @param concurrency      Web API calls in flight at once ({@code SLACK_REPLY_CONCURRENCY})
 * @param channelSpacing   the least time between two replies in one channel ({@code SLACK_REPLY_CHANNEL_SPACING_MS});
 *                         Slack allows about one message a second per channel
 * @param workQueue        other handler work (link previews, Home tab, buttons) waiting for a worker ({@code SLACK_WORK_QUEUE})
 * @param lease            how long a reply held by this instance is safe from other replicas' sweeps; renewed at a third of it
 * @param sweepEvery       how often owed replies whose lease ran out are claimed ({@code SLACK_REPLY_SWEEP_SECONDS})
 */
public record DeliveryLimits(int replyQueue, int concurrency, Duration channelSpacing, int workQueue, Duration lease,
        Duration sweepEvery) {

    public static final DeliveryLimits DEFAULTS = new DeliveryLimits(10_000, 64, Duration.ofSeconds(1), 1_000,
            Duration.ofSeconds(60), Duration.ofSeconds(30));

    public DeliveryLimits {
        if (replyQueue < 1 || concurrency < 1 || workQueue < 1) {
            throw new IllegalArgumentException("queue sizes and concurrency must be at least 1");
        }
    }

    /** The part bot-core's reply delivery needs. */
    public ReplyLimits replyLimits() {
        return new ReplyLimits(replyQueue, concurrency, channelSpacing, lease, sweepEvery);
    }

    /** The limits the environment sets, defaults for the rest. */
    public static DeliveryLimits fromEnvironment(Map<String, String> env) {
        return new DeliveryLimits(
                ReplyLimits.positiveSetting(env, "SLACK_REPLY_QUEUE", DEFAULTS.replyQueue),
                ReplyLimits.positiveSetting(env, "SLACK_REPLY_CONCURRENCY", DEFAULTS.concurrency),
                Duration.ofMillis(ReplyLimits.positiveSetting(env, "SLACK_REPLY_CHANNEL_SPACING_MS", (int) DEFAULTS.channelSpacing.toMillis())),
                ReplyLimits.positiveSetting(env, "SLACK_WORK_QUEUE", DEFAULTS.workQueue),
                DEFAULTS.lease,
                Duration.ofSeconds(ReplyLimits.positiveSetting(env, "SLACK_REPLY_SWEEP_SECONDS", (int) DEFAULTS.sweepEvery.toSeconds())));
    }
}
