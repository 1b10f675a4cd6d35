package dev.aadsts.core.store;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Takes on the reply to a chat event in one durable step: the event's id is recorded as seen, the codes it answers
 * are recorded as answered in its thread, and the reply is recorded as owed, all in one transaction or none of it.
 * So an acknowledged event's reply is never lost between the three (a crash or a failed write leaves the event
 * unseen, and the platform's retry is answered), and a retried event is never answered twice, also after a restart
 * and on another replica. Concurrent events share one commit.
 */
public interface EventReplies {

    /**
     * Records what {@code event} asks for, see {@link EventReply}; returns once it is durable.
     *
     * @throws StoreException when it could not be recorded; then nothing of it was
     */
    Taken take(EventReply event);

    /**
     * One event that gets a reply in a thread.
     *
     * @param eventKey    the platform's event id, made unique across platforms (e.g. {@code slack:Ev0123}); null
     *                    when the platform sent none, then the event is not deduplicated
     * @param keepEvent   how long a retry of the event is recognised
     * @param thread      the thread the reply goes to, e.g. {@code slack:C0123/1700000100.000200}
     * @param codes       the codes the reply explains, each answered once per thread; empty for a reply that
     *                    explains none (help, stats)
     * @param keepAnswers how long the thread remembers its answered codes
     * @param reply       the reply for the codes not yet answered in the thread (all of {@code codes}, in order,
     *                    in the usual case), or null when that leaves nothing to say; called inside the
     *                    transaction, so it should be quick, and again if the transaction is run again, so it
     *                    should have no side effects
     */
    record EventReply(String eventKey, Duration keepEvent, String thread, List<String> codes, Duration keepAnswers,
            Function<List<String>, PendingReply> reply) {

        public EventReply {
            Objects.requireNonNull(keepEvent, "keepEvent");
            Objects.requireNonNull(thread, "thread");
            codes = List.copyOf(codes);
            Objects.requireNonNull(keepAnswers, "keepAnswers");
            Objects.requireNonNull(reply, "reply");
        }
    }

    /**
     * What was recorded.
     *
     * @param firstSighting false for a retry of an event already taken (then nothing was recorded)
     * @param owed          the reply now owed, or null: a retry, every code already answered in the thread, nothing
     *                      to say, or a reply with the same key already owed
     */
    record Taken(boolean firstSighting, PendingReply owed) {
    }
}
