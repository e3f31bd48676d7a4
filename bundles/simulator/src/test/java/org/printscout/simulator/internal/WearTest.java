package org.printscout.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpType;
import org.printscout.api.snmp.SnmpValue;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;

/** The wear arithmetic, and a device's MIB view worn to a given time since the start. */
class WearTest {

    static final String LIFE_COUNT = "1.3.6.1.2.1.43.10.2.1.4.1.1";
    static final String SUPPLY_CLASS = "1.3.6.1.2.1.43.11.1.1.4.1.";
    static final String SUPPLY_CAPACITY = "1.3.6.1.2.1.43.11.1.1.8.1.";
    static final String SUPPLY_LEVEL = "1.3.6.1.2.1.43.11.1.1.9.1.";
    private static final long HOUR = Duration.ofHours(1).toNanos();
    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    @Test
    void pagesGrowWithTimeInWholePagesAndNeverBeforeTheStart() {
        Wear wear = new Wear(180, 0);
        assertEquals(0, wear.pages(0));
        assertEquals(0, wear.pages(-HOUR));
        assertEquals(0, wear.pages(19_999_999_999L));
        assertEquals(1, wear.pages(20_000_000_000L));
        assertEquals(3, wear.pages(MINUTE));
        assertEquals(180, wear.pages(HOUR));
        assertEquals(180L * 24 * 365, wear.pages(365 * 24 * HOUR));
        long previous = 0;
        for (long t = 0; t < 10 * MINUTE; t += 7_777_777_777L) {
            long pages = wear.pages(t);
            assertTrue(pages >= previous, "pages went down at " + t);
            previous = pages;
        }
    }

    @Test
    void countersKeepTheirTypeAndStopAtTheLargestValueInsteadOfWrapping() {
        assertEquals(new Counter32(4342), Wear.counter(new Counter32(4242), 100));
        assertEquals(new Counter32(0xFFFF_FFFFL), Wear.counter(new Counter32(0xFFFF_FFF0L), 100));
        assertEquals(new Counter32(0xFFFF_FFFFL), Wear.counter(new Counter32(0xFFFF_FFFFL), 1));
        assertEquals(new Counter32(0xFFFF_FFFFL), Wear.counter(new Counter32(5), Long.MAX_VALUE));
        assertEquals(new Gauge32(15), Wear.counter(new Gauge32(5), 10));
        assertEquals(new Integer32(Integer.MAX_VALUE), Wear.counter(new Integer32(Integer.MAX_VALUE - 1), 5));
        assertEquals(new Integer32(-2), Wear.counter(new Integer32(-2), 5));
        OctetString text = new OctetString("12");
        assertSame(text, Wear.counter(text, 5));
    }

    @Test
    void aSupplyDrainsToEmptyStaysEmptyOneUnitThenIsRefilledAndDrainsAgain() {
        Wear wear = new Wear(0, 6);
        long unit = 10 * MINUTE; // 6 % of 100 an hour: one unit per 10 minutes
        assertEquals(3, wear.supplyLevel(3, 100, 0));
        assertEquals(3, wear.supplyLevel(3, 100, unit - 1));
        assertEquals(2, wear.supplyLevel(3, 100, unit));
        assertEquals(0, wear.supplyLevel(3, 100, 3 * unit));
        assertEquals(100, wear.supplyLevel(3, 100, 4 * unit));
        assertEquals(99, wear.supplyLevel(3, 100, 5 * unit));
        assertEquals(0, wear.supplyLevel(3, 100, 104 * unit));
        assertEquals(100, wear.supplyLevel(3, 100, 105 * unit));
        // drained relative to the capacity: 6 % of 2000 units is 120 units an hour
        assertEquals(1880, wear.supplyLevel(2000, 2000, HOUR));
        assertEquals(0, wear.supplyLevel(0, 100, unit - 1));
        assertEquals(100, wear.supplyLevel(0, 100, unit));
    }

