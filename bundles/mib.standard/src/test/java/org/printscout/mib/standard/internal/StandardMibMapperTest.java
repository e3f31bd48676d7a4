package org.printscout.mib.standard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;

class StandardMibMapperTest {

    private final StandardMibMapper mapper = new StandardMibMapper();

    @Test
    void declaresColumnsNotSubtrees() {
        Set<String> columns = new TreeSet<>();
        StandardMibMapper.PLAN.columns().forEach(c -> columns.add(c.toString()));
        assertEquals(new TreeSet<>(List.of(
                "1.3.6.1.2.1.2.2.1.3", "1.3.6.1.2.1.2.2.1.6", "1.3.6.1.2.1.2.2.1.8",
                "1.3.6.1.2.1.25.3.2.1.2", "1.3.6.1.2.1.25.3.2.1.3", "1.3.6.1.2.1.25.3.2.1.5", "1.3.6.1.2.1.25.3.5.1",
                "1.3.6.1.2.1.43.5.1.1.17", "1.3.6.1.2.1.43.10.2.1.3", "1.3.6.1.2.1.43.10.2.1.4",
                "1.3.6.1.2.1.43.11.1.1.3", "1.3.6.1.2.1.43.11.1.1.5", "1.3.6.1.2.1.43.11.1.1.6", "1.3.6.1.2.1.43.11.1.1.7",
                "1.3.6.1.2.1.43.11.1.1.8", "1.3.6.1.2.1.43.11.1.1.9", "1.3.6.1.2.1.43.12.1.1.4", "1.3.6.1.2.1.43.16.5.1.2",
                "1.3.6.1.2.1.43.18.1.1.2", "1.3.6.1.2.1.43.18.1.1.4", "1.3.6.1.2.1.43.18.1.1.5",
                "1.3.6.1.2.1.43.18.1.1.7", "1.3.6.1.2.1.43.18.1.1.8",
                "1.3.6.1.4.1.2699.1.3.1.2.1.1", "1.3.6.1.4.1.2699.1.3.1.7.1.1.4", "1.3.6.1.4.1.2699.1.3.1.8.1.1.4",
                "1.3.6.1.4.1.2699.1.3.1.8.1.1.5", "1.3.6.1.4.1.2699.1.3.1.8.1.1.7", "1.3.6.1.4.1.2699.1.3.1.9.1.1.4",
                "1.3.6.1.4.1.2699.1.3.1.10.1.1.4", "1.3.6.1.4.1.2699.1.2.1.2.1.1.3")), columns);
        assertEquals(Set.of(Oid.parse("1.3.6.1.2.1.1.1.0"), Oid.parse("1.3.6.1.2.1.1.2.0"),
                Oid.parse("1.3.6.1.2.1.1.5.0"), Oid.parse("1.3.6.1.4.1.11.2.3.9.1.1.7.0"), Oid.parse("1.3.6.1.4.1.2435.2.3.9.1.1.7.0"),
                Oid.parse("1.3.6.1.4.1.253.8.51.1.2.1.20.1")), StandardMibMapper.PLAN.scalars());
    }

    @Test
    void plansTheSameForEveryDevice() {
        assertEquals(StandardMibMapper.PLAN, mapper.plan(new DeviceFacts(null, null)));
        assertEquals(StandardMibMapper.PLAN, mapper.plan(new DeviceFacts(Oid.parse("1.3.6.1.4.1.11.2.3.9.1"), "HP")));
    }

    @Test
    void isRegisteredAsTheStandardMapperClaimingNothing() throws IOException {
        Path descriptor = Path.of(System.getProperty("basedir", "."), "target", "classes", "OSGI-INF",
                StandardMibMapper.class.getName() + ".xml");
        String xml = Files.readString(descriptor);
        assertTrue(xml.contains("<provide interface=\"org.printscout.api.mapper.Mapper\"/>"), xml);
        assertTrue(xml.contains("name=\"printscout.mapper.name\" type=\"String\" value=\"standard\""), xml);
        assertTrue(xml.contains("name=\"printscout.mapper.rank\" type=\"Integer\" value=\"0\""), xml);
        assertFalse(xml.contains("printscout.mapper.enterprise"), xml);
        assertFalse(xml.contains("printscout.mapper.sysObjectId"), xml);
        assertFalse(xml.contains("printscout.mapper.sysDescr"), xml);
    }

    @Test
    void mapsAnEmptySnapshotToAnEmptyReading() {
        DeviceReading reading = Recordings.map(mapper, Snapshot.empty());
        assertEquals(List.of(), reading.supplies());
        assertEquals(List.of(), reading.meters());
        assertEquals(null, reading.identity().model());
    }

