package org.printscout.mib.hp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.printscout.api.mapper.Mapper;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.model.Meter;
import org.printscout.api.model.MeterUnit;
import org.printscout.mib.testing.Readings;
import org.printscout.mib.testing.Recordings;
import org.printscout.mib.testing.VendorMapperContract;

class HpMapperTest extends VendorMapperContract {

    @Override
    protected Mapper mapper() {
        return new HpMapper();
    }

    @Override
    protected String vendor() {
        return "hp";
    }

    private static DeviceReading read(String recording) {
        return Readings.map(new HpMapper(), Recordings.printer(recording).snapshot());
    }

    private static Map<String, Long> meters(DeviceReading reading) {
        return reading.meters().stream().collect(Collectors.toMap(Meter::name, Meter::value));
    }

    @Test
    void m130nwSerialFromPmlTextModelFromDeviceIdFirmwareAndCounters() {
        DeviceReading reading = read("jetdirect_m130nw");
        assertEquals("VNCRC48198", reading.identity().serialNumber());
        assertEquals("LaserJet MFP M130nw", reading.identity().model());
        assertEquals("HP", reading.identity().manufacturer());
        assertEquals("20201023", reading.identity().firmware());
        assertEquals(Map.of("total", 15232L, "mono", 15232L, "duplex", 0L, "hp.scan.flatbed", 1190L), meters(reading));
        assertEquals(MeterUnit.IMPRESSIONS, reading.meter("total").orElseThrow().unit());
    }

    @Test
    void colorLaserJetsGetTheirModelFromTheDeviceId() {
        assertEquals("Color LaserJet M452nw", read("jetdirect").identity().model());
        assertEquals("Color LaserJet flow MFP M880", read("jetdirect_m880").identity().model());
        assertEquals(null, read("jetdirect_m880").identity().serialNumber());
    }

    @Test
    void stubsYieldNothing() {
        for (String stub : List.of("jetdirect_1", "jetdirect_2")) {
            DeviceReading reading = read(stub);
            assertEquals(List.of(), reading.meters(), stub);
            assertEquals(null, reading.identity().serialNumber(), stub);
        }
    }

    @Test
    void mergedWithTheStandardMapperTheHpSerialAndCountersWin() {
        DeviceReading merged = Readings.merged(Recordings.printer("jetdirect_m130nw").snapshot(),
                List.of(new Readings.NamedMapper("hp", new HpMapper())));
        assertEquals("VNCRC48198", merged.identity().serialNumber());
        assertEquals("hp", merged.sources().get("serialNumber"));
        assertEquals("hp", merged.sources().get("meter:total"));
        assertEquals(15232L, merged.meter("total").orElseThrow().value());
        // jetdirect: only sysDescr's "SN:" field has a serial, which the standard mapper keeps
        DeviceReading jetdirect = Readings.merged(Recordings.printer("jetdirect").snapshot(),
                List.of(new Readings.NamedMapper("hp", new HpMapper())));
        assertEquals("AAA0A00000", jetdirect.identity().serialNumber());
    }
}
