package org.printscout.mib.standard.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.mapper.OidPlan;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.api.snmp.SnmprecFormat;

/**
 * The shared printer recordings (system property {@code printscout.testdata}, set by surefire):
 * {@code printers/snmprec}, {@code printers/expected} (LibreNMS's results) and
 * {@code printers/negatives}. A missing directory fails the test instead of skipping it, so a
 * broken setup cannot pass as green.
 */
final class Recordings {

    /** Any fixed instant: readings are compared as values. */
    static final Instant READ_AT = Instant.parse("2026-01-01T00:00:00Z");

    private Recordings() {
    }

    static Path printersDir() {
        String testdata = System.getProperty("printscout.testdata");
        assertTrue(testdata != null, "system property printscout.testdata is not set (surefire sets it)");
        Path dir = Path.of(testdata, "printers");
        assertTrue(Files.isDirectory(dir.resolve("snmprec")), "no recordings under " + dir);
        return dir;
    }

    static List<Path> printers() {
        return list(printersDir().resolve("snmprec"));
    }

    static List<Path> negatives() {
        return list(printersDir().resolve("negatives"));
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = new ArrayList<>(files.filter(p -> p.toString().endsWith(".snmprec")).sorted().toList());
            assertTrue(!found.isEmpty(), "no .snmprec files in " + dir);
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String name(Path recording) {
        String file = recording.getFileName().toString();
        return file.substring(0, file.length() - ".snmprec".length());
    }

    /** One loaded recording, with the damaged lines that had to be skipped (e.g. "6git3159" as a Counter32). */
    record Recording(String name, Snapshot snapshot, List<String> skippedLines) {
    }

    static Recording load(Path recording) {
        List<String> skipped = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(recording, StandardCharsets.UTF_8)) {
            Snapshot snapshot = SnmprecFormat.readLenient(in, recording.getFileName().toString(),
                    problem -> skipped.add(problem.getMessage()));
            return new Recording(name(recording), snapshot, List.copyOf(skipped));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<Path> expectedJson(String name) {
        Path json = printersDir().resolve("expected").resolve(name + ".json");
        return Files.isRegularFile(json) ? Optional.of(json) : Optional.empty();
    }

    /** A recording with at least this many values holds more than sysDescr and sysObjectID. */
    static boolean isFullRecording(Snapshot snapshot) {
        return snapshot.size() > 10;
    }

    static DeviceFacts facts(Snapshot snapshot) {
        Oid sysObjectId = snapshot.get(StandardOids.SYS_OBJECT_ID).flatMap(SnmpValue::asOid).orElse(null);
        String sysDescr = snapshot.text(StandardOids.SYS_DESCR).orElse("");
        return new DeviceFacts(sysObjectId, sysDescr);
    }

    static DeviceReading map(StandardMibMapper mapper, Snapshot snapshot) {
        ReadingBuilder builder = new ReadingBuilder();
        mapper.map(snapshot, builder);
        return builder.build(READ_AT);
    }

    /** The snapshot cut down to what {@code plan} asks for, as the collector would fetch it. */
    static Snapshot restrictedTo(Snapshot snapshot, OidPlan plan) {
        List<Oid> roots = new ArrayList<>(plan.scalars());
        roots.addAll(plan.columns());
        return snapshot.restrictTo(roots);
    }
}