    /**
     * Every kind of object the mapper reads, including those no recording has (alerts, console,
     * colorants, PWG counters), next to objects it must not read: the reading from the plan's share
     * must equal the reading from everything.
     */
    @Test
    void readsAlertsConsoleColorantsAndCountersOnlyThroughItsPlan() {
        Snapshot everything = TestSnapshot.with()
                .text("1.3.6.1.2.1.1.1.0", "ACME LaserBox 9000; firmware 1.2")
                .oid("1.3.6.1.2.1.1.2.0", "1.3.6.1.4.1.99999.1")
                .text("1.3.6.1.2.1.1.5.0", "printer-3")
                .text("1.3.6.1.2.1.1.4.0", "not read: sysContact")
                .integer("1.3.6.1.2.1.2.2.1.3.1", 6).hex("1.3.6.1.2.1.2.2.1.6.1", "001122334455")
                .integer("1.3.6.1.2.1.2.2.1.8.1", 1).integer("1.3.6.1.2.1.2.2.1.7.1", 1)
                .oid("1.3.6.1.2.1.25.3.2.1.2.1", "1.3.6.1.2.1.25.3.1.5")
                .text("1.3.6.1.2.1.25.3.2.1.3.1", "ACME LaserBox 9000")
                .integer("1.3.6.1.2.1.25.3.2.1.5.1", 3)
                .integer("1.3.6.1.2.1.25.3.5.1.1.1", 4).hex("1.3.6.1.2.1.25.3.5.1.2.1", "2000")
                .text("1.3.6.1.2.1.43.5.1.1.16.1", "not read: prtGeneralPrinterName")
                .text("1.3.6.1.2.1.43.5.1.1.17.1", "ACME123456")
                .integer("1.3.6.1.2.1.43.10.2.1.3.1.1", 7).counter("1.3.6.1.2.1.43.10.2.1.4.1.1", 4711)
                .counter("1.3.6.1.2.1.43.10.2.1.5.1.1", 12)
                .integer("1.3.6.1.2.1.43.11.1.1.3.1.1", 1).integer("1.3.6.1.2.1.43.11.1.1.5.1.1", 3)
                .text("1.3.6.1.2.1.43.11.1.1.6.1.1", "Black Toner").integer("1.3.6.1.2.1.43.11.1.1.7.1.1", 19)
                .integer("1.3.6.1.2.1.43.11.1.1.8.1.1", 100).integer("1.3.6.1.2.1.43.11.1.1.9.1.1", 15)
                .text("1.3.6.1.2.1.43.12.1.1.4.1.1", "black").integer("1.3.6.1.2.1.43.12.1.1.3.1.1", 3)
                .text("1.3.6.1.2.1.43.16.5.1.2.1.1", "Toner low")
                .integer("1.3.6.1.2.1.43.18.1.1.2.1.5", 4).integer("1.3.6.1.2.1.43.18.1.1.3.1.5", 4)
                .integer("1.3.6.1.2.1.43.18.1.1.4.1.5", 11).integer("1.3.6.1.2.1.43.18.1.1.5.1.5", 1)
                .integer("1.3.6.1.2.1.43.18.1.1.6.1.5", 0).integer("1.3.6.1.2.1.43.18.1.1.7.1.5", 1104)
                .text("1.3.6.1.2.1.43.18.1.1.8.1.5", "Black toner low")
                .integer("1.3.6.1.4.1.2699.1.3.1.2.1.1.2.1", 3)
                .integer("1.3.6.1.4.1.2699.1.3.1.8.1.1.4.1.3.3", 5000)
                .integer("1.3.6.1.4.1.2699.1.3.1.8.1.1.6.1.3.3", 7)
                .integer("1.3.6.1.4.1.99999.1.1.0", 42)
                .build();

        DeviceReading full = Recordings.map(mapper, everything);
        DeviceReading planned = Recordings.map(mapper, Recordings.restrictedTo(everything, StandardMibMapper.PLAN));

        assertEquals(full, planned);
        assertEquals("ACME123456", full.identity().serialNumber());
        // a vendor the name table does not know: hrDeviceDescr is the model as it stands
        assertEquals("ACME LaserBox 9000", full.identity().model());
        assertEquals(null, full.identity().manufacturer());
        assertEquals("black", full.supplies().get(0).colorant());
        assertEquals("markerTonerAlmostEmpty", full.alerts().get(0).code());
        assertEquals(List.of("Toner low"), full.status().consoleDisplay());
        assertEquals(List.of("lowToner"), full.status().conditions());
        assertEquals("printing", full.status().printerStatus());
        assertEquals(5000, full.meter("total").orElseThrow().value());
        assertTrue(PrinterRecognition.isPrinter(everything));
    }
}
