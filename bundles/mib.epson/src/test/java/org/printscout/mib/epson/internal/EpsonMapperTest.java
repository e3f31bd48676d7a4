package org.printscout.mib.epson.internal;

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

class EpsonMapperTest extends VendorMapperContract {

    @Override
    protected Mapper mapper() {
        return new EpsonMapper();
    }

    @Override
    protected String vendor() {
        return "epson";
    }

    private static DeviceReading read(String recording) {
        return Readings.map(new EpsonMapper(), Recordings.printer(recording).snapshot());
    }

    private static DeviceReading merged(String recording) {
        return Readings.merged(Recordings.printer(recording).snapshot(),
                List.of(new Readings.NamedMapper("epson", new EpsonMapper())));
    }

    private static Map<String, Long> meters(DeviceReading reading) {
        Map<String, Long> meters = new TreeMap<>();
        for (Meter meter : reading.meters()) {
            meters.put(meter.name(), meter.value());
        }
        return meters;
    }

    @Test
    void scanServerSerialModelAndFirmware() {
        DeviceReading reading = read("epson-scanner_ds-860");
        assertEquals("EP335FDCENSN08", reading.identity().serialNumber());
        assertEquals("DS-860", reading.identity().model());
        assertEquals("02.03", reading.identity().firmware());
    }

    @Test
    void printerModelFromItsHostResourcesDeviceId() {
        assertEquals("WF-C5790BA", read("epson").identity().model());
        assertEquals("X3B8022793", merged("epson").identity().serialNumber());
    }

}
