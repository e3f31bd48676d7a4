package org.printscout.mib.canon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.printscout.api.mapper.Mapper;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.model.Meter;
import org.printscout.mib.testing.Readings;
import org.printscout.mib.testing.Recordings;
import org.printscout.mib.testing.VendorMapperContract;

class CanonMapperTest extends VendorMapperContract {

    @Override
    protected Mapper mapper() {
        return new CanonMapper();
    }

    @Override
    protected String vendor() {
        return "canon";
    }

    private static DeviceReading read(String recording) {
        return Readings.map(new CanonMapper(), Recordings.printer(recording).snapshot());
    }

    private static DeviceReading merged(String recording) {
        return Readings.merged(Recordings.printer(recording).snapshot(),
                List.of(new Readings.NamedMapper("canon", new CanonMapper())));
    }

    private static Map<String, Long> meters(DeviceReading reading) {
        Map<String, Long> meters = new TreeMap<>();
        for (Meter meter : reading.meters()) {
            meters.put(meter.name(), meter.value());
        }
        return meters;
    }

    @Test
    void productNameAndVersionOnTheFullRecordings() {
        assertEquals("LBP6670", read("canonprinter_lbp").identity().model());
        assertEquals("R7.21", read("canonprinter_lbp").identity().firmware());
        assertEquals("TM-5300", read("canonprinter_tm").identity().model());
        assertEquals("01.21", read("canonprinter_tm").identity().firmware());
        assertEquals("MKRA012345", merged("canonprinter_lbp").identity().serialNumber());
        assertEquals(21588L, merged("canonprinter_tm").meter("total").orElseThrow().value());
    }

    @Test
    void serviceCountersBecomeMetersByCounterNumber() {
        Map<org.printscout.api.snmp.Oid, org.printscout.api.snmp.SnmpValue> values = new TreeMap<>();
        long[][] rows = {{101, 2926}, {112, 10}, {113, 900}, {122, 5}, {123, 2011}, {201, 300}, {501, 44}, {301, 2600}};
        for (long[] row : rows) {
            values.put(CanonMapper.COUNTERS.append((int) row[0]), org.printscout.api.snmp.SnmpValue.integer(row[1]));
        }
        DeviceReading reading = Readings.map(new CanonMapper(), org.printscout.api.snmp.Snapshot.of(values));
        assertEquals(Map.of("total", 2926L, "largeFormat.mono", 10L, "canon.mono.small", 900L, "largeFormat.color", 5L,
                "canon.color.small", 2011L, "copy", 300L, "scan", 44L, "canon.counter.301", 2600L), meters(reading));
    }

}
