package dev.aadsts.core.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimestampWindowTest {
    private final TimestampWindow window = new TimestampWindow(TimestampWindow.FIVE_MINUTES);
    private final long now = 1_780_000_000L;

    @Test
    void acceptsWithinFiveMinutesEitherWay() {
        assertTrue(window.accepts(now, now));
        assertTrue(window.accepts(now - 300, now));
        assertTrue(window.accepts(now + 300, now));
        assertFalse(window.accepts(now - 301, now));
        assertFalse(window.accepts(now + 301, now));
    }

    @Test
    void theProbesOverflowingTimestampIsRefused() {
        // now - 2^63 wraps to a value whose Math.abs distance looked tiny to the old check.
        String wrapped = Long.toString(now - Long.MIN_VALUE);
        assertEquals(-1, TimestampWindow.parse(wrapped));
        assertEquals(-1, TimestampWindow.parse(Long.toString(Long.MIN_VALUE)));
        assertEquals(-1, TimestampWindow.parse("-" + now));
        assertFalse(window.accepts(TimestampWindow.parse(Long.toString(Long.MIN_VALUE)), now));
    }

    @Test
    void parsesOnlyPlainAsciiDigits() {
        assertEquals(now, TimestampWindow.parse(" " + now + " "));
        assertEquals(-1, TimestampWindow.parse("+" + now));
        assertEquals(-1, TimestampWindow.parse("１７８００００００００"));
        assertEquals(-1, TimestampWindow.parse("1.7e9"));
        assertEquals(-1, TimestampWindow.parse(""));
        assertEquals(-1, TimestampWindow.parse(null));
        assertEquals(-1, TimestampWindow.parse("1234567890123"));
    }
}
