package dev.aadsts.signin.graph;

/**
 * Graph did not answer the question. The message is written for the person who asked and never carries a
 * token or anything from a sign-in record.
 */
public final class GraphException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** 403 because the tenant has no Entra ID P1/P2 licence: sign-in logs need one. */
        LICENCE,
        /** 401/403: the app lacks a permission or admin consent, or its credential was refused. */
        PERMISSION,
        /** Throttled beyond our patience, 5xx, a network fault or an answer we could not read. */
        UNAVAILABLE
    }

    private final Reason reason;

    public GraphException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public GraphException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
