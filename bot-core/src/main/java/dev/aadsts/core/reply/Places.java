package dev.aadsts.core.reply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bound on owed replies: a place is taken when a handler reserves one (before the work is acknowledged) or a
 * sweep claims a stored reply, and given back when the reply is delivered, refused, postponed or never recorded.
 * Also knows which replies this process holds, so a reply is never queued twice here.
 */
final class Places {
    private final int limit;
    private final Map<String, OwedReply> held = new LinkedHashMap<>();
    private int taken;
    private boolean closed;

    Places(int limit) {
        this.limit = limit;
    }

    synchronized boolean take() {
        if (taken < limit && !closed) {
            taken++;
            return true;
        }
        return false;
    }

    /** For a sweep: a place for a claimed reply, unless it is already held here. */
    synchronized boolean takeFor(String key) {
        if (held.containsKey(key)) {
            return false;
        }
        return take();
    }

    synchronized void giveBack() {
        taken--;
    }

    /** The reply is now held here; false (and its place given back) when it already was. */
    synchronized boolean hold(OwedReply item) {
        if (held.putIfAbsent(item.key(), item) != null) {
            taken--;
            return false;
        }
        return true;
    }

    /** Done with the reply here, one way or another. */
    synchronized void release(String key) {
        held.remove(key);
        taken--;
    }

    synchronized int room() {
        return limit - taken;
    }

    synchronized int taken() {
        return taken;
    }

    synchronized List<String> heldKeys() {
        return new ArrayList<>(held.keySet());
    }

    synchronized void close() {
        closed = true;
    }
}
