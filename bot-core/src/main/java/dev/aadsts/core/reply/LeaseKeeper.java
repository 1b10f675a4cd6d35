package dev.aadsts.core.reply;

import dev.aadsts.core.store.PendingReplies;
import dev.aadsts.core.store.PendingReply;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the store's leases in step with {@link ReplyDelivery}: renews the leases of the replies this process
 * holds, and claims owed replies whose lease ran out (this process's before a restart, or a stopped replica's).
 */
final class LeaseKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);
    private static final int SWEEP_BATCH = 500;

    private final ReplyDelivery delivery;
    private final PendingReplies store;
    private final Clock clock;
    private final ReplyLimits limits;

    LeaseKeeper(ReplyDelivery delivery, PendingReplies store, Clock clock, ReplyLimits limits) {
        this.delivery = delivery;
        this.store = store;
        this.clock = clock;
        this.limits = limits;
    }

    void sweep() {
        if (delivery.closed()) {
            return;
        }
        try {
            int room = delivery.room();
            if (room <= 0) {
                return;
            }
            List<PendingReply> claimed = store.claimExpired(delivery.platform(), clock.instant(), limits.lease(),
                    Math.min(room, SWEEP_BATCH));
            for (PendingReply reply : claimed) {
                if (delivery.takeForReplay(reply.key())) {
                    delivery.enqueue(new OwedReply(reply));
                }
            }
            if (!claimed.isEmpty()) {
                LOG.info("claimed {} owed {} replies from the store", claimed.size(), delivery.name());
            }
        } catch (RuntimeException e) {
            LOG.error("sweeping owed {} replies failed: {}", delivery.name(), e.getMessage());
        }
    }

    void renew() {
        List<String> keys = delivery.heldKeys();
        if (keys.isEmpty()) {
            return;
        }
        try {
            store.renew(keys, clock.instant().plus(limits.lease()));
        } catch (RuntimeException e) {
            LOG.error("renewing the leases of {} {} replies failed: {}", keys.size(), delivery.name(), e.getMessage());
        }
    }
}
