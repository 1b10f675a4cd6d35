package dev.aadsts.slack.handler;

import com.slack.api.bolt.response.Response;

/**
 * The answer when a queue is full: not an acknowledgement, so Slack sends the event again later (over HTTP a
 * non-2xx; in Socket Mode the envelope stays unacknowledged). Dedupe by event id makes the retry safe.
 */
final class RetryLater {
    private RetryLater() {
    }

    static Response response() {
        return Response.builder().statusCode(503).contentType("text/plain; charset=utf-8")
                .body("busy; retry later").build();
    }
}
