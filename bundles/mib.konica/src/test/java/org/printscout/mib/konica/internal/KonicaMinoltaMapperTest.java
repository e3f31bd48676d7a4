package org.printscout.mib.konica.internal;

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

class KonicaMinoltaMapperTest extends VendorMapperContract {

    @Override
    protected Mapper mapper() {
        return new KonicaMinoltaMapper();
    }

    @Override
    protected String vendor() {
        return "konica";
    }

    private static DeviceReading read(String recording) {
        return Readings.map(new KonicaMinoltaMapper(), Recordings.printer(recording).snapshot());
    }

    private static DeviceReading merged(String recording) {
        return Readings.merged(Recordings.printer(recording).snapshot(),
                List.of(new Readings.NamedMapper("konica", new KonicaMinoltaMapper())));
    }

    private static Map<String, Long> meters(DeviceReading reading) {
        Map<String, Long> meters = new TreeMap<>();
        for (Meter meter : reading.meters()) {
            meters.put(meter.name(), meter.value());
        }
        return meters;
    }

    @Test
    void c250iCountersModelAndFirmware() {
        DeviceReading reading = read("konica_c250i");
        assertEquals("bizhub C250i", reading.identity().model());
        assertEquals("1.102", reading.identity().firmware());
        assertEquals(Map.of("duplex", 7357L, "scan", 5653L, "copy.mono", 3672L, "copy.color", 544L,
                "print.mono", 22876L, "print.color", 6711L), meters(reading));
        assertEquals("AA2M021115700", merged("konica_c250i").identity().serialNumber());
    }

    @Test
    void oemFirmwareNamesTheDevelopTwin() {
        DeviceReading reading = read("konica");
        assertEquals("ineo+ 280", reading.identity().model());
        assertEquals("Develop", reading.identity().manufacturer());
        assertEquals("1.80", reading.identity().firmware());
    }

}
