package dev.aadsts.store;

import java.util.List;

/**
 * A table whose rows live until {@code expires_at}: its name, its key column and the column for when a row
 * was written. The scheduled {@link ExpiryCleanup} removes what expired from every one of them.
 */
record ExpiringTable(String name, String keyColumn, String writtenAtColumn) {

    static final ExpiringTable SEEN_EVENTS = new ExpiringTable("seen_events", "event_key", "seen_at");
    static final ExpiringTable SHARE_CLAIMS = new ExpiringTable("share_claims", "share_id", "claimed_at");
    static final ExpiringTable THREAD_ANSWERS = new ExpiringTable("thread_answers", "answer_key", "answered_at");
    static final ExpiringTable SHARE_PAYLOADS = new ExpiringTable("share_payloads", "share_id", "created_at");

    static final List<ExpiringTable> ALL = List.of(SEEN_EVENTS, SHARE_CLAIMS, THREAD_ANSWERS, SHARE_PAYLOADS);
}
