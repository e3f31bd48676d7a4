package org.printscout.mib.oki.internal;

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

class OkiMapperTest extends VendorMapperContract {

    @Override
    protected Mapper mapper() {
        return new OkiMapper();
    }

    @Override
    protected String vendor() {
        return "oki";
    }

    private static DeviceReading read(String recording) {
        return Readings.map(new OkiMapper(), Recordings.printer(recording).snapshot());
    }

    private static DeviceReading merged(String recording) {
        return Readings.merged(Recordings.printer(recording).snapshot(),
                List.of(new Readings.NamedMapper("oki", new OkiMapper())));
    }

    private static Map<String, Long> meters(DeviceReading reading) {
        Map<String, Long> meters = new TreeMap<>();
        for (Meter meter : reading.meters()) {
            meters.put(meter.name(), meter.value());
        }
        return meters;
    }

    @Test
    void mc873KeepsTheStandardModel() {
        assertEquals(null, read("okilan_9450g").identity().model());
        assertEquals("MC873", merged("okilan_9450g").identity().model());
        assertEquals("07.87", read("okilan_9450g").identity().firmware());
        assertEquals("02.70", read("okilan").identity().firmware());
    }

}
