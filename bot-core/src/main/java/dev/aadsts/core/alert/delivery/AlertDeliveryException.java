package dev.aadsts.core.alert.delivery;

/** A platform could not post or update an alert card. */
public final class AlertDeliveryException extends RuntimeException {
    private final long retryAfterMillis;
    private final boolean messageGone;

    /**
     * @param retryAfterMillis how long the platform asked us to wait, 0 when it did not say
     * @param messageGone      the message to update no longer exists; post a fresh one instead
     */
    public AlertDeliveryException(String message, long retryAfterMillis, boolean messageGone) {
        super(message);
        this.retryAfterMillis = retryAfterMillis;
        this.messageGone = messageGone;
    }

    public long retryAfterMillis() {
        return retryAfterMillis;
    }

    public boolean messageGone() {
        return messageGone;
    }
}
