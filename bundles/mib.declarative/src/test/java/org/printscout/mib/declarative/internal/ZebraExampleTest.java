package org.printscout.mib.declarative.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.model.Meter;
import org.printscout.api.model.MeterUnit;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpValue;

/** The complete example of docs/mapping-format.md, against the Zebra recording it was written for. */
class ZebraExampleTest {

    private static final Path EXAMPLE = TestFiles.docs().resolve("mapping/zebra-label-printers.mapping.xml");

    private static Mapping example() throws Exception {
        return TestFiles.READER.read(Files.readAllBytes(EXAMPLE), EXAMPLE.toString());
    }

    private static DeviceFacts facts(Snapshot s) {
        return new DeviceFacts(s.get(Oid.parse("1.3.6.1.2.1.1.2.0")).flatMap(SnmpValue::asOid).orElse(null),
                s.text(Oid.parse("1.3.6.1.2.1.1.1.0")).orElse(""));
    }

    @Test
    void readsTheZebraLabelPrinterRecording() throws Exception {
        Snapshot zebra = TestFiles.load(TestFiles.recording("zebra"));
        Mapping mapping = example();
        assertTrue(mapping.claims().claims(facts(zebra)), "the example claims the recorded ZebraNet print server");
        ReadingBuilder builder = new ReadingBuilder();
        new DeclarativeMapper(mapping).map(zebra, builder);
        DeviceReading r = builder.build(Instant.EPOCH);
        assertEquals("TLP 2824 Plus", r.identity().model());
        assertEquals("Zebra Technologies", r.identity().manufacturer());
        assertEquals("37J162600538", r.identity().serialNumber());
        assertEquals("V61.17.17Z", r.identity().firmware());
        assertEquals("00:07:4D:6B:C2:A8", r.identity().macAddress());
        assertEquals(List.of(new Meter("zebra.printLength", 19_200_000, MeterUnit.TEN_THOUSANDTHS_OF_INCHES)), r.meters());
        assertTrue(r.problems().isEmpty(), r.problems()::toString);
    }

    @Test
    void claimsZebraDevicesAndNoOtherRecording() throws Exception {
        Mapping mapping = example();
        try (var files = Files.list(TestFiles.recording("zebra").getParent())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".snmprec")).sorted().toList()) {
                boolean zebra = file.getFileName().toString().startsWith("zebra");
                assertEquals(zebra, mapping.claims().claims(facts(TestFiles.load(file))), file::toString);
            }
        }
    }

    @Test
    void theDocumentationShowsTheExampleAsItIs() throws Exception {
        String file = Files.readString(EXAMPLE);
        String example = file.substring(file.indexOf("<mapping "), file.indexOf("</mapping>"));
        assertTrue(Files.readString(TestFiles.docs().resolve("mapping-format.md")).contains(example),
                "docs/mapping-format.md shows another version of " + EXAMPLE);
    }
}
