package org.printscout.discovery.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How many first contacts (probes of addresses that have not answered yet) a scan keeps in flight:
 * at most {@code max}, fewer when the kernel does not keep up. On a flat network every such probe
 * waits in the kernel for ARP: its datagrams sit in the SNMP socket's send buffer and its address
 * in the neighbour table until resolution fails (net.ipv4.neigh.*.mcast_solicit x retrans_time_ms,
 * 3 s by default). A full send buffer blocks every sender of the shared SNMP socket (the timer
 * thread's retries, readings of printers already found); a full neighbour table drops datagrams
 * without an error. Either is a congestion signal: a stall ({@link #congested()}) caps the window
 * at what was in flight, drops ({@link #dropped()}) halve that, each at most once per
 * {@link #HOLD_NANOS} (the time an unresolved address keeps its kernel resources, so one episode
 * counts once), and the window grows by an eighth each second it is used to the full without a
 * signal. After drops no new first contact starts for that time either: until entries age out,
 * the table is as full as it was, and everything sent would be dropped too. A scan that never meets one (loopback, a routed network: one
 * neighbour entry, the router's) runs at {@code max} throughout.
 */
final class ProbeWindow {

    /** What an unresolved address holds in the kernel: 3 solicitations 1 s apart (Linux defaults). */
    static final long HOLD_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final long GROW_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Sends are sampled over this period; blocked more than {@link #STALLED_SHARE} of it is a stall. */
    private static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final double STALLED_SHARE = 0.25;

    private final int min;
    private final int max;
    private final LongSupplier nanos;
    private int limit;
    private int inFlight;
    private int lowest;
    private long congestions;
    private long lastDecrease;
    private long pausedUntil;
    private long lastGrowth;
    private long sampleStart;
    private long blockedInSample;

    ProbeWindow(int min, int max, LongSupplier nanos) {
        this.max = Math.max(1, max);
        this.min = Math.max(1, Math.min(min, this.max));
        this.nanos = nanos;
        this.limit = this.max;
        this.lowest = this.max;
        long now = nanos.getAsLong();
        this.lastDecrease = now - HOLD_NANOS;
        this.lastGrowth = now;
        this.sampleStart = now;
    }

    /** Takes a slot, waiting at most {@code timeoutMillis}; false when none came free in time. */
    synchronized boolean tryAcquire(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (inFlight >= limit || nanos.getAsLong() < pausedUntil) {
            grow();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        }
        inFlight++;
        grow();
        return true;
    }

    synchronized void release() {
        inFlight--;
        notifyAll();
    }

    /**
     * The feeder spent {@code blockedNanos} handing one probe to the SNMP reader. A send that waits
     * is the kernel's send buffer being full (datagrams waiting for ARP); a single slow one (a
     * garbage collection) is not, so what counts is the share of a sampling period spent so.
     */
    synchronized void handedOver(long blockedNanos) {
        long now = nanos.getAsLong();
        blockedInSample += blockedNanos;
        if (now - sampleStart >= SAMPLE_NANOS) {
            if (blockedInSample > (now - sampleStart) * STALLED_SHARE) {
                congested();
            }
            sampleStart = now;
            blockedInSample = 0;
        }
    }

    /**
     * The kernel holds datagrams (a full send buffer): the window stops where it is, at what was in
     * flight. Not halved: nothing was lost, the feeder waits in the send anyway, and the buffer
     * empties only as the waiting addresses fail ARP, so a smaller window would only idle.
     */
    synchronized void congested() {
        long now = nanos.getAsLong();
        if (now - lastDecrease < HOLD_NANOS) {
            return;
        }
        limit = Math.max(min, Math.min(limit, Math.max(inFlight, 1)));
        lowest = Math.min(lowest, limit);
        congestions++;
        lastDecrease = now;
        lastGrowth = now;
    }

    /** The kernel dropped datagrams (a full neighbour table): halve the window and pause, once per episode. */
    synchronized void dropped() {
        decrease(true);
    }

    private void decrease(boolean pause) {
        long now = nanos.getAsLong();
        if (now - lastDecrease < HOLD_NANOS) {
            return;
        }
        if (pause) {
            pausedUntil = now + HOLD_NANOS;
        }
        limit = Math.max(min, Math.min(limit, Math.max(inFlight, 1)) / 2);
        lowest = Math.min(lowest, limit);
        congestions++;
        lastDecrease = now;
        lastGrowth = now;
    }

    private void grow() {
        long now = nanos.getAsLong();
        if (limit >= max || now - lastGrowth < GROW_NANOS || now - lastDecrease < HOLD_NANOS) {
            return;
        }
        lastGrowth = now;
        // only a window in use tells that more would be accepted
        if (inFlight >= limit * 9L / 10) {
            limit = Math.min(max, limit + Math.max(1, limit / 8));
            notifyAll();
        }
    }

    synchronized int limit() {
        return limit;
    }

    synchronized int inFlight() {
        return inFlight;
    }

    /** The smallest the window was in this scan. */
    synchronized int lowest() {
        return lowest;
    }

    synchronized long congestions() {
        return congestions;
    }
}
