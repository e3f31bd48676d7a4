package org.printscout.mib.declarative.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpValue;

/**
 * The example for a model no built-in mapper covers (docs/mapping/dell-laser-printers.mapping.xml):
 * Dell lasers, read against the Dell S5830dn recording, whose LibreNMS expectation names the
 * firmware "NH62.YS.N636" and the hardware "Dell S5830dn".
 */
class DellExampleTest {

    private static final Path EXAMPLE = TestFiles.docs().resolve("mapping/dell-laser-printers.mapping.xml");

    private static DeviceFacts facts(Snapshot s) {
        return new DeviceFacts(s.get(Oid.parse("1.3.6.1.2.1.1.2.0")).flatMap(SnmpValue::asOid).orElse(null),
                s.text(Oid.parse("1.3.6.1.2.1.1.1.0")).orElse(""));
    }

    @Test
    void readsTheDellRecording() throws Exception {
        Mapping mapping = TestFiles.READER.read(Files.readAllBytes(EXAMPLE), EXAMPLE.toString());
        Snapshot dell = TestFiles.load(TestFiles.recording("dell-laser_s5830dn"));
        assertTrue(mapping.claims().claims(facts(dell)));
        ReadingBuilder builder = new ReadingBuilder();
        new DeclarativeMapper(mapping).map(dell, builder);
        DeviceReading r = builder.build(Instant.EPOCH);
        assertEquals("S5830dn", r.identity().model());
        assertEquals("Dell", r.identity().manufacturer());
        assertEquals("NH62.YS.N636", r.identity().firmware());
        assertTrue(r.problems().isEmpty(), r.problems()::toString);
    }

    @Test
    void claimsDellPrintersOnly() throws Exception {
        Mapping mapping = TestFiles.READER.read(Files.readAllBytes(EXAMPLE), EXAMPLE.toString());
        try (var files = Files.list(TestFiles.recording("dell-laser_s5830dn").getParent())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".snmprec")).sorted().toList()) {
                Snapshot s = TestFiles.load(file);
                boolean dellLaser = s.get(Oid.parse("1.3.6.1.2.1.1.2.0")).flatMap(SnmpValue::asOid)
                        .map(o -> o.startsWith(Oid.parse("1.3.6.1.4.1.674.10898"))).orElse(false);
                assertEquals(dellLaser, mapping.claims().claims(facts(s)), file::toString);
            }
        }
    }
}
