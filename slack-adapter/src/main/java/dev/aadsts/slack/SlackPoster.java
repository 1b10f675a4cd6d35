package dev.aadsts.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Web API calls with Slack's retry rules: a 429 waits for its {@code Retry-After}, a 5xx or a
 * network fault backs off and tries again. A reply that still fails is logged and counted, never
 * dropped silently; an answer Slack rejects on purpose ({@code ok:false}) is not retried.
 */
final class SlackPoster {
    private static final Logger LOG = LoggerFactory.getLogger(SlackPoster.class);
    static final int MAX_ATTEMPTS = 5;
    private static final long MAX_WAIT_MILLIS = 60_000;

    private final MethodsClient client;
    private final Sleeper sleeper;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();

    /** How the poster waits; tests can observe the waits instead of sleeping through them. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    interface Call<T extends SlackApiTextResponse> {
        T send(MethodsClient client) throws IOException, SlackApiException;
    }

    SlackPoster(MethodsClient client, Sleeper sleeper) {
        this.client = client;
        this.sleeper = sleeper;
    }

    /** @return the response, or null when the call failed for good (already logged and counted) */
    <T extends SlackApiTextResponse> T send(String what, Call<T> call) {
        long backoff = 500;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            long wait;
            try {
                T response = call.send(client);
                if (response.isOk()) {
                    delivered.incrementAndGet();
                    return response;
                }
                failed.incrementAndGet();
                LOG.warn("Slack refused {}: {}", what, response.getError());
                return null;
            } catch (SlackApiException e) {
                int status = e.getResponse().code();
                if (status == 429) {
                    wait = retryAfter(e.getResponse().header("Retry-After"));
                } else if (status >= 500) {
                    wait = backoff;
                    backoff *= 2;
                } else {
                    failed.incrementAndGet();
                    LOG.warn("Slack answered HTTP {} to {}", status, what);
                    return null;
                }
                LOG.info("Slack answered HTTP {} to {}; trying again in {} ms", status, what, wait);
            } catch (IOException e) {
                wait = backoff;
                backoff *= 2;
                LOG.info("could not reach Slack for {} ({}); trying again in {} ms", what, e.getMessage(), wait);
            }
            if (attempt == MAX_ATTEMPTS) {
                break;
            }
            retried.incrementAndGet();
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        failed.incrementAndGet();
        LOG.error("gave up on {} after {} attempts", what, MAX_ATTEMPTS);
        return null;
    }

    private static long retryAfter(String header) {
        try {
            return Math.min(MAX_WAIT_MILLIS, Math.max(1, Long.parseLong(header.strip())) * 1000);
        } catch (RuntimeException e) {
            return 1000;
        }
    }

    long delivered() {
        return delivered.get();
    }

    long failed() {
        return failed.get();
    }

    long retried() {
        return retried.get();
    }
}
