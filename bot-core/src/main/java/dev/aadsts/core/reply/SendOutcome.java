package dev.aadsts.core.reply;

/**
 * What one attempt to send a reply came to, as the platform's sender reads its answer.
 *
 * @param waitMillis how long the reply's lane should wait before trying again (the platform's Retry-After), or
 *                   -1 for the queue's own backoff
 * @param problem    what went wrong, for the log; never a credential
 */
public record SendOutcome(Kind kind, long waitMillis, String problem) {

    public enum Kind {
        /** The platform has the reply. */
        DELIVERED,
        /** The platform asked to slow down: the lane waits and the attempt does not count against the reply. */
        RATE_LIMITED,
        /** A 5xx, a timeout or a network fault: backed off and tried again, and left in the store after a few. */
        RETRY,
        /** Refused on purpose (no such channel, bot removed…): trying again would be refused again. */
        REFUSED
    }

    public static SendOutcome delivered() {
        return new SendOutcome(Kind.DELIVERED, 0, null);
    }

    /** @param retryAfterMillis the platform's Retry-After, or -1 when it gave none (one second is then waited) */
    public static SendOutcome rateLimited(long retryAfterMillis, String problem) {
        return new SendOutcome(Kind.RATE_LIMITED, retryAfterMillis >= 0 ? retryAfterMillis : 1000, problem);
    }

    public static SendOutcome retry(long waitMillis, String problem) {
        return new SendOutcome(Kind.RETRY, waitMillis, problem);
    }

    public static SendOutcome refused(String problem) {
        return new SendOutcome(Kind.REFUSED, 0, problem);
    }
}
