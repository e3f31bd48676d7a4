package org.printscout.mib.sharp.internal;

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

class SharpMapperTest extends VendorMapperContract {

    @Override
    protected Mapper mapper() {
        return new SharpMapper();
    }

    @Override
    protected String vendor() {
        return "sharp";
    }

    private static DeviceReading read(String recording) {
        return Readings.map(new SharpMapper(), Recordings.printer(recording).snapshot());
    }

    private static DeviceReading merged(String recording) {
        return Readings.merged(Recordings.printer(recording).snapshot(),
                List.of(new Readings.NamedMapper("sharp", new SharpMapper())));
    }

    private static Map<String, Long> meters(DeviceReading reading) {
        Map<String, Long> meters = new TreeMap<>();
        for (Meter meter : reading.meters()) {
            meters.put(meter.name(), meter.value());
        }
        return meters;
    }

    @Test
    void mx3570nCounterTableWithNormalisedAndVendorNames() {
        DeviceReading reading = read("sharp");
        assertEquals("1.04", reading.identity().firmware());
        Map<String, Long> meters = meters(reading);
        assertEquals(82214L, meters.get("print"));
        assertEquals(53631L, meters.get("print.mono"));
        assertEquals(28583L, meters.get("print.color"));
        assertEquals(38804L, meters.get("copy"));
        assertEquals(37485L, meters.get("copy.mono"));
        assertEquals(1319L, meters.get("copy.color"));
        assertEquals(91164L, meters.get("mono"));
        assertEquals(29940L, meters.get("color"));
        assertEquals(13534L, meters.get("scan.network"));
        assertEquals(6170L, meters.get("scan.network.mono"));
        assertEquals(7364L, meters.get("scan.network.color"));
        assertEquals(41020L, meters.get("sharp.duplex"));
        assertEquals(12441L, meters.get("sharp.documentFeeder"));
        assertEquals(48L, meters.get("sharp.blackWhiteOtherCount"));
        assertEquals(0L, meters.get("sharp.twoColorCopyCount"));
        assertEquals(28, meters.size());
        assertEquals(121104L, merged("sharp").meter("total").orElseThrow().value());
    }

}
