package dev.aadsts.teams.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aadsts.core.reply.ReplySender;
import dev.aadsts.core.reply.SendOutcome;
import dev.aadsts.core.store.PendingReply;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Posts a stored reply activity to the Bot Connector's REST API on the JDK's non-blocking HTTP client, with the
 * bot's outbound token, and reads the connector's answer. The activity is the JSON the SDK would have sent; only
 * the transport differs, so a call holds no thread while the connector thinks.
 */
final class ConnectorReplySender implements ReplySender {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final ExecutorService executor;
    private final ExecutorService tokenFetch;
    private final ConnectorTokens tokens;
    private final Consumer<String> forgetConversation;
    private final Function<Throwable, SendOutcome> faults;
    private final AtomicLong forgotten = new AtomicLong();

    /**
     * @param tokens             the bot's outbound token (see {@link ConnectorTokens}); null when it sends none
     * @param forgetConversation drops the stored reference of a conversation the bot can never post to again
     * @param faults             what a failure that is not an HTTP answer (the bot's own token, the network) means
     */
    ConnectorReplySender(ExecutorService executor, ExecutorService tokenFetch,
            Supplier<CompletableFuture<String>> tokens, Consumer<String> forgetConversation,
            Function<Throwable, SendOutcome> faults) {
        this.executor = executor;
        this.tokenFetch = tokenFetch;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).executor(executor).build();
        this.tokens = new ConnectorTokens(tokens, tokenFetch);
        this.forgetConversation = forgetConversation;
        this.faults = faults;
    }

    @Override
    public CompletableFuture<SendOutcome> send(PendingReply reply) {
        OwedActivity owed = OwedActivity.fromJson(reply.payload());
        CompletableFuture<String> token = tokens.token();
        return token.thenCompose(bearer -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(owed.uri())
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(owed.activity().toString()));
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        }).handle((response, error) -> {
            if (error != null) {
                return faults.apply(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            }
            return outcome(response, owed, token);
        });
    }

    private SendOutcome outcome(HttpResponse<String> response, OwedActivity owed, CompletableFuture<String> token) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return SendOutcome.delivered();
        }
        long retryAfter = RetryAfter.millis(response.headers().firstValue("Retry-After").orElse(null));
        String code = errorCode(response.body());
        String problem = "HTTP " + status + (code == null ? "" : " " + code);
        if (status == 429) {
            return SendOutcome.rateLimited(retryAfter, problem);
        }
        if (status == 401) {
            tokens.refused(token); // expired or revoked between fetch and use: the next try fetches another
            return SendOutcome.retry(-1, problem);
        }
        // Teams asks bots to retry 412 as well as 5xx: a conversation's write that raced another.
        if (status == 408 || status == 412 || status >= 500) {
            return SendOutcome.retry(retryAfter, problem);
        }
        if (gone(status, code)) {
            forgetConversation.accept(owed.conversationId());
            forgotten.incrementAndGet();
            return SendOutcome.refused(problem + "; the conversation reference was removed");
        }
        return SendOutcome.refused(problem);
    }

    /** Teams answers these when the bot can never post there again. */
    private static boolean gone(int status, String code) {
        return status == 403 && ("ConversationBlockedByUser".equals(code) || "BotNotInConversationRoster".equals(code))
                || status == 404 && "ConversationNotFound".equals(code);
    }

    private static String errorCode(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error").path("code");
            return error.isTextual() ? error.asText() : null;
        } catch (Exception unreadable) {
            return null;
        }
    }

    long conversationsForgotten() {
        return forgotten.get();
    }

    @Override
    public void close() {
        executor.shutdown();
        tokenFetch.shutdown();
    }
}
