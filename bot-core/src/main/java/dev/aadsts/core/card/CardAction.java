package dev.aadsts.core.card;

/**
 * A button a platform may render: open a URL, explain a related code in place, or (in an
 * {@link ActionGroup}) send {@code value} back to the bot under the group's id.
 */
public record CardAction(Kind kind, String label, String value) {
    public enum Kind {
        OPEN_URL,
        EXPLAIN_CODE,
        SUBMIT
    }

    /** A button that sends {@code value} back to the bot (feedback, say). */
    public static CardAction submit(String label, String value) {
        return new CardAction(Kind.SUBMIT, label, value);
    }
}
