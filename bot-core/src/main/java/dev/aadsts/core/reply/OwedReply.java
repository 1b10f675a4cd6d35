package dev.aadsts.core.reply;

import dev.aadsts.core.store.PendingReply;

/** One owed reply in this process's hands, and how often it was tried here. Guarded by its lane. */
final class OwedReply {
    final PendingReply reply;
    int attempts;

    OwedReply(PendingReply reply) {
        this.reply = reply;
    }

    String key() {
        return reply.key();
    }
}
