package org.printscout.simulator.internal;

import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;

/**
 * A printer in use while the simulator runs: its page counters advance and its supplies drain, so
 * that a portal fed by the simulator has history to chart. Applied to the Printer-MIB's
 * prtMarkerLifeCount (every marker counts the same pages) and prtMarkerSuppliesLevel; the values
 * are a function of the recorded value and the time since the simulator started, nothing is
 * stored, so GET, GETNEXT and GETBULK of one OID agree at one instant.
 *
 * @param pagesPerHour pages added to every prtMarkerLifeCount per hour; 0 leaves them as recorded
 * @param supplyPercentPerHour percent of prtMarkerSuppliesMaxCapacity a consumed supply loses per
 *        hour; 0 leaves the levels as recorded
 */
public record Wear(double pagesPerHour, double supplyPercentPerHour) {

    public static final Wear OFF = new Wear(0, 0);

    static final OID PRT_MARKER_LIFE_COUNT = new OID("1.3.6.1.2.1.43.10.2.1.4");
    static final OID PRT_MARKER_SUPPLIES_CLASS = new OID("1.3.6.1.2.1.43.11.1.1.4");
    static final OID PRT_MARKER_SUPPLIES_MAX_CAPACITY = new OID("1.3.6.1.2.1.43.11.1.1.8");
    static final OID PRT_MARKER_SUPPLIES_LEVEL = new OID("1.3.6.1.2.1.43.11.1.1.9");
    /** PrtMarkerSuppliesClassTC receptacleThatIsFilled: a waste toner box fills, it does not drain. */
    private static final int RECEPTACLE_THAT_IS_FILLED = 4;
    private static final double NANOS_PER_HOUR = 3_600e9;
    private static final long UNSIGNED_32_MAX = 0xFFFF_FFFFL;

    public Wear {
        check("pagesPerHour", pagesPerHour);
        check("supplyPercentPerHour", supplyPercentPerHour);
    }

    private static void check(String name, double rate) {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(name + " must be a finite number of at least 0, got " + rate);
        }
    }

    boolean isOff() {
        return pagesPerHour == 0 && supplyPercentPerHour == 0;
    }

    /** Pages printed in {@code elapsedNanos}: whole pages only, so the count never goes down as time passes. */
    long pages(long elapsedNanos) {
        return (long) Math.floor(pagesPerHour * (Math.max(0, elapsedNanos) / NANOS_PER_HOUR));
    }

    /**
     * A counter that started at {@code recorded}, {@code pages} later. It stops at the largest value
     * its type holds instead of wrapping: a wrap reads as a meter going backwards, which the portal
     * alerts on, and a counter that never decreases is what the simulator promises.
     */
    static Variable counter(Variable recorded, long pages) {
        switch (recorded.getSyntax()) {
            case SMIConstants.SYNTAX_COUNTER32:
                return new Counter32(saturated(recorded.toLong(), pages, UNSIGNED_32_MAX));
            case SMIConstants.SYNTAX_GAUGE32:
                return new Gauge32(saturated(recorded.toLong(), pages, UNSIGNED_32_MAX));
            case SMIConstants.SYNTAX_INTEGER:
                // a negative INTEGER count is a device's "unknown", not a count to add to
                return recorded.toLong() < 0 ? recorded
                        : new Integer32((int) saturated(recorded.toLong(), pages, Integer.MAX_VALUE));
            case SMIConstants.SYNTAX_COUNTER64:
                return recorded.toLong() < 0 ? recorded : new Counter64(saturated(recorded.toLong(), pages, Long.MAX_VALUE));
            default:
                return recorded;
        }
    }

    private static long saturated(long base, long add, long max) {
        return base >= max || add >= max - base ? max : base + add;
    }

    /**
     * The level of a supply recorded at {@code level} of {@code capacity}, after {@code elapsedNanos}:
     * it drains by whole units to 0, stays empty for one unit's time (long enough for a reading to
     * see it), is refilled to {@code capacity} (a cartridge changed) and drains again. Levels and capacities below 0 are the Printer-MIB's "other",
     * "unknown" and "some remaining" (-1, -2, -3): there is nothing to take a percentage of, so they
     * stay as recorded, as does a level above the capacity.
     */
    long supplyLevel(long level, long capacity, long elapsedNanos) {
        if (level < 0 || capacity <= 0 || level > capacity) {
            return level;
        }
        double drainedUnits = supplyPercentPerHour / 100 * capacity * (Math.max(0, elapsedNanos) / NANOS_PER_HOUR);
        long drained = (long) Math.floor(drainedUnits);
        if (drained <= level) {
            return level - drained;
        }
        // each cartridge after the first: capacity, capacity - 1, ..., 0, then the next one
        return capacity - (drained - level - 1) % (capacity + 1);
    }

    /**
     * The value to serve at {@code oid} in place of {@code recorded}, {@code elapsedNanos} after the
     * start; {@code values} gives the supply's capacity and class from the same row.
     */
    Variable apply(OID oid, Variable recorded, long elapsedNanos, RecordedValues values) {
        if (pagesPerHour > 0 && oid.size() > PRT_MARKER_LIFE_COUNT.size() && oid.startsWith(PRT_MARKER_LIFE_COUNT)) {
            return counter(recorded, pages(elapsedNanos));
        }
        if (supplyPercentPerHour > 0 && oid.size() > PRT_MARKER_SUPPLIES_LEVEL.size()
                && oid.startsWith(PRT_MARKER_SUPPLIES_LEVEL) && recorded.getSyntax() == SMIConstants.SYNTAX_INTEGER) {
            Variable capacity = values.get(sameRow(PRT_MARKER_SUPPLIES_MAX_CAPACITY, oid));
            Variable supplyClass = values.get(sameRow(PRT_MARKER_SUPPLIES_CLASS, oid));
            if (capacity == null || capacity.getSyntax() != SMIConstants.SYNTAX_INTEGER
                    || supplyClass != null && supplyClass.getSyntax() == SMIConstants.SYNTAX_INTEGER
                    && supplyClass.toLong() == RECEPTACLE_THAT_IS_FILLED) {
                return recorded;
            }
            long level = recorded.toLong();
            long worn = supplyLevel(level, capacity.toLong(), elapsedNanos);
            return worn == level ? recorded : new Integer32((int) worn);
        }
        return recorded;
    }

    /** The instance of {@code column} in the row of {@code instance} (a column of the same table). */
    private static OID sameRow(OID column, OID instance) {
        OID row = new OID(column);
        for (int i = column.size(); i < instance.size(); i++) {
            row.append(instance.get(i));
        }
        return row;
    }
}
