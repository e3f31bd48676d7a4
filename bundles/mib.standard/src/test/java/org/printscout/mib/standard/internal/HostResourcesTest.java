package org.printscout.mib.standard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.printscout.api.model.DeviceStatus;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;

class HostResourcesTest {

    private static List<String> conditions(String hex) {
        return HostResources.conditions(HexFormat.of().parseHex(hex));
    }

    @Test
    void decodesEveryErrorStateBitMostSignificantFirst() {
        assertEquals(List.of("lowPaper"), conditions("80"));
        assertEquals(List.of("noPaper"), conditions("40"));
        assertEquals(List.of("lowToner"), conditions("2000"));
        assertEquals(List.of("noToner"), conditions("10"));
        assertEquals(List.of("doorOpen"), conditions("08"));
        assertEquals(List.of("jammed"), conditions("04"));
        assertEquals(List.of("offline"), conditions("02"));
        assertEquals(List.of("serviceRequested"), conditions("0100"));
        assertEquals(List.of("inputTrayMissing"), conditions("0080"));
        assertEquals(List.of("outputTrayMissing"), conditions("0040"));
        assertEquals(List.of("markerSupplyMissing"), conditions("0020"));
        assertEquals(List.of("outputNearFull"), conditions("0010"));
        assertEquals(List.of("outputFull"), conditions("0008"));
        assertEquals(List.of("inputTrayEmpty"), conditions("0004"));
        assertEquals(List.of("overduePreventMaint"), conditions("0002"));
    }

    @Test
    void ignoresTheUnassignedBitAndExtraOctets() {
        assertEquals(List.of(), conditions("000100"));
        assertEquals(15, conditions("FFFFFF").size());
        assertEquals(List.of(), conditions(""));
        assertEquals(List.of("jammed", "offline"), conditions("06"));
    }

    @Test
    void findsThePrinterRowByDeviceType() {
        Snapshot snapshot = TestSnapshot.with()
                .oid("1.3.6.1.2.1.25.3.2.1.2.1", "1.3.6.1.2.1.25.3.1.3")
                .oid("1.3.6.1.2.1.25.3.2.1.2.3", "1.3.6.1.2.1.25.3.1.5")
                .text("1.3.6.1.2.1.25.3.2.1.3.1", "CPU")
                .text("1.3.6.1.2.1.25.3.2.1.3.3", "ACME LaserBox 9")
                .build();
        assertEquals(Optional.of(Oid.of(3)), HostResources.printerDevice(snapshot));
        assertEquals(Optional.of("ACME LaserBox 9"), HostResources.description(snapshot, Optional.of(Oid.of(3))));
    }

    @Test
    void fallsBackToThePrinterTableWhenTheDeviceTypeIsMissing() {
        Snapshot snapshot = TestSnapshot.with()
                .text("1.3.6.1.2.1.25.3.2.1.3.1", "CPU")
                .integer("1.3.6.1.2.1.25.3.5.1.1.7", 3)
                .build();
        assertEquals(Optional.of(Oid.of(7)), HostResources.printerDevice(snapshot));
    }

    @Test
    void mapsDeviceAndPrinterStatusNames() {
        Snapshot snapshot = TestSnapshot.with()
                .oid("1.3.6.1.2.1.25.3.2.1.2.1", "1.3.6.1.2.1.25.3.1.5")
                .integer("1.3.6.1.2.1.25.3.2.1.5.1", 5)
                .integer("1.3.6.1.2.1.25.3.5.1.1.1", 5)
                .hex("1.3.6.1.2.1.25.3.5.1.2.1", "0C00")
                .build();
        ReadingBuilder reading = new ReadingBuilder();
        HostResources.mapStatus(snapshot, HostResources.printerDevice(snapshot), reading);
        DeviceStatus status = reading.build(Instant.EPOCH).status();
        assertEquals("down", status.deviceStatus());
        assertEquals("warmup", status.printerStatus());
        assertEquals(List.of("doorOpen", "jammed"), status.conditions());
    }
}
