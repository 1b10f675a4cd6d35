package dev.aadsts.app.server;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * What one client may cost the server: how long it may take to send headers and body, how many
 * connections and queued requests there may be, how often one address may call the public API, and how
 * long a shutdown waits for requests in flight, and whether the public API is served at all. Every value has a default that suits a chat bot and an
 * environment variable to change it; the README's "HTTP server" section lists them.
 */
public record ServerLimits(
        Duration idleTimeout,
        Duration headerTimeout,
        Duration bodyTimeout,
        int maxConnections,
        int maxThreads,
        int maxQueuedRequests,
        int maxBodyBytes,
        int publicRequestsPerMinute,
        boolean playgroundOn,
        Duration shutdownGrace) {

    public static final int DEFAULT_MAX_BODY = 1024 * 1024;

    public static ServerLimits defaults() {
        return fromEnvironment(Map.of());
    }

    /** @throws IllegalArgumentException naming the variable whose value cannot work */
    public static ServerLimits fromEnvironment(Map<String, String> env) {
        return new ServerLimits(
                Duration.ofSeconds(number(env, "HTTP_IDLE_TIMEOUT_SECONDS", 30, 1, 3600)),
                Duration.ofSeconds(number(env, "HTTP_HEADER_TIMEOUT_SECONDS", 10, 1, 600)),
                Duration.ofSeconds(number(env, "HTTP_BODY_TIMEOUT_SECONDS", 20, 1, 600)),
                number(env, "HTTP_MAX_CONNECTIONS", 2000, 16, 100_000),
                number(env, "HTTP_MAX_THREADS", 64, 8, 2000),
                number(env, "HTTP_MAX_QUEUED_REQUESTS", 512, 8, 100_000),
                DEFAULT_MAX_BODY,
                number(env, "PUBLIC_API_PER_MINUTE", 120, 0, 1_000_000),
                onOff(env, "PLAYGROUND"),
                Duration.ofSeconds(number(env, "SHUTDOWN_GRACE_SECONDS", 20, 0, 600)));
    }

    /** {@code PLAYGROUND=off} takes the page, {@code /api/explain} and {@code /api/search} off the server. */
    private static boolean onOff(Map<String, String> env, String name) {
        String value = env.getOrDefault(name, "on").strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "on", "true", "1", "yes" -> true;
            case "off", "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(name + " must be on or off, not '" + value + "'");
        };
    }

    private static int number(Map<String, String> env, String name, int fallback, int min, int max) {
        String text = env.getOrDefault(name, "").strip();
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max
                + ", not '" + text + "'");
    }
}
