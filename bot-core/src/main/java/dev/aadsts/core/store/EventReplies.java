package dev.aadsts.core.store;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Takes on the replies to a chat event in one durable step: the event's id is recorded as seen, the codes it answers
 * are recorded as answered in its thread, and its replies are recorded as owed, all in one transaction or none of
 * it. So an acknowledged event's replies are never lost between these writes (a crash or a failed write leaves the
 * event unseen, and the platform's retry is answered), and a retried event is never answered twice, also after a
 * restart and on another replica. Concurrent events share one commit.
 */
public interface EventReplies {

    /**
     * Records what {@code event} asks for, see {@link EventReply}; returns once it is durable.
     *
     * @throws StoreException when it could not be recorded; then nothing of it was
     */
    Taken take(EventReply event);

    /**
     * One event that gets replies, such as a Slack message answered in its thread or a Teams activity answered with
     * several card messages.
     *
     * @param eventKey    the platform's event id, made unique across platforms (e.g. {@code slack:Ev0123}); null
     *                    when the platform sent none, then the event is not deduplicated
     * @param keepEvent   how long a retry of the event is recognised
     * @param thread      the thread the replies go to, e.g. {@code slack:C0123/1700000100.000200}; may be null
     *                    when {@code codes} is empty
     * @param codes       the codes the replies explain, each answered once per thread; empty for replies that
     *                    explain none (help, stats) or that are not deduplicated per thread (Teams)
     * @param keepAnswers how long the thread remembers its answered codes; may be null when {@code codes} is empty
     * @param replies     the replies for the codes not yet answered in the thread (all of {@code codes}, in order,
     *                    in the usual case), in the order they are sent; empty (or null) when that leaves nothing to
     *                    say. Called inside the transaction, so it should be quick, and again if the transaction is
     *                    run again, so it should have no side effects
     */
    record EventReply(String eventKey, Duration keepEvent, String thread, List<String> codes, Duration keepAnswers,
            Function<List<String>, List<PendingReply>> replies) {

        public EventReply {
            Objects.requireNonNull(keepEvent, "keepEvent");
            codes = List.copyOf(codes);
            if (!codes.isEmpty()) {
                Objects.requireNonNull(thread, "thread");
                Objects.requireNonNull(keepAnswers, "keepAnswers");
            }
            Objects.requireNonNull(replies, "replies");
        }

        /** An event whose replies are already rendered and answer no codes a thread remembers. */
        public static EventReply withoutCodes(String eventKey, Duration keepEvent, List<PendingReply> replies) {
            List<PendingReply> fixed = List.copyOf(replies);
            return new EventReply(eventKey, keepEvent, null, List.of(), null, fresh -> fixed);
        }
    }

    /**
     * What was recorded.
     *
     * @param firstSighting false for a retry of an event already taken (then nothing was recorded)
     * @param owed          the replies now owed, in the given order: none for a retry, when every code was already
     *                      answered in the thread or there was nothing to say; a reply whose key was already owed is
     *                      left out
     */
    record Taken(boolean firstSighting, List<PendingReply> owed) {

        public Taken {
            owed = List.copyOf(owed);
        }
    }
}