    @Test
    void unknownLevelsAndCapacitiesStayAsRecorded() {
        Wear wear = new Wear(0, 50);
        for (long level : new long[] {-1, -2, -3}) {
            assertEquals(level, wear.supplyLevel(level, 100, 10 * HOUR));
        }
        assertEquals(40, wear.supplyLevel(40, -2, 10 * HOUR));
        assertEquals(40, wear.supplyLevel(40, 0, 10 * HOUR));
        assertEquals(140, wear.supplyLevel(140, 100, 10 * HOUR));
    }

    @Test
    void negativeOrNonNumericRatesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Wear(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Wear(0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Wear(Double.POSITIVE_INFINITY, 0));
        assertTrue(new Wear(0, 0).isOff());
    }

    static Snapshot worn() {
        Map<Oid, SnmpValue> values = new TreeMap<>();
        values.put(Oid.parse("1.3.6.1.2.1.1.1.0"), SnmpValue.text("Worn Printer"));
        values.put(Oid.parse(LIFE_COUNT), SnmpValue.number(SnmpType.COUNTER32, 4242));
        // 1: toner, 2: toner of unknown level, 3: waste toner box, 4: drum of unknown capacity
        long[][] rows = {{3, 100, 50}, {3, 100, -3}, {4, 100, 10}, {3, -2, 70}};
        for (int i = 0; i < rows.length; i++) {
            values.put(Oid.parse(SUPPLY_CLASS + (i + 1)), SnmpValue.integer(rows[i][0]));
            values.put(Oid.parse(SUPPLY_CAPACITY + (i + 1)), SnmpValue.integer(rows[i][1]));
            values.put(Oid.parse(SUPPLY_LEVEL + (i + 1)), SnmpValue.integer(rows[i][2]));
        }
        values.put(Oid.parse("1.3.6.1.2.1.43.11.1.1.10.1.1"), SnmpValue.integer(42));
        return Snapshot.of(values);
    }

    @Test
    void theViewServesWornCountersAndLevelsAndLeavesTheRestAsRecorded() {
        RecordedValues recorded = RecordedValues.of(worn());
        MibView atStart = new MibView(recorded, null, new Wear(60, 10), 0);
        MibView later = new MibView(recorded, null, new Wear(60, 10), 2 * HOUR);
        assertEquals(new Counter32(4242), atStart.get(new OID(LIFE_COUNT)));
        assertEquals(new Counter32(4362), later.get(new OID(LIFE_COUNT)));
        assertEquals(new Integer32(30), later.get(new OID(SUPPLY_LEVEL + 1)));
        assertEquals(new Integer32(-3), later.get(new OID(SUPPLY_LEVEL + 2)));
        assertEquals(new Integer32(10), later.get(new OID(SUPPLY_LEVEL + 3)));
        assertEquals(new Integer32(70), later.get(new OID(SUPPLY_LEVEL + 4)));
        assertEquals(new Integer32(100), later.get(new OID(SUPPLY_CAPACITY + 1)));
        assertEquals(new OctetString("Worn Printer"), later.get(new OID("1.3.6.1.2.1.1.1.0")));

        // GETNEXT and the walk-loop answer serve what GET serves at the same instant
        VariableBinding next = later.next(new OID("1.3.6.1.2.1.43.10.2.1.4"));
        assertEquals(new VariableBinding(new OID(LIFE_COUNT), new Counter32(4362)), next);
        assertEquals(new VariableBinding(new OID(SUPPLY_LEVEL + 1), new Integer32(30)),
                later.next(new OID(SUPPLY_CAPACITY + 4)));
        assertEquals(new VariableBinding(new OID(SUPPLY_LEVEL + 1), new Integer32(30)),
                later.atOrBefore(new OID(SUPPLY_LEVEL + 1 + ".5")));
    }

    @Test
    void offServesTheRecordingExactly() {
        RecordedValues recorded = RecordedValues.of(worn());
        MibView off = new MibView(recorded, null, Wear.OFF, 100 * HOUR);
        MibView plain = new MibView(recorded, null);
        OID cursor = new OID("0");
        for (int i = 0; i < recorded.size(); i++) {
            VariableBinding next = off.next(cursor);
            assertEquals(new VariableBinding(recorded.oidAt(i), recorded.valueAt(i)), next);
            assertSame(plain.get(next.getOid()), off.get(next.getOid()));
            cursor = next.getOid();
        }
    }
}
