package dev.aadsts.slack;

import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.ActionResponseSender;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import dev.aadsts.slack.install.BotTokens;
import dev.aadsts.slack.install.Workspace;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Web API calls and response-URL messages with Slack's retry rules: a 429 waits for its
 * {@code Retry-After}, a 5xx or a network fault backs off and tries again. A message that still fails
 * is logged and counted, never dropped silently; one Slack rejects on purpose is not retried.
 */
final class SlackPoster {
    private static final Logger LOG = LoggerFactory.getLogger(SlackPoster.class);
    static final int MAX_ATTEMPTS = 5;
    private static final long MAX_WAIT_MILLIS = 60_000;

    private final Slack slack;
    private final BotTokens tokens;
    private final ActionResponseSender responseUrls;
    private final Sleeper sleeper;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();

    /** How the poster waits between attempts. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    interface Call<T extends SlackApiTextResponse> {
        T send(MethodsClient client) throws IOException, SlackApiException;
    }

    /**
     * What one attempt came to: delivered, refused for good, or worth another try, either after the
     * wait Slack asked for ({@code waitMillis}) or, with {@code waitMillis} 0, after the growing backoff.
     */
    private record Outcome(boolean delivered, boolean retry, long waitMillis, String problem) {
        static final Outcome DELIVERED = new Outcome(true, false, 0, null);

        static Outcome refused(String problem) {
            return new Outcome(false, false, 0, problem);
        }

        static Outcome retryAfter(long waitMillis, String problem) {
            return new Outcome(false, true, waitMillis, problem);
        }

        static Outcome backOff(String problem) {
            return new Outcome(false, true, 0, problem);
        }
    }

    @FunctionalInterface
    private interface Attempt {
        Outcome run();
    }

    SlackPoster(Slack slack, BotTokens tokens, Sleeper sleeper) {
        this.slack = slack;
        this.tokens = tokens;
        this.responseUrls = new ActionResponseSender(slack);
        this.sleeper = sleeper;
    }

    /** A Web API call; returns its response, or null when it failed for good (already logged and counted). */
    <T extends SlackApiTextResponse> T send(String what, Call<T> call) {
        return sendForResult(what, call).response();
    }

    /** The response, or null and the last problem (Slack's error code, or "HTTP 503") when it failed for good. */
    record Result<T>(T response, String problem) {
    }

    /** For the workspace whose request this thread is answering (see {@link Workspace#current()}). */
    <T extends SlackApiTextResponse> Result<T> sendForResult(String what, Call<T> call) {
        return sendForResult(Workspace.current(), what, call);
    }

    /** For a named workspace (alert cards are posted outside any request). */
    <T extends SlackApiTextResponse> Result<T> sendForResult(Workspace workspace, String what, Call<T> call) {
        Object[] result = new Object[1];
        String[] problem = new String[1];
        retrying(what, () -> {
            // Looked up on each attempt: a token rotated or revoked during the retries is noticed.
            String token = tokens.botToken(workspace);
            if (token == null) {
                problem[0] = "not_installed";
                return Outcome.refused("the app is not installed in " + (workspace == null ? "an unnamed workspace"
                        : workspace.describe()));
            }
            try {
                T response = call.send(slack.methods(token));
                if (!response.isOk()) {
                    problem[0] = response.getError();
                    return Outcome.refused(response.getError());
                }
                result[0] = response;
                return Outcome.DELIVERED;
            } catch (SlackApiException e) {
                Outcome o = byStatus(e.getResponse().code(), e.getResponse().header("Retry-After"));
                problem[0] = o.problem;
                return o;
            } catch (IOException e) {
                problem[0] = e.getMessage();
                return Outcome.backOff(e.getMessage());
            }
        });
        @SuppressWarnings("unchecked")
        T response = (T) result[0];
        return new Result<>(response, problem[0]);
    }

    /** A message to an interaction's response_url (ephemeral answers, deleting the original). */
    boolean respond(String what, String responseUrl, ActionResponse message) {
        return retrying(what, () -> {
            try {
                int status = responseUrls.send(responseUrl, message).getCode();
                return status < 300 ? Outcome.DELIVERED : byStatus(status, null);
            } catch (IOException e) {
                return Outcome.backOff(e.getMessage());
            }
        });
    }

    private static Outcome byStatus(int status, String retryAfter) {
        if (status == 429) {
            return Outcome.retryAfter(retryAfterMillis(retryAfter), "HTTP 429");
        }
        if (status >= 500) {
            return Outcome.backOff("HTTP " + status);
        }
        return Outcome.refused("HTTP " + status);
    }

    private boolean retrying(String what, Attempt attempt) {
        long backoff = 500;
        for (int tries = 1; tries <= MAX_ATTEMPTS; tries++) {
            Outcome outcome = attempt.run();
            if (outcome.delivered) {
                delivered.incrementAndGet();
                return true;
            }
            if (!outcome.retry) {
                failed.incrementAndGet();
                LOG.warn("Slack refused {}: {}", what, outcome.problem);
                return false;
            }
            if (tries == MAX_ATTEMPTS) {
                break;
            }
            long wait = outcome.waitMillis > 0 ? outcome.waitMillis : backoff;
            if (outcome.waitMillis == 0) {
                backoff *= 2;
            }
            LOG.info("{} failed ({}); trying again in {} ms", what, outcome.problem, wait);
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
        return false;
    }

    private static long retryAfterMillis(String header) {
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
