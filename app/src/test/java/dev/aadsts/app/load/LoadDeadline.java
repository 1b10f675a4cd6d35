package dev.aadsts.app.load;

import java.util.Map;

/**
 * Bounds a whole load run: after {@code MAX_SECONDS} the harness stops where it is and exits 3, and the servers it
 * started go with it ({@link ServerChild} stops them on exit), so a wedged server cannot keep a shared machine busy.
 */
public final class LoadDeadline {
    private LoadDeadline() {
    }

    /** Arms the bound from {@code MAX_SECONDS} in {@code env}, or {@code fallbackSeconds}; returns the bound. */
    public static int arm(Map<String, String> env, int fallbackSeconds) {
        String configured = env.get("MAX_SECONDS");
        int seconds = configured == null || configured.isBlank() ? fallbackSeconds
                : Integer.parseInt(configured.strip());
        if (seconds < 1) {
            throw new IllegalArgumentException("MAX_SECONDS must be at least 1");
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(seconds * 1000L);
            } catch (InterruptedException e) {
                return;
            }
            System.out.printf("%nload run cut off after MAX_SECONDS=%d; figures above are complete, the rest is not%n",
                    seconds);
            System.exit(3);
        }, "load-deadline");
        watchdog.setDaemon(true);
        watchdog.start();
        return seconds;
    }
}
