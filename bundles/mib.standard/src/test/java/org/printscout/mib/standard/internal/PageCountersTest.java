package org.printscout.mib.standard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.printscout.api.model.Meter;
import org.printscout.api.model.MeterUnit;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.snmp.Snapshot;

class PageCountersTest {

    private static final String LIFE_COUNT = "1.3.6.1.2.1.43.10.2.1.4.1.";
    private static final String COUNTER_UNIT = "1.3.6.1.2.1.43.10.2.1.3.1.";
    private static final String IC = "1.3.6.1.4.1.2699.1.3.1.";
    private static final String KEY_SERVICE_TYPE = IC + "2.1.1.2.";
    private static final String KEY_SUBUNIT_INDEX = IC + "2.1.1.5.";
    /** Row suffix of the lifetime (3) work totals (3) of a key. */
    private static final String LIFETIME_TOTALS = ".3.3";

    private static Map<String, Meter> meters(Snapshot snapshot) {
        ReadingBuilder reading = new ReadingBuilder();
        PageCounters.map(snapshot, reading);
        return new TreeMap<>(reading.meters());
    }

    @Test
    void sumsTheMarkersThatCountInTheSameUnit() {
        Snapshot snapshot = TestSnapshot.with()
                .integer(COUNTER_UNIT + 1, 7).counter(LIFE_COUNT + 1, 1000)
                .integer(COUNTER_UNIT + 2, 7).counter(LIFE_COUNT + 2, 234)
                .integer(COUNTER_UNIT + 3, 17).counter(LIFE_COUNT + 3, 99)
                .build();
        assertEquals(Map.of("total", new Meter("total", 1234, MeterUnit.IMPRESSIONS)), meters(snapshot));
    }

    @Test
    void saysWhenTheMarkerDoesNotTellItsUnit() {
        Snapshot snapshot = TestSnapshot.with().counter(LIFE_COUNT + 1, 33810).build();
        assertEquals(new Meter("total", 33810, MeterUnit.OTHER), meters(snapshot).get("total"));
    }

    /** A device implementing PWG 5106.3 with a system key, two service keys and a marker subunit key. */
    private static TestSnapshot imagingCounters() {
        return TestSnapshot.with()
                .integer(KEY_SERVICE_TYPE + 1, 3).integer(KEY_SUBUNIT_INDEX + 1, 0)     // systemTotals
                .integer(KEY_SERVICE_TYPE + 2, 11).integer(KEY_SUBUNIT_INDEX + 2, 0)    // print
                .integer(KEY_SERVICE_TYPE + 3, 4).integer(KEY_SUBUNIT_INDEX + 3, 0)     // copy
                .integer(KEY_SERVICE_TYPE + 4, 12).integer(KEY_SUBUNIT_INDEX + 4, 0)    // scan
                .integer(KEY_SERVICE_TYPE + 5, 7).integer(KEY_SUBUNIT_INDEX + 5, 0)     // faxIn
                .integer(KEY_SERVICE_TYPE + 6, 3).integer(KEY_SUBUNIT_INDEX + 6, 1)     // a subunit's totals
                .integer(IC + "8.1.1.4.1" + LIFETIME_TOTALS, 5000)
                .integer(IC + "8.1.1.5.1" + LIFETIME_TOTALS, 3000)
                .integer(IC + "8.1.1.7.1" + LIFETIME_TOTALS, 2000)
                .integer(IC + "8.1.1.4.1.3.4", 17)                                     // powerOn: not a meter
                .integer(IC + "9.1.1.4.1" + LIFETIME_TOTALS, 1200)
                .integer(IC + "10.1.1.4.1" + LIFETIME_TOTALS, 4100)
                .integer(IC + "8.1.1.4.2" + LIFETIME_TOTALS, 3500)
                .integer(IC + "8.1.1.5.2" + LIFETIME_TOTALS, 2000)
                .integer(IC + "8.1.1.7.2" + LIFETIME_TOTALS, 1500)
                .integer(IC + "8.1.1.4.3" + LIFETIME_TOTALS, 1400)
                .integer(IC + "8.1.1.5.3" + LIFETIME_TOTALS, 900)
                .integer(IC + "8.1.1.7.3" + LIFETIME_TOTALS, 500)
                .integer(IC + "7.1.1.4.4" + LIFETIME_TOTALS, 800)
                .integer(IC + "8.1.1.4.5" + LIFETIME_TOTALS, 100)
                .integer(IC + "8.1.1.4.6" + LIFETIME_TOTALS, 99999);
    }

    @Test
    void readsTheImagingSystemCounters() {
        Map<String, Meter> expected = new TreeMap<>();
        for (Meter m : new Meter[] {
            new Meter("total", 5000, MeterUnit.IMPRESSIONS), new Meter("mono", 3000, MeterUnit.IMPRESSIONS),
            new Meter("color", 2000, MeterUnit.IMPRESSIONS), new Meter("duplex", 1200, MeterUnit.IMPRESSIONS),
            new Meter("sheets", 4100, MeterUnit.SHEETS),
            new Meter("print", 3500, MeterUnit.IMPRESSIONS), new Meter("print.mono", 2000, MeterUnit.IMPRESSIONS),
            new Meter("print.color", 1500, MeterUnit.IMPRESSIONS),
            new Meter("copy", 1400, MeterUnit.IMPRESSIONS), new Meter("copy.mono", 900, MeterUnit.IMPRESSIONS),
            new Meter("copy.color", 500, MeterUnit.IMPRESSIONS),
            new Meter("fax", 100, MeterUnit.IMPRESSIONS), new Meter("scan", 800, MeterUnit.PAGES)}) {
            expected.put(m.name(), m);
        }
        assertEquals(expected, meters(imagingCounters().build()));
    }

    @Test
    void prefersTheImagingSystemTotalToTheMarkerCount() {
        Snapshot snapshot = imagingCounters().integer(COUNTER_UNIT + 1, 8).counter(LIFE_COUNT + 1, 4100).build();
        assertEquals(new Meter("total", 5000, MeterUnit.IMPRESSIONS), meters(snapshot).get("total"));
    }

    @Test
    void keepsTheMarkerCountWhenTheImagingTotalIsAnUnkeptZero() {
        Snapshot snapshot = TestSnapshot.with()
                .integer(COUNTER_UNIT + 1, 7).counter(LIFE_COUNT + 1, 4100)
                .integer(KEY_SERVICE_TYPE + 1, 3)
                .integer(IC + "8.1.1.4.1" + LIFETIME_TOTALS, 0)
                .build();
        assertEquals(new Meter("total", 4100, MeterUnit.IMPRESSIONS), meters(snapshot).get("total"));
    }
}
