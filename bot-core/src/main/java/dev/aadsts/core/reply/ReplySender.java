package dev.aadsts.core.reply;

import dev.aadsts.core.store.PendingReply;
import java.util.concurrent.CompletableFuture;

/**
 * What a platform adds to {@link ReplyDelivery}: how one stored reply is sent and what the platform's answer
 * means. The returned future must not hold a thread while the platform answers; a future that fails is taken
 * as a network fault and retried.
 */
public interface ReplySender extends AutoCloseable {

    CompletableFuture<SendOutcome> send(PendingReply reply);

    /** Called once the queue has stopped; frees the sender's threads. */
    @Override
    default void close() {
    }
}
