package dev.aadsts.core.alert;

/**
 * The body cannot be read at all (empty, or JSON that does not parse). The message is short, safe to
 * send back as the reason of an HTTP 400, and never repeats the body's content.
 */
public final class AlertPayloadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AlertPayloadException(String message) {
        super(message);
    }
}
