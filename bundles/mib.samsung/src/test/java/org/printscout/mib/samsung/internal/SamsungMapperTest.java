package org.printscout.mib.samsung.internal;

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

class SamsungMapperTest extends VendorMapperContract {

    @Override
    protected Mapper mapper() {
        return new SamsungMapper();
    }

    @Override
    protected String vendor() {
        return "samsung";
    }

    private static DeviceReading read(String recording) {
        return Readings.map(new SamsungMapper(), Recordings.printer(recording).snapshot());
    }

    private static DeviceReading merged(String recording) {
        return Readings.merged(Recordings.printer(recording).snapshot(),
                List.of(new Readings.NamedMapper("samsung", new SamsungMapper())));
    }

    private static Map<String, Long> meters(DeviceReading reading) {
        Map<String, Long> meters = new TreeMap<>();
        for (Meter meter : reading.meters()) {
            meters.put(meter.name(), meter.value());
        }
        return meters;
    }

    @Test
    void m4080fxKeepsTheStandardReading() {
        assertEquals(null, read("samsungprinter_m4080fx").identity().serialNumber());
        assertEquals("M4080FX", merged("samsungprinter_m4080fx").identity().model());
        assertEquals(22934L, merged("samsungprinter_m4080fx").meter("total").orElseThrow().value());
    }

}
