package org.printscout.discovery.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProbeWindowTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ProbeWindow window = new ProbeWindow(16, 4096, now::get);

    private void fill(int n) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            assertTrue(window.tryAcquire(0), "slot " + i + " of " + window.limit());
        }
    }

    private void advance(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void withoutASignalTheWindowStaysAtItsMaximum() throws InterruptedException {
        fill(4096);
        assertFalse(window.tryAcquire(0));
        advance(60_000);
        window.handedOver(TimeUnit.MICROSECONDS.toNanos(50));
        assertEquals(4096, window.limit());
        assertEquals(0, window.congestions());
    }

    @Test
    void dropsHalveWhatWasInFlightOncePerEpisodeDownToTheFloor() throws InterruptedException {
        fill(256);
        window.dropped();
        assertEquals(128, window.limit(), "half of the 256 in flight, not of the 4 096 allowed");
        window.dropped();
        advance(2_000);
        window.dropped();
        assertEquals(128, window.limit(), "one episode (3 s, what an unresolved address holds in the kernel) counts once");
        for (int i = 0; i < 5; i++) {
            advance(3_000);
            window.dropped();
        }
        assertEquals(16, window.limit(), "never below minAddressesInFlight");
        assertEquals(16, window.lowest());
        assertEquals(6, window.congestions(), "a signal at the floor is still one");
    }

    @Test
    void aWindowUsedToTheFullGrowsByAnEighthASecondAfterTheEpisode() throws InterruptedException {
        fill(200);
        window.dropped();
        assertEquals(100, window.limit());
        for (int i = 0; i < 101; i++) {
            window.release();
        }
        advance(2_000);
        assertFalse(window.tryAcquire(0), "paused, and no growth within the episode");
        assertEquals(100, window.limit());
        advance(1_000);
        assertTrue(window.tryAcquire(0), "99 in flight of 100, and this one");
        assertEquals(112, window.limit(), "used to the full a whole episode after the drops");
        advance(1_000);
        for (int i = 0; i < 50; i++) {
            window.release();
        }
        assertTrue(window.tryAcquire(0));
        assertEquals(112, window.limit(), "a window half used says nothing about what the kernel would accept");
    }

    @Test
    void dropsAlsoPauseNewFirstContactsForTheEpisode() throws InterruptedException {
        fill(1000);
        window.dropped();
        assertEquals(500, window.limit());
        for (int i = 0; i < 990; i++) {
            window.release();
        }
        assertFalse(window.tryAcquire(0), "the neighbour table stays full until its entries age out");
        advance(2_900);
        assertFalse(window.tryAcquire(0));
        advance(100);
        assertTrue(window.tryAcquire(0));
    }

    @Test
    void sendsThatBlockAQuarterOfTheTimeAreAStallAndASingleSlowOneIsNot() throws InterruptedException {
        fill(300);
        advance(500);
        window.handedOver(TimeUnit.MILLISECONDS.toNanos(100));
        assertEquals(4096, window.limit(), "100 ms of 500 (a garbage collection, say) is not a stall");
        advance(250);
        window.handedOver(TimeUnit.MILLISECONDS.toNanos(150));
        advance(250);
        window.handedOver(TimeUnit.MILLISECONDS.toNanos(150));
        assertEquals(300, window.limit(), "300 ms of 500 blocked in sends: the send buffer is full, the window stays at the 300 in flight");
    }
}
