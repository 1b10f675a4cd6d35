package dev.aadsts.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises the writes that must be atomic (alert groups, seen events) for a database only this process
 * can open, embedded H2, instead of relying on its row locks. Keyed by the database's location, so two stores
 * opened on one directory in the same JVM still share a lock. PostgreSQL gets the no-op variant: there, row
 * locks and {@code ON CONFLICT} coordinate several processes.
 */
final class InProcessWriteLock {

    private static final Map<String, ReentrantLock> BY_DATABASE = new ConcurrentHashMap<>();

    private final ReentrantLock lock;

    private InProcessWriteLock(ReentrantLock lock) {
        this.lock = lock;
    }

    static InProcessWriteLock forDatabase(String databaseKey) {
        return new InProcessWriteLock(BY_DATABASE.computeIfAbsent(databaseKey, key -> new ReentrantLock()));
    }

    static InProcessWriteLock none() {
        return new InProcessWriteLock(null);
    }

    <T> T run(Supplier<T> work) {
        if (lock == null) {
            return work.get();
        }
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
