package org.printscout.mib.zebra.internal;

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

class ZebraMapperTest extends VendorMapperContract {

    @Override
    protected Mapper mapper() {
        return new ZebraMapper();
    }

    @Override
    protected String vendor() {
        return "zebra";
    }

    private static DeviceReading read(String recording) {
        return Readings.map(new ZebraMapper(), Recordings.printer(recording).snapshot());
    }

    private static DeviceReading merged(String recording) {
        return Readings.merged(Recordings.printer(recording).snapshot(),
                List.of(new Readings.NamedMapper("zebra", new ZebraMapper())));
    }

    private static Map<String, Long> meters(DeviceReading reading) {
        Map<String, Long> meters = new TreeMap<>();
        for (Meter meter : reading.meters()) {
            meters.put(meter.name(), meter.value());
        }
        return meters;
    }

    @Test
    void zebraNetSerialModelFirmwareAndOdometer() {
        DeviceReading reading = read("zebra");
        assertEquals("7062184", reading.identity().serialNumber());
        assertEquals("TLP 2824 Plus", reading.identity().model());
        assertEquals("Zebra", reading.identity().manufacturer());
        assertEquals("V61.17.17Z", reading.identity().firmware());
        assertEquals(Map.of("zebra.printLength", 19_200_000L), meters(reading));
        assertEquals(org.printscout.api.model.MeterUnit.TEN_THOUSANDTHS_OF_INCHES,
                reading.meter("zebra.printLength").orElseThrow().unit());
    }

}
