package dev.aadsts.teams;

/**
 * The Bot Connector refused or could not be reached, after the adapter's own retries.
 *
 * @see #gone()
 */
public final class TeamsDeliveryException extends RuntimeException {
    private final int status;
    private final long retryAfterMillis;
    private final boolean gone;

    TeamsDeliveryException(String message, int status, long retryAfterMillis, boolean gone, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfterMillis = retryAfterMillis;
        this.gone = gone;
    }

    /** HTTP status from the connector, or 0 when it could not be reached. */
    public int status() {
        return status;
    }

    /** How long the connector asked us to wait (429 Retry-After), or a backoff suggestion; 0 if unknown. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }

    /** The bot was blocked or removed: the conversation's reference has been forgotten; do not retry. */
    public boolean gone() {
        return gone;
    }
}
