package dev.aadsts.signin.investigate;

import dev.aadsts.signin.report.SignInReport;

/**
 * One state of an investigation, for a platform to render. {@code message} is written by the bot (never
 * taken from a record or from what the user typed) and safe to show; {@code report} is set only for
 * {@link Kind#FOUND}, already masked for where it goes.
 */
public record InvestigationAnswer(Kind kind, String id, SignInReport report, String message) {

    public enum Kind {
        /** The records, in {@link #report}. */
        FOUND,
        /** Nothing yet; the bot keeps looking and will replace this message. */
        STILL_LOOKING,
        /** Nothing within the polling limit. */
        NOT_FOUND,
        /** The asker is not on the allow-list. */
        DENIED,
        /** Graph refused for the tenant's licence: said plainly, since no retry helps. */
        LICENSING,
        /** Graph refused for a permission, failed, or the bot is too busy. */
        ERROR,
        /** A short line of the platform's own: a confirmation, a usage hint. */
        NOTE
    }

    static InvestigationAnswer found(String id, SignInReport report) {
        return new InvestigationAnswer(Kind.FOUND, id, report, null);
    }

    static InvestigationAnswer of(Kind kind, String id, String message) {
        return new InvestigationAnswer(kind, id, null, message);
    }

    /** Whether the sign-in was found and can be shared (redacted). */
    public boolean shareable() {
        return kind == Kind.FOUND && report != null;
    }
}
