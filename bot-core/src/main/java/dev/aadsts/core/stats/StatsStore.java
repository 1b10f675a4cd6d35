package dev.aadsts.core.stats;

import java.time.Instant;
import java.util.List;

/**
 * Where codes seen and feedback votes are kept. Holds no message text and no user id: a voter is an HMAC of
 * the platform's user id under {@link #pepper()}, which never leaves the store.
 */
public interface StatsStore {

    /** One code of a reply, for {@link #recordSightings}. */
    record Sighting(String code, boolean known) {
    }

    /**
     * Every code of one reply, seen together; {@code workspace} is the Slack team or Teams tenant, null when
     * unknown. A store may write them in one transaction, and later: reads of the counts see them.
     */
    void recordSightings(List<Sighting> codes, String platform, String workspace, Instant at);

    /** One code pasted or looked up. */
    default void recordSighting(String code, boolean known, String platform, String workspace, Instant at) {
        recordSightings(List.of(new Sighting(code, known)), platform, workspace, at);
    }

    /**
     * Records a voter's vote on a code. A person has one vote per code: a second click replaces the first.
     *
     * @return true when it is this voter's first vote on the code
     */
    boolean recordVote(String code, String platform, String voter, Vote vote, Instant at);

    /** Codes seen most since {@code since}, most first; {@code workspace} null means every workspace. */
    List<CodeCount> topCodes(Instant since, String workspace, int limit);

    /** Codes the catalog did not know, seen since {@code since}, most first: the catalog's to-do list. */
    List<CodeCount> unknownCodes(Instant since, int limit);

    /** Votes per code, the most voted first. */
    List<Helpfulness> helpfulness(int limit);

    /** Forgets sightings older than {@code cutoff}; returns how many went. */
    int forgetSightingsBefore(Instant cutoff);

    /**
     * This installation's secret for hashing user ids: made at random on first use and the same for every
     * replica afterwards.
     */
    byte[] pepper();
}
