package org.printscout.simulator;

import java.time.Duration;
import java.util.Objects;

import org.printscout.api.snmp.Oid;

/**
 * Misbehaviour to inject, for one device or all of them. Immutable: start from {@link #NONE} and add
 * faults with the {@code with…} methods. Random decisions come from each device's own generator,
 * seeded from the simulator's seed ({@link Simulator.Builder#seed(long)}), so a test that sends the
 * same requests in the same order sees the same faults.
 *
 * @param latency fixed delay before each response
 * @param jitter up to this much more delay, uniformly distributed
 * @param lossProbability a request is dropped without an answer
 * @param truncateProbability the response is cut short (a prefix of random length)
 * @param garbageProbability the response is replaced by random bytes of the same length
 * @param wrongRequestIdProbability the response carries another request-id than the request
 * @param wrongTypeProbability each value is answered with a wrong SNMP type (a number as an OCTET
 *        STRING, a string as an INTEGER…)
 * @param walkLoopFrom when not null, GETNEXT and GETBULK asked from this OID or later answer an OID
 *        that is not greater than the one asked (the last recorded OID at or before it), as broken
 *        agents do; a walk that does not detect it never ends
 * @param syntheticTable when not null, a large table served in addition to the recording
 */
public record Faults(Duration latency, Duration jitter, double lossProbability, double truncateProbability,
                     double garbageProbability, double wrongRequestIdProbability, double wrongTypeProbability,
                     Oid walkLoopFrom, SyntheticTable syntheticTable) {

    public static final Faults NONE = new Faults(Duration.ZERO, Duration.ZERO, 0, 0, 0, 0, 0, null, null);

    public Faults {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(jitter, "jitter");
        if (latency.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("latency and jitter must not be negative");
        }
        checkProbability("loss", lossProbability);
        checkProbability("truncate", truncateProbability);
        checkProbability("garbage", garbageProbability);
        checkProbability("wrong request-id", wrongRequestIdProbability);
        checkProbability("wrong type", wrongTypeProbability);
    }

    private static void checkProbability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " probability must be between 0 and 1, got " + p);
        }
    }

    /**
     * A table of {@code rows} rows generated on the fly (never stored, so 100 000 rows cost nothing):
     * under {@code table.1} column 1 is the row index (INTEGER), column 2 a description
     * (OCTET STRING {@code "synthetic row N"}) and column 3 a counter (Counter32, 10 × N); row N's
     * instance is {@code table.1.COLUMN.N}. It hides recorded values under {@code table}.
     */
    public record SyntheticTable(Oid table, int rows) {
        public SyntheticTable {
            Objects.requireNonNull(table, "table");
            if (rows < 1) {
                throw new IllegalArgumentException("a synthetic table needs at least one row");
            }
        }
    }

    public Faults withLatency(Duration fixed, Duration upToMore) {
        return new Faults(fixed, upToMore, lossProbability, truncateProbability, garbageProbability,
                wrongRequestIdProbability, wrongTypeProbability, walkLoopFrom, syntheticTable);
    }

    public Faults withLoss(double probability) {
        return new Faults(latency, jitter, probability, truncateProbability, garbageProbability,
                wrongRequestIdProbability, wrongTypeProbability, walkLoopFrom, syntheticTable);
    }

    public Faults withTruncation(double probability) {
        return new Faults(latency, jitter, lossProbability, probability, garbageProbability,
                wrongRequestIdProbability, wrongTypeProbability, walkLoopFrom, syntheticTable);
    }

    public Faults withGarbage(double probability) {
        return new Faults(latency, jitter, lossProbability, truncateProbability, probability,
                wrongRequestIdProbability, wrongTypeProbability, walkLoopFrom, syntheticTable);
    }

    public Faults withWrongRequestId(double probability) {
        return new Faults(latency, jitter, lossProbability, truncateProbability, garbageProbability,
                probability, wrongTypeProbability, walkLoopFrom, syntheticTable);
    }

    public Faults withWrongTypes(double probability) {
        return new Faults(latency, jitter, lossProbability, truncateProbability, garbageProbability,
                wrongRequestIdProbability, probability, walkLoopFrom, syntheticTable);
    }

    /** {@code from == null} switches the walk loop off. */
    public Faults withWalkLoopFrom(Oid from) {
        return new Faults(latency, jitter, lossProbability, truncateProbability, garbageProbability,
                wrongRequestIdProbability, wrongTypeProbability, from, syntheticTable);
    }

    /** {@code table == null} removes the synthetic table. */
    public Faults withSyntheticTable(SyntheticTable table) {
        return new Faults(latency, jitter, lossProbability, truncateProbability, garbageProbability,
                wrongRequestIdProbability, wrongTypeProbability, walkLoopFrom, table);
    }

    public boolean delaysResponses() {
        return !latency.isZero() || !jitter.isZero();
    }
}
