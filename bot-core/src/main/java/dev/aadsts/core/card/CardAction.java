package dev.aadsts.core.card;

/** A button a platform may render: open a URL, or explain a related code in place. */
public record CardAction(Kind kind, String label, String value) {
    public enum Kind {
        OPEN_URL,
        EXPLAIN_CODE
    }
}
