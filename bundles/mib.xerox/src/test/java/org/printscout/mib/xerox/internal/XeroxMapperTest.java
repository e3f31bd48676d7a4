package org.printscout.mib.xerox.internal;

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

class XeroxMapperTest extends VendorMapperContract {

    @Override
    protected Mapper mapper() {
        return new XeroxMapper();
    }

    @Override
    protected String vendor() {
        return "xerox";
    }

    private static DeviceReading read(String recording) {
        return Readings.map(new XeroxMapper(), Recordings.printer(recording).snapshot());
    }

    private static DeviceReading merged(String recording) {
        return Readings.merged(Recordings.printer(recording).snapshot(),
                List.of(new Readings.NamedMapper("xerox", new XeroxMapper())));
    }

    private static Map<String, Long> meters(DeviceReading reading) {
        Map<String, Long> meters = new TreeMap<>();
        for (Meter meter : reading.meters()) {
            meters.put(meter.name(), meter.value());
        }
        return meters;
    }

    @Test
    void altaLinkModelFromTheDeviceId() {
        DeviceReading reading = read("xerox");
        assertEquals("AltaLink C8045", reading.identity().model());
        assertEquals(null, reading.identity().serialNumber());
        assertEquals(Map.of(), meters(reading));
        assertEquals("TC101642170085", merged("fujifilmprinter_c7580").identity().serialNumber());
    }

}
