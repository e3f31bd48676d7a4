package org.printscout.mib.kyocera.internal;

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

class KyoceraMapperTest extends VendorMapperContract {

    @Override
    protected Mapper mapper() {
        return new KyoceraMapper();
    }

    @Override
    protected String vendor() {
        return "kyocera";
    }

    private static DeviceReading read(String recording) {
        return Readings.map(new KyoceraMapper(), Recordings.printer(recording).snapshot());
    }

    private static DeviceReading merged(String recording) {
        return Readings.merged(Recordings.printer(recording).snapshot(),
                List.of(new Readings.NamedMapper("kyocera", new KyoceraMapper())));
    }

    private static Map<String, Long> meters(DeviceReading reading) {
        Map<String, Long> meters = new TreeMap<>();
        for (Meter meter : reading.meters()) {
            meters.put(meter.name(), meter.value());
        }
        return meters;
    }

    @Test
    void utaxSerialModelAndFirmwareFromTheKyoceraMib() {
        DeviceReading reading = read("utax");
        assertEquals("R9L0309954", reading.identity().serialNumber());
        assertEquals("P-4532DN", reading.identity().model());
        assertEquals("2TP_S000.003.402", reading.identity().firmware());
        assertEquals(Map.of(), meters(reading));
        DeviceReading all = merged("utax");
        assertEquals("R9L0309954", all.identity().serialNumber());
        assertEquals("kyocera", all.sources().get("serialNumber"));
        assertEquals(427L, all.meter("total").orElseThrow().value());
    }

    @Test
    void theKyoceraStubCarriesSerialAndModel() {
        DeviceReading reading = read("kyocera");
        assertEquals("QUV9600664", reading.identity().serialNumber());
        assertEquals("FS-1028MFP", reading.identity().model());
    }

    @Test
    void functionCountersAreReadByTheirLastIndexArcs() {
        org.printscout.api.snmp.Snapshot snapshot = org.printscout.api.snmp.Snapshot.of(Map.of(
                org.printscout.api.snmp.Oid.parse("1.3.6.1.4.1.1347.42.3.1.1.1.1.1"), org.printscout.api.snmp.SnmpValue.integer(304339),
                org.printscout.api.snmp.Oid.parse("1.3.6.1.4.1.1347.42.3.1.1.1.1.2"), org.printscout.api.snmp.SnmpValue.integer(116254),
                org.printscout.api.snmp.Oid.parse("1.3.6.1.4.1.1347.42.3.1.2.1.1.1.1"), org.printscout.api.snmp.SnmpValue.integer(163915),
                org.printscout.api.snmp.Oid.parse("1.3.6.1.4.1.1347.42.3.1.2.1.1.1.3"), org.printscout.api.snmp.SnmpValue.integer(140424),
                org.printscout.api.snmp.Oid.parse("1.3.6.1.4.1.1347.42.3.1.2.1.1.2.2"), org.printscout.api.snmp.SnmpValue.integer(7),
                org.printscout.api.snmp.Oid.parse("1.3.6.1.4.1.1347.42.3.1.3.1.1.4"), org.printscout.api.snmp.SnmpValue.integer(3057),
                org.printscout.api.snmp.Oid.parse("1.3.6.1.4.1.1347.42.3.1.4.1.1.1"), org.printscout.api.snmp.SnmpValue.integer(43441)));
        DeviceReading reading = Readings.map(new KyoceraMapper(), snapshot);
        assertEquals(Map.of("print", 304339L, "copy", 116254L, "print.mono", 163915L, "print.color", 140424L,
                "kyocera.copy.colorMode2", 7L, "scan.fax", 3057L, "scan.other", 43441L), meters(reading));
    }

}
