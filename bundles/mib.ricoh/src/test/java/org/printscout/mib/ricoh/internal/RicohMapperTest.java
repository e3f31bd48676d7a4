package org.printscout.mib.ricoh.internal;

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

class RicohMapperTest extends VendorMapperContract {

    @Override
    protected Mapper mapper() {
        return new RicohMapper();
    }

    @Override
    protected String vendor() {
        return "ricoh";
    }

    private static DeviceReading read(String recording) {
        return Readings.map(new RicohMapper(), Recordings.printer(recording).snapshot());
    }

    private static DeviceReading merged(String recording) {
        return Readings.merged(Recordings.printer(recording).snapshot(),
                List.of(new Readings.NamedMapper("ricoh", new RicohMapper())));
    }

    private static Map<String, Long> meters(DeviceReading reading) {
        Map<String, Long> meters = new TreeMap<>();
        for (Meter meter : reading.meters()) {
            meters.put(meter.name(), meter.value());
        }
        return meters;
    }

    @Test
    void mpc3002ModelFirmwareAndEngineSerial() {
        DeviceReading reading = read("ricoh_mpc3002");
        assertEquals("W492KB03439", reading.identity().serialNumber());
        assertEquals("Aficio MP C3002", reading.identity().model());
        assertEquals("2.20", reading.identity().firmware());
        assertEquals(271871L, merged("ricoh_mpc3002").meter("total").orElseThrow().value());
    }

    @Test
    void gestetnerStubCarriesTheEngineSerialAndAnOemModel() {
        DeviceReading reading = read("gestetner");
        assertEquals("M6394300657", reading.identity().serialNumber());
        assertEquals("MPC2500/DSc525", reading.identity().model());
        assertEquals("1.71", reading.identity().firmware());
    }

    @Test
    void counterTableRowsBecomeMetersByType() {
        Map<org.printscout.api.snmp.Oid, org.printscout.api.snmp.SnmpValue> values = new TreeMap<>();
        long[][] rows = {{1, 10, 5000}, {2, 401, 3000}, {3, 402, 1500}, {4, 870, 20}, {5, 871, 30}, {6, 999, 4}};
        for (long[] row : rows) {
            values.put(RicohMapper.COUNTER_TYPE.append((int) row[0]), org.printscout.api.snmp.SnmpValue.integer(row[1]));
            values.put(RicohMapper.COUNTER_VALUE.append((int) row[0]), org.printscout.api.snmp.SnmpValue.integer(row[2]));
        }
        DeviceReading reading = Readings.map(new RicohMapper(), org.printscout.api.snmp.Snapshot.of(values));
        assertEquals(Map.of("total", 5000L, "print.mono", 3000L, "print.color", 1500L, "ricoh.counter.870", 20L,
                "ricoh.counter.871", 30L, "scan", 50L, "ricoh.counter.999", 4L), meters(reading));
    }

}
