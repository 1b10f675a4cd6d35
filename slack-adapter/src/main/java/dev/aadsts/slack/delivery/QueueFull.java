package dev.aadsts.slack.delivery;

/**
 * A bounded queue had no room, so the request is not acknowledged: over HTTP it is answered 503, in Socket Mode
 * its envelope stays unacknowledged, and Slack sends the event again later; dedupe by event id makes that safe.
 * Thrown rather than returned because Bolt acknowledges any event whose handler answers other than 200.
 */
public final class QueueFull extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueFull(String queue) {
        super(queue + " is full", null, false, false);
    }
}
