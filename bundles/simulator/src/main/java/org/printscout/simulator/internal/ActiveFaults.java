package org.printscout.simulator.internal;

import java.util.Random;

import org.printscout.simulator.Faults;
import org.snmp4j.smi.OID;

/**
 * A device's faults in the form the request path uses, with the device's random generator. The
 * generator is drawn only for faults that are switched on and not certain, so the decisions of one
 * fault do not depend on which other faults are configured.
 */
final class ActiveFaults {

    final Faults faults;
    final OID walkLoopFrom;
    final SyntheticRows syntheticRows;
    private final Random random;

    ActiveFaults(Faults faults, Random random) {
        this.faults = faults;
        this.walkLoopFrom = faults.walkLoopFrom() == null ? null : Variables.toOid(faults.walkLoopFrom());
        this.syntheticRows = faults.syntheticTable() == null ? null : new SyntheticRows(faults.syntheticTable());
        this.random = random;
    }

    boolean lose() {
        return happens(faults.lossProbability());
    }

    boolean truncate() {
        return happens(faults.truncateProbability());
    }

    boolean garble() {
        return happens(faults.garbageProbability());
    }

    boolean wrongRequestId() {
        return happens(faults.wrongRequestIdProbability());
    }

    boolean wrongType() {
        return happens(faults.wrongTypeProbability());
    }

    /** The delay before a response: the fixed latency plus a uniform share of the jitter. */
    long delayNanos() {
        long fixed = faults.latency().toNanos();
        long jitter = faults.jitter().toNanos();
        return jitter > 0 ? fixed + random.nextLong(jitter + 1) : fixed;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    void nextBytes(byte[] into) {
        random.nextBytes(into);
    }

    private boolean happens(double probability) {
        if (probability <= 0) {
            return false;
        }
        return probability >= 1 || random.nextDouble() < probability;
    }
}
