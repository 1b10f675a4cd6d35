package dev.aadsts.app.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;

/**
 * The load runs' HTTP/1.1 client: plain sockets kept alive, one blocking thread per connection, requests written
 * as one buffer. The load driver shares two cores with the server it measures; the JDK client spent about a core
 * on its own at 1,000 requests a second (selector, executor hand-offs, per-exchange objects), and every
 * millisecond it took from the server showed up in the server's latency. Here a request costs a queue hand-off,
 * one write and a read or two.
 *
 * <p>Only what the load runs need: {@code http://} targets, answers with {@code Content-Length} or chunked bodies
 * (read and dropped), {@code Connection: close} honoured. A connection idle for a while is opened again before
 * use rather than risk writing to one the server has just closed.
 */
public final class KeepAliveClient implements AutoCloseable {
    private static final long STALE_AFTER_NANOS = 2_000_000_000L;

    private record Job(URI target, byte[] request, BiConsumer<Integer, Throwable> done) {
    }

    private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
    private final List<Thread> workers;
    private final int readTimeoutMillis;
    private volatile boolean closed;

    /** {@code connections}: how many requests may be in flight at once; more wait their turn in order. */
    public KeepAliveClient(int connections) {
        this(connections, java.time.Duration.ofSeconds(30));
    }

    /** The same, an answer that takes longer than {@code timeout} counting as a failure. */
    public KeepAliveClient(int connections, java.time.Duration timeout) {
        readTimeoutMillis = Math.toIntExact(timeout.toMillis());
        workers = java.util.stream.IntStream.range(0, connections).mapToObj(i -> {
            Thread t = new Thread(this::work, "load-connection-" + i);
            t.setDaemon(true);
            t.start();
            return t;
        }).toList();
    }

    /** Sends {@code request}; {@code done} gets the status, or the failure, on a connection's thread. */
    public void send(HttpRequest request, BiConsumer<Integer, Throwable> done) {
        jobs.add(new Job(request.uri(), bytes(request), done));
    }

    /** Sends {@code request} and waits for its status. */
    public int sendAndWait(HttpRequest request) throws IOException, InterruptedException {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        send(request, (code, failure) -> {
            if (failure != null) {
                status.completeExceptionally(failure);
            } else {
                status.complete(code);
            }
        });
        try {
            return status.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private void work() {
        Connection connection = null;
        while (!closed) {
            Job job;
            try {
                job = jobs.take();
            } catch (InterruptedException e) {
                break;
            }
            try {
                if (connection == null || !connection.fitsFor(job.target())) {
                    if (connection != null) {
                        connection.close();
                    }
                    connection = new Connection(job.target(), readTimeoutMillis);
                }
                int status = connection.exchange(job.request());
                if (connection.mustClose) {
                    connection.close();
                    connection = null;
                }
                job.done().accept(status, null);
            } catch (IOException | RuntimeException e) {
                if (connection != null) {
                    connection.close();
                    connection = null;
                }
                job.done().accept(null, e);
            }
        }
        if (connection != null) {
            connection.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
    }

    /** The request as it goes on the wire: request line, headers (with Host and Content-Length), body. */
    static byte[] bytes(HttpRequest request) {
        URI uri = request.uri();
        if (!"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("only http:// targets: " + uri);
        }
        byte[] body = body(request);
        StringBuilder head = new StringBuilder(256);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        head.append(request.method()).append(' ').append(path);
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
        for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
            for (String value : header.getValue()) {
                head.append(header.getKey()).append(": ").append(value).append("\r\n");
            }
        }
        if (body.length > 0 || !request.method().equals("GET")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = java.util.Arrays.copyOf(start, start.length + body.length);
        System.arraycopy(body, 0, all, start.length, body.length);
        return all;
    }

    /** The bytes of a request's body publisher (the load runs' publishers are in-memory and answer at once). */
    private static byte[] body(HttpRequest request) {
        if (request.bodyPublisher().isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        request.bodyPublisher().get().subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                out.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable failure) {
                done.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.join();
        return out.toByteArray();
    }

    /** One kept-alive connection to one host and port. */
    private static final class Connection {
        private final String host;
        private final int port;
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private long lastUsed = System.nanoTime();
        boolean mustClose;

        Connection(URI target, int readTimeoutMillis) throws IOException {
            host = target.getHost();
            port = target.getPort();
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(readTimeoutMillis);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        boolean fitsFor(URI target) {
            return target.getPort() == port && target.getHost().equals(host)
                    && System.nanoTime() - lastUsed < STALE_AFTER_NANOS;
        }

        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            // "HTTP/1.1 200 OK"
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> mustClose |= value.equalsIgnoreCase("close");
                    default -> {
                    }
                }
            }
            if (chunked) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    skip(size);
                    line();
                }
                // Trailers end with an empty line.
                while (!line().isEmpty()) {
                    // dropped
                }
            } else if (length >= 0) {
                skip(length);
            } else if (status != 204 && status != 304 && status >= 200) {
                // No length: the body runs to the end of the connection.
                in.transferTo(OutputStream.nullOutputStream());
                mustClose = true;
            }
            lastUsed = System.nanoTime();
            return status;
        }

        private long chunkSize() throws IOException {
            String size = line();
            int semicolon = size.indexOf(';');
            return Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
        }

        private void skip(long n) throws IOException {
            long left = n;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("the answer ended early");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("the connection closed before the answer ended");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
