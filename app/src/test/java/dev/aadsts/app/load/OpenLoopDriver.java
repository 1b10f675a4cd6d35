package dev.aadsts.app.load;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Sends one rate's events open loop: event {@code i} is due at {@code start + i / rate} whether or not the
 * earlier ones were answered, and its latency counts from when it was due, so a server that falls behind cannot
 * hide it by slowing the sender down (coordinated omission).
 */
public final class OpenLoopDriver {
    /** At most this many requests open at once; past it the driver counts the send as late instead of queueing. */
    private static final int MAX_OPEN = 4000;

    /** Connections kept open to the server; requests beyond them wait in the client, their latency counting. */
    private static final int CONNECTIONS = 256;

    private final KeepAliveClient http = new KeepAliveClient(CONNECTIONS);

    /** Sends {@code rate * seconds} events made by {@code events}; expected replies are told to {@code deliveries}. */
    public LoadRun run(String prefix, int rate, int seconds, IntFunction<LoadEvent> events, Deliveries deliveries)
            throws InterruptedException {
        int total = rate * seconds;
        LoadRun run = new LoadRun(prefix, seconds, total);
        Semaphore open = new Semaphore(MAX_OPEN);
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            LoadEvent event = events.apply(i);
            if (event.replyKey() != null) {
                run.expectedReplies.incrementAndGet();
                if (deliveries != null) {
                    deliveries.expect(prefix, event.replyKey(), due);
                }
            }
            if (!open.tryAcquire()) {
                run.late.incrementAndGet();
                run.failed.add(event);
                continue;
            }
            http.send(event.request(), (status, e) -> {
                long latency = System.nanoTime() - due;
                if (e == null && status / 100 == 2) {
                    run.ack(latency);
                } else {
                    run.refused(e == null ? Integer.toString(status) : rootCause(e).getClass().getSimpleName(), event);
                }
                open.release();
            });
        }
        open.acquire(MAX_OPEN);
        run.finish(start);
        return run;
    }

    private static Throwable rootCause(Throwable e) {
        return e.getCause() == null ? e : rootCause(e.getCause());
    }

    /**
     * The platforms send a refused event again; so does the driver, once the rate is over (not counted as acks),
     * until it is accepted or twenty tries have failed.
     */
    public void resendRefused(LoadRun run) throws InterruptedException {
        for (LoadEvent event : run.failed) {
            for (int attempt = 0; attempt < 20; attempt++) {
                try {
                    int status = http.sendAndWait(event.resend().get());
                    if (status / 100 == 2) {
                        break;
                    }
                } catch (IOException e) {
                    // try again
                }
                Thread.sleep(500);
            }
        }
    }
}
