package dev.aadsts.core.stats;

import dev.aadsts.core.card.Card;
import dev.aadsts.core.command.Reply;
import dev.aadsts.knowledge.Catalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Codes people meet and what they thought of the answers. Recording never gets in the way of an answer: a
 * store failure is logged and the answer goes out anyway.
 */
public final class Stats {
    private static final Logger LOG = LoggerFactory.getLogger(Stats.class);
    public static final int REPORT_ROWS = 10;
    /** Sightings older than the longest period any report shows are of no use. */
    static final Duration KEEP_SIGHTINGS = Duration.ofDays(90);
    private static final Pattern CODE = Pattern.compile("\\d{1,10}");
    private static final Pattern PLATFORM = Pattern.compile("[a-z]{1,20}");

    private final StatsStore store;
    private final Catalog catalog;
    private final Clock clock;
    private volatile VoterHash voters;

    public Stats(StatsStore store, Catalog catalog, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Records every code of a reply, shown or named as omitted; other replies record nothing. */
    public void seen(Reply reply, String platform, String workspace) {
        if (reply.kind() != Reply.Kind.CARDS) {
            return;
        }
        Instant now = clock.instant();
        List<StatsStore.Sighting> codes = new ArrayList<>();
        for (Card card : reply.cards()) {
            codes.add(new StatsStore.Sighting(card.code(), card.known()));
        }
        for (String code : reply.omittedCodes()) {
            codes.add(new StatsStore.Sighting(code, catalog.contains(code)));
        }
        try {
            store.recordSightings(codes, platform, workspace, now);
        } catch (RuntimeException e) {
            LOG.warn("could not record the codes seen: {}", e.getMessage());
        }
    }

    /**
     * A click on "Helpful" / "Not helpful". The user id is hashed here and goes no further.
     *
     * @return true when it is the person's first vote on the code, false when it replaced an earlier one
     * @throws IllegalArgumentException a code, platform or user that cannot come from a real card
     */
    public boolean vote(String code, String platform, String userId, Vote vote) {
        if (code == null || !CODE.matcher(code).matches() || platform == null
                || !PLATFORM.matcher(platform).matches() || userId == null || userId.isBlank() || vote == null) {
            throw new IllegalArgumentException("not a vote from a card");
        }
        return store.recordVote(code, platform, voters().of(platform, userId), vote, clock.instant());
    }

    /** The report {@code aadsts stats} prints, across every workspace. */
    public StatsReport report() {
        Instant now = clock.instant();
        return new StatsReport(store.topCodes(now.minus(Duration.ofDays(7)), null, REPORT_ROWS),
                store.topCodes(now.minus(Duration.ofDays(30)), null, REPORT_ROWS),
                store.unknownCodes(now.minus(Duration.ofDays(30)), REPORT_ROWS),
                store.helpfulness(REPORT_ROWS));
    }

    /** The codes one workspace met most in the last seven days. */
    public List<CodeCount> topThisWeek(String workspace, int limit) {
        return store.topCodes(clock.instant().minus(Duration.ofDays(7)), workspace, limit);
    }

    /** Drops sightings no report looks at any more. */
    public int forgetOld() {
        return store.forgetSightingsBefore(clock.instant().minus(KEEP_SIGHTINGS));
    }

    private VoterHash voters() {
        VoterHash v = voters;
        if (v == null) {
            v = new VoterHash(store.pepper());
            voters = v;
        }
        return v;
    }
}
