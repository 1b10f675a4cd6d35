package dev.aadsts.core.signing;

/**
 * The replay window of a signed request: the sender's Unix time must be within a few minutes of ours.
 * Parsed strictly (plain ASCII digits, no sign, at most 12 of them) and compared without arithmetic that
 * can overflow, so no timestamp, however far off, slips through as "close enough".
 */
public final class TimestampWindow {
    /** Slack's and our webhook's window: five minutes either way. */
    public static final long FIVE_MINUTES = 5 * 60;
    // 12 digits reach year 33658: enough for any honest clock, small enough that nothing overflows below.
    private static final int MAX_DIGITS = 12;

    private final long windowSeconds;

    public TimestampWindow(long windowSeconds) {
        if (windowSeconds < 0 || windowSeconds > 86_400) {
            throw new IllegalArgumentException("window must be 0 to 86400 seconds");
        }
        this.windowSeconds = windowSeconds;
    }

    /** The timestamp's seconds, or -1 when it is not plain digits (the caller says "not a number"). */
    public static long parse(String timestamp) {
        if (timestamp == null) {
            return -1;
        }
        String t = timestamp.strip();
        if (t.isEmpty() || t.length() > MAX_DIGITS) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Whether {@code sentSeconds} (from {@link #parse}) lies within the window around {@code nowSeconds}. */
    public boolean accepts(long sentSeconds, long nowSeconds) {
        if (sentSeconds < 0 || nowSeconds < 0) {
            return false;
        }
        // Both are below 10^12 here, so neither subtraction can overflow.
        return sentSeconds <= nowSeconds ? nowSeconds - sentSeconds <= windowSeconds
                : sentSeconds - nowSeconds <= windowSeconds;
    }
}
