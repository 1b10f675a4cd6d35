package dev.aadsts.app.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request body without holding a thread while the client is slow: each chunk is taken as it
 * arrives, the total is capped, and a deadline fails a body that takes too long. Exactly one of the two
 * outcomes is delivered.
 */
final class BodyReader implements Runnable {
    private final Request request;
    private final int maxBytes;
    private final Consumer<byte[]> done;
    private final Consumer<HttpProblem> failed;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final AtomicBoolean finished = new AtomicBoolean();
    private Scheduler.Task deadline;

    BodyReader(Request request, int maxBytes, Consumer<byte[]> done, Consumer<HttpProblem> failed) {
        this.request = request;
        this.maxBytes = maxBytes;
        this.done = done;
        this.failed = failed;
    }

    void start(Scheduler scheduler, Duration timeout) {
        deadline = scheduler.schedule(() -> fail(new HttpProblem(408,
                "the request body took longer than " + timeout.toSeconds() + " s to arrive")),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        run();
    }

    @Override
    public void run() {
        while (!finished.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                fail(new HttpProblem(400, "the request body could not be read"));
                return;
            }
            ByteBuffer bytes = chunk.getByteBuffer();
            int n = bytes.remaining();
            if (buffer.size() + n > maxBytes) {
                chunk.release();
                fail(new HttpProblem(413, "request body is larger than " + size(maxBytes)));
                return;
            }
            byte[] copy = new byte[n];
            bytes.get(copy);
            buffer.write(copy, 0, n);
            boolean last = chunk.isLast();
            chunk.release();
            if (last) {
                if (finished.compareAndSet(false, true)) {
                    cancelDeadline();
                    done.accept(buffer.toByteArray());
                }
                return;
            }
        }
    }

    /** "1 MiB", "64 KiB": how the limit reads in a refusal. */
    static String size(int bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes / 1024 + " KiB";
    }

    private void fail(HttpProblem problem) {
        if (finished.compareAndSet(false, true)) {
            cancelDeadline();
            failed.accept(problem);
        }
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel();
        }
    }
}
