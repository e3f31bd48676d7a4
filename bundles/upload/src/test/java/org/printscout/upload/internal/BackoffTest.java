package org.printscout.upload.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void waitsDoubleWithJitterBetweenHalfAndAllOfTheCeilingUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(300), new Random(42));
        long[] ceilings = {10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000};
        for (long ceiling : ceilings) {
            long wait = backoff.failed().toMillis();
            assertTrue(wait >= ceiling / 2 && wait <= ceiling, wait + " outside [" + ceiling / 2 + ", " + ceiling + "]");
        }
        backoff.succeeded();
        assertTrue(backoff.failed().toMillis() <= 10_000, "a success starts over");
    }

    @Test
    void agentsThatFailTogetherDoNotRetryTogether() {
        Set<Long> waits = new HashSet<>();
        for (int agent = 0; agent < 20; agent++) {
            Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(300), new Random(agent));
            backoff.failed();
            waits.add(backoff.failed().toMillis());
        }
        assertNotEquals(1, waits.size());
        assertTrue(waits.size() > 15, waits.toString());
    }

    @Test
    void manyFailuresNeverOverflow() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofHours(1), new Random(1));
        for (int i = 0; i < 200; i++) {
            long wait = backoff.failed().toMillis();
            assertTrue(wait > 0 && wait <= 3_600_000, Long.toString(wait));
        }
        assertEquals(200, backoff.failures());
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new Random()));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random()));
    }
}
