package org.printscout.mib.declarative.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpType;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.api.snmp.SnmprecFormat;

/** Mapping texts with known line numbers, snapshots, and the shared recordings. */
final class TestFiles {

    static final MappingReader READER = new MappingReader();

    private TestFiles() {
    }

    /**
     * A mapping whose {@code body} starts on line 3: line 1 is the root, line 2 the devices.
     */
    static String mapping(String body) {
        return "<mapping xmlns=\"" + MappingReader.NAMESPACE + "\" name=\"test\">\n"
                + "<devices><enterprise>9999</enterprise></devices>\n"
                + body
                + "</mapping>\n";
    }

    static Mapping read(String xml) throws MappingException {
        return READER.read(xml.getBytes(StandardCharsets.UTF_8), "test.mapping.xml");
    }

    static DeclarativeMapper mapper(String body) {
        try {
            return new DeclarativeMapper(read(mapping(body)));
        } catch (MappingException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** The repository's docs/ (tests run in the module directory, bundles/mib.declarative). */
    static Path docs() {
        Path docs = Path.of("../../docs").toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(docs.resolve("mapping")), "no docs/mapping under " + docs);
        return docs;
    }

    static Path recording(String name) {
        String testdata = System.getProperty("printscout.testdata");
        assertTrue(testdata != null, "system property printscout.testdata is not set (surefire sets it)");
        Path file = Path.of(testdata, "printers", "snmprec", name + ".snmprec");
        assertTrue(Files.isRegularFile(file), "no recording " + file);
        return file;
    }

    static Snapshot load(Path recording) {
        try (Reader in = Files.newBufferedReader(recording, StandardCharsets.UTF_8)) {
            return SnmprecFormat.readLenient(in, recording.toString(), skipped -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds small snapshots for the cases no recording has. */
    static final class SnapshotBuilder {
        private final Map<Oid, SnmpValue> values = new TreeMap<>();

        SnapshotBuilder text(String oid, String text) {
            values.put(Oid.parse(oid), SnmpValue.text(text));
            return this;
        }

        SnapshotBuilder hex(String oid, String hex) {
            values.put(Oid.parse(oid), SnmpValue.octets(HexFormat.of().parseHex(hex)));
            return this;
        }

        SnapshotBuilder integer(String oid, long value) {
            values.put(Oid.parse(oid), SnmpValue.integer(value));
            return this;
        }

        SnapshotBuilder counter(String oid, long value) {
            values.put(Oid.parse(oid), SnmpValue.number(SnmpType.COUNTER32, value));
            return this;
        }

        Snapshot build() {
            return Snapshot.of(values);
        }
    }

    static SnapshotBuilder snapshot() {
        return new SnapshotBuilder();
    }
}
