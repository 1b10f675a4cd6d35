package dev.aadsts.core.reply;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What became of the replies one {@link ReplyDelivery} took on, for /healthz and the metrics. */
final class ReplyCounters {
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong retried = new AtomicLong();
    final AtomicLong rateLimited = new AtomicLong();
    final AtomicLong postponed = new AtomicLong();
    final AtomicLong replayed = new AtomicLong();

    Map<String, Long> snapshot(long owed, long inFlight, long overflowed) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("replies.owed", owed);
        m.put("replies.inFlight", inFlight);
        m.put("replies.accepted", accepted.get());
        m.put("replies.delivered", delivered.get());
        m.put("replies.refused", refused.get());
        m.put("replies.retried", retried.get());
        m.put("replies.rateLimited", rateLimited.get());
        m.put("replies.postponed", postponed.get());
        m.put("replies.replayed", replayed.get());
        m.put("replies.overflowed", overflowed);
        return m;
    }
}
