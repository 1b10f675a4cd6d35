package dev.aadsts.signin.investigate;

/**
 * The private place a platform answers the asker in (a Slack DM, a Teams personal chat). The first answer
 * makes a message; later ones replace it, so "still looking" turns into the report where it stands.
 */
public interface AnswerSink {

    /** @return false when the message could not be delivered; the flow then stops (nobody would see an update) */
    boolean first(InvestigationAnswer answer);

    void update(InvestigationAnswer answer);
}
