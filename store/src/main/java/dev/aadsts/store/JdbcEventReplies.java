package dev.aadsts.store;

import dev.aadsts.core.store.EventReplies;
import dev.aadsts.core.store.PendingReply;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link EventReplies} over {@code seen_events}, {@code thread_answers} and {@code pending_replies}. An event with a
 * code used to take a commit per table (a Teams activity one more per card message), each waiting its turn for the
 * embedded store's single writer; now every event that arrives while a commit is being written joins the next one,
 * which records all of them, in arrival order, in one transaction.
 */
final class JdbcEventReplies implements EventReplies {

    private final ExpiringKeys seenEvents;
    private final ExpiringKeys threadAnswers;
    private final JdbcPendingReplies pendingReplies;
    private final BatchedCommits<EventReply, Taken> commits;

    JdbcEventReplies(Jdbc jdbc, InProcessWriteLock writeLock, ExpiringKeys seenEvents, ExpiringKeys threadAnswers,
            JdbcPendingReplies pendingReplies) {
        this.seenEvents = seenEvents;
        this.threadAnswers = threadAnswers;
        this.pendingReplies = pendingReplies;
        this.commits = new BatchedCommits<>(jdbc, writeLock, "record event replies", this::write);
    }

    @Override
    public Taken take(EventReply event) {
        return commits.submit(event);
    }

    // One after another on one connection: a later event in the batch sees what an earlier one recorded, so a
    // retry or a second paste in the same thread arriving together is still decided as if they came apart.
    private List<Taken> write(Connection connection, List<EventReply> events) throws SQLException {
        List<Taken> taken = new ArrayList<>(events.size());
        for (EventReply event : events) {
            taken.add(take(connection, event));
        }
        return taken;
    }

    private Taken take(Connection connection, EventReply event) throws SQLException {
        if (event.eventKey() != null && !seenEvents.firstUse(connection, event.eventKey(), event.keepEvent())) {
            return new Taken(false, List.of());
        }
        List<String> fresh = new ArrayList<>();
        for (String code : event.codes()) {
            if (threadAnswers.firstUse(connection, JdbcThreadAnswers.key(event.thread(), code),
                    event.keepAnswers())) {
                fresh.add(code);
            }
        }
        if (!event.codes().isEmpty() && fresh.isEmpty()) {
            return new Taken(true, List.of());
        }
        List<PendingReply> replies = event.replies().apply(List.copyOf(fresh));
        if (replies == null || replies.isEmpty()) {
            return new Taken(true, List.of());
        }
        List<Boolean> added = pendingReplies.insert(connection, replies);
        List<PendingReply> owed = new ArrayList<>(replies.size());
        for (int i = 0; i < replies.size(); i++) {
            if (added.get(i)) {
                owed.add(replies.get(i));
            }
        }
        return new Taken(true, owed);
    }

    /** Events waiting for a transaction, for tests. */
    int queued() {
        return commits.queued();
    }
}
