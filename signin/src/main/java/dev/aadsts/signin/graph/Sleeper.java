package dev.aadsts.signin.graph;

import java.time.Duration;

/** Waits; tests pass one that only moves a fake clock. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());
}
