package dev.aadsts.app.teams;

import dev.aadsts.app.load.Deliveries;
import dev.aadsts.app.load.LoadRun;
import dev.aadsts.app.load.ServerChild;
import java.util.Locale;

/** One rate's lines of the Teams load run's output: the baseline, ours, and ours against the baseline. */
record TeamsLoadReport(int rate, LoadRun run, LoadRun baseline, Deliveries.Summary replies, boolean all) {

    private static String refusals(LoadRun r) {
        return r.refused.get() == 0 ? "" : "  refused: " + r.refusalReasons();
    }

    void print(ServerChild ours, ServerChild sdk, long rssBeforeKb, int tokenRequests, int unmatched, int otherCalls) {
        System.out.printf(Locale.ROOT, "%n== %d activities/s for %d s ==%n", rate, run.seconds);
        if (baseline != null) {
            System.out.printf(Locale.ROOT, "bare SDK bot (ack only): %7.1f acks/s  ack p50 %6.1f ms  p99 %7.1f ms  "
                    + "503s %d  late sends %d  peak RSS %d MiB%s%n", baseline.acksPerSecond(), baseline.p(50),
                    baseline.p(99), baseline.unavailable.get(), baseline.late.get(), sdk.peakRssKb() / 1024,
                    refusals(baseline));
        }
        System.out.printf(Locale.ROOT, "aadsts-bot:              %7.1f acks/s  ack p50 %6.1f ms  p99 %7.1f ms  "
                + "503s %d  late sends %d%s%n", run.acksPerSecond(), run.p(50), run.p(99), run.unavailable.get(),
                run.late.get(), refusals(run));
        if (run.refused.get() > 0) {
            System.out.printf(Locale.ROOT, "  (our refused activities were sent again after the rate, as the Bot "
                    + "Connector would; not counted as acks)%n");
        }
        if (baseline != null) {
            System.out.printf(Locale.ROOT, "  ack throughput ratio (ours / bare SDK): %.2f   ack p99 ratio: %.2f%n",
                    run.acksPerSecond() / baseline.acksPerSecond(), run.p(99) / Math.max(0.001, baseline.p(99)));
        }
        System.out.printf(Locale.ROOT, "  replies: expected %d, delivered %d (%s), %.1f/s, delivery lag p50 %.0f ms "
                + "p99 %.0f ms, answered twice %d%n", run.expectedReplies.get(), replies.delivered(),
                all ? "all" : "NOT ALL", replies.deliveredPerSecond(), replies.lagP50(), replies.lagP99(),
                replies.twice());
        System.out.printf(Locale.ROOT, "  connector: posts matching no answered activity so far %d, other calls %d; "
                + "outbound token requests %d%n", unmatched, otherCalls, tokenRequests);
        System.out.printf(Locale.ROOT, "  server RSS %d MiB before, %d MiB after, peak %d MiB%n", rssBeforeKb / 1024,
                ours.rssKb() / 1024, ours.peakRssKb() / 1024);
    }
}
