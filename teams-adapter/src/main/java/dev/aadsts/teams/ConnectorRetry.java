package dev.aadsts.teams;

import com.microsoft.bot.connector.rest.ErrorResponseException;
import com.microsoft.bot.restclient.RestException;
import com.microsoft.bot.schema.ErrorResponse;
import dev.aadsts.core.store.ConversationReferences;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import dev.aadsts.teams.delivery.RetryAfter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every call the SDK makes to the Bot Connector goes through here (proactive posts, button answers, sign-in
 * lookups): 429 waits for Retry-After, 5xx and network faults back off, a blocked or removed bot forgets the
 * conversation, and each outcome is counted. The SDK's own retry handler is switched off (see
 * {@link AadstsBotAdapter}). Replies to plain messages do not come here: the reply queue
 * ({@code dev.aadsts.teams.delivery}) posts them with the same policy, without holding a thread while it waits.
 */
final class ConnectorRetry {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorRetry.class);
    static final int MAX_ATTEMPTS = 5;
    /** Longer waits are handed back to the caller (the alert dispatcher reschedules) instead of blocking a thread. */
    static final long MAX_INLINE_WAIT_MILLIS = 15_000;

    private final ConversationReferences conversations;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong forgotten = new AtomicLong();

    ConnectorRetry(ConversationReferences conversations) {
        this.conversations = conversations;
    }

    <T> T call(String what, String conversationId, Supplier<CompletableFuture<T>> call) {
        for (int attempt = 1; ; attempt++) {
            Fault fault;
            try {
                T result = call.get().get();
                sent.incrementAndGet();
                return result;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.incrementAndGet();
                throw new TeamsDeliveryException(what + " interrupted", 0, 0, false, e);
            } catch (ExecutionException | CompletionException | RestException e) {
                fault = Fault.of(e instanceof RestException ? e : e.getCause() == null ? e : e.getCause());
            } catch (RuntimeException e) {
                fault = Fault.of(e);
            }

            if (fault.gone()) {
                failed.incrementAndGet();
                boolean removed = conversationId != null && conversations.remove(baseConversationId(conversationId));
                if (removed) {
                    forgotten.incrementAndGet();
                }
                LOG.warn("Teams {}: {} ({}); the conversation reference was {}", what, fault.status(), fault.code(),
                        removed ? "removed" : "already gone");
                throw new TeamsDeliveryException(what + " refused: " + fault.code(), fault.status(), 0, true,
                        fault.cause());
            }
            long wait = fault.waitMillis(attempt);
            if (!fault.retryable() || attempt >= MAX_ATTEMPTS || wait > MAX_INLINE_WAIT_MILLIS) {
                failed.incrementAndGet();
                LOG.warn("Teams {} failed after {} attempt(s): {}", what, attempt, fault.describe());
                throw new TeamsDeliveryException(what + " failed: " + fault.describe(), fault.status(),
                        fault.retryable() ? Math.max(wait, 1000) : 0, false, fault.cause());
            }
            retried.incrementAndGet();
            LOG.info("Teams {}: {}; retrying in {} ms", what, fault.describe(), wait);
            sleep(wait);
        }
    }

    Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("sent", sent.get());
        m.put("retried", retried.get());
        m.put("failed", failed.get());
        m.put("conversationsForgotten", forgotten.get());
        return m;
    }

    /** Channel replies address "19:…@thread.tacv2;messageid=…"; the stored reference is the channel itself. */
    static String baseConversationId(String conversationId) {
        int cut = conversationId.indexOf(";messageid=");
        return cut < 0 ? conversationId : conversationId.substring(0, cut);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TeamsDeliveryException("interrupted while waiting to retry", 0, 0, false, e);
        }
    }

    /** What went wrong with one call, read from the SDK's exception. */
    private record Fault(int status, String code, long retryAfterMillis, Throwable cause, OutboundTokenFailure token) {

        Fault(int status, String code, long retryAfterMillis, Throwable cause) {
            this(status, code, retryAfterMillis, cause, null);
        }

        static Fault of(Throwable t) {
            OutboundTokenFailure token = OutboundTokenFailure.find(t);
            if (token != null) {
                // Nothing reached the connector; the bot's own credentials or their token endpoint failed.
                return new Fault(0, "token", -1, t, token);
            }
            if (t instanceof RestException rest && rest.response() != null) {
                int status = rest.response().code();
                String code = null;
                if (rest instanceof ErrorResponseException error) {
                    ErrorResponse body = error.body();
                    code = body == null || body.getError() == null ? null : body.getError().getCode();
                }
                long retryAfter = RetryAfter.millis(rest.response().headers().get("Retry-After"));
                return new Fault(status, code, retryAfter, t);
            }
            return new Fault(0, t.getClass().getSimpleName(), -1, t);
        }

        /** Teams answers 403 with these codes when the bot can never post there again. */
        boolean gone() {
            return status == 403 && ("ConversationBlockedByUser".equals(code) || "BotNotInConversationRoster".equals(code))
                    || status == 404 && "ConversationNotFound".equals(code);
        }

        boolean retryable() {
            if (token != null) {
                return token.retryable();
            }
            return status == 0 || status == 429 || status == 408 || status >= 500;
        }

        long waitMillis(int attempt) {
            if (retryAfterMillis >= 0) {
                return retryAfterMillis;
            }
            long base = 500L << Math.min(attempt - 1, 5);
            return base + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        }

        String describe() {
            if (token != null) {
                return token.describe();
            }
            return status == 0 ? "connector unreachable (" + code + ")" : "HTTP " + status + (code == null ? "" : " " + code);
        }
    }
}
