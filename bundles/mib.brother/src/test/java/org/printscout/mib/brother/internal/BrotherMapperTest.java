package org.printscout.mib.brother.internal;

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

class BrotherMapperTest extends VendorMapperContract {

    @Override
    protected Mapper mapper() {
        return new BrotherMapper();
    }

    @Override
    protected String vendor() {
        return "brother";
    }

    private static DeviceReading read(String recording) {
        return Readings.map(new BrotherMapper(), Recordings.printer(recording).snapshot());
    }

    private static DeviceReading merged(String recording) {
        return Readings.merged(Recordings.printer(recording).snapshot(),
                List.of(new Readings.NamedMapper("brother", new BrotherMapper())));
    }

    private static Map<String, Long> meters(DeviceReading reading) {
        Map<String, Long> meters = new TreeMap<>();
        for (Meter meter : reading.meters()) {
            meters.put(meter.name(), meter.value());
        }
        return meters;
    }

    @Test
    void serialModelAndFirmwareFromTheBrotherMibNotTheHpBlob() {
        DeviceReading reading = read("brother");
        assertEquals("000A5J431816", reading.identity().serialNumber());
        assertEquals("MFC-L2710DW", reading.identity().model());
        assertEquals("Brother", reading.identity().manufacturer());
        assertEquals("Q", reading.identity().firmware());
        DeviceReading all = merged("brother");
        assertEquals("000A5J431816", all.identity().serialNumber());
        assertEquals("brother", all.sources().get("serialNumber"));
    }

}
