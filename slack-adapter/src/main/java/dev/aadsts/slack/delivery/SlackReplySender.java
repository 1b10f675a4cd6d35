package dev.aadsts.slack.delivery;

import dev.aadsts.core.reply.ReplySender;
import dev.aadsts.core.reply.SendOutcome;
import dev.aadsts.core.store.PendingReply;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Posts a stored {@code chat.postMessage} form with the bot token of the workspace it names, and reads Slack's answer. */
final class SlackReplySender implements ReplySender {
    static final String METHOD = "chat.postMessage";

    private final WebApiClient api;
    private final ExecutorService http;
    private final Function<String, String> tokens;

    SlackReplySender(String apiUrl, Function<String, String> tokens) {
        AtomicInteger n = new AtomicInteger();
        this.http = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "slack-replies-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.api = new WebApiClient(apiUrl, http);
        this.tokens = tokens;
    }

    @Override
    public CompletableFuture<SendOutcome> send(PendingReply reply) {
        String token;
        try {
            token = tokens.apply(reply.workspace());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(SendOutcome.retry(-1, "no token: " + e.getMessage()));
        }
        if (token == null) {
            return CompletableFuture.completedFuture(SendOutcome.refused("no token for workspace " + reply.workspace()));
        }
        return api.call(METHOD, token, reply.payload()).thenApply(SlackReplySender::outcome);
    }

    static SendOutcome outcome(WebApiClient.Answer answer) {
        if (answer.ok()) {
            return SendOutcome.delivered();
        }
        if (answer.status() == 429) {
            return SendOutcome.rateLimited(answer.retryAfterMillis(), "HTTP 429");
        }
        if (answer.status() >= 500 || answer.status() == 408) {
            return SendOutcome.retry(answer.retryAfterMillis(), "HTTP " + answer.status() + " " + answer.error());
        }
        return SendOutcome.refused(answer.error());
    }

    @Override
    public void close() {
        http.shutdown();
    }
}
