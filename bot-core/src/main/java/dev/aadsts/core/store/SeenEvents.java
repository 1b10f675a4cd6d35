package dev.aadsts.core.store;

import java.time.Duration;

/** Remembers event keys for a while; shared by all replicas on PostgreSQL. */
public interface SeenEvents {

    /**
     * Records {@code key} and answers true when this is the first time it is seen within {@code keepFor};
     * false when it was already recorded and has not expired. Atomic across threads and instances: of
     * two concurrent calls with one key exactly one gets true. Expired keys are removed by the store's
     * scheduled cleanup.
     */
    boolean firstSighting(String key, Duration keepFor);
}
