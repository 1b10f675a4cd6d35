package dev.aadsts.teams.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    @Test
    void secondsAndHttpDatesAreRead() {
        assertEquals(3_000, RetryAfter.millis("3"));
        assertEquals(1_500, RetryAfter.millis(" 1.5 "));
        String inAMinute = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60).format(DateTimeFormatter.RFC_1123_DATE_TIME);
        long wait = RetryAfter.millis(inAMinute);
        assertTrue(wait > 50_000 && wait <= 60_000, "about a minute, not " + wait);
    }

    @Test
    void aMissingOrUnreadableHeaderSaysSo() {
        assertEquals(-1, RetryAfter.millis(null));
        assertEquals(-1, RetryAfter.millis(" "));
        assertEquals(-1, RetryAfter.millis("soon"));
        assertEquals(-1, RetryAfter.millis("NaN"));
    }

    @Test
    void anOddWaitIsCappedSoALaneIsNeverParkedForGood() {
        assertEquals(RetryAfter.MAX_MILLIS, RetryAfter.millis("Infinity"));
        assertEquals(RetryAfter.MAX_MILLIS, RetryAfter.millis("86400"));
        assertEquals(0, RetryAfter.millis("-5"));
    }
}
