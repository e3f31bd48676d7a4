package org.printscout.mib.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.mapper.OidPlan;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.api.snmp.SnmprecFormat;

/**
 * The shared printer recordings (system property {@code printscout.testdata}, set by surefire). A
 * missing directory fails the test instead of skipping it, so a broken setup cannot pass as green.
 */
public final class Recordings {

    static final Oid SYS_DESCR = Oid.parse("1.3.6.1.2.1.1.1.0");
    static final Oid SYS_OBJECT_ID = Oid.parse("1.3.6.1.2.1.1.2.0");

    /** A recording of at most this many values holds little more than sysDescr and sysObjectID. */
    public static final int STUB_SIZE = 5;

    private Recordings() {
    }

    /** One loaded recording, with the damaged lines that had to be skipped. */
    public record Recording(String name, Snapshot snapshot, List<String> skippedLines) {
        public boolean isStub() {
            return snapshot.size() <= STUB_SIZE;
        }

        public DeviceFacts facts() {
            return Recordings.facts(snapshot);
        }
    }

    public static Path printersDir() {
        String testdata = System.getProperty("printscout.testdata");
        assertTrue(testdata != null, "system property printscout.testdata is not set (surefire sets it)");
        Path dir = Path.of(testdata, "printers");
        assertTrue(Files.isDirectory(dir.resolve("snmprec")), "no recordings under " + dir);
        return dir;
    }

    public static List<Path> printers() {
        return list(printersDir().resolve("snmprec"));
    }

    public static List<Path> negatives() {
        return list(printersDir().resolve("negatives"));
    }

    /** Every recording, printers first, then the non-printers. */
    public static Stream<Path> all() {
        List<Path> all = new ArrayList<>(printers());
        all.addAll(negatives());
        return all.stream();
    }

    public static boolean isNegative(Path recording) {
        return recording.getParent().getFileName().toString().equals("negatives");
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

    public static String name(Path recording) {
        String file = recording.getFileName().toString();
        return file.substring(0, file.length() - ".snmprec".length());
    }

    public static Recording load(Path recording) {
        List<String> skipped = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(recording, StandardCharsets.UTF_8)) {
            Snapshot snapshot = SnmprecFormat.readLenient(in, recording.getFileName().toString(),
                    problem -> skipped.add(problem.getMessage()));
            return new Recording(name(recording), snapshot, List.copyOf(skipped));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Recording printer(String name) {
        return load(printersDir().resolve("snmprec").resolve(name + ".snmprec"));
    }

    public static Optional<LibreNmsExpectation> expectation(String name) {
        Path json = printersDir().resolve("expected").resolve(name + ".json");
        return Files.isRegularFile(json) ? Optional.of(LibreNmsExpectation.read(json)) : Optional.empty();
    }

    /** sysObjectID and sysDescr as the collector sees them before mapping. */
    public static DeviceFacts facts(Snapshot snapshot) {
        Oid sysObjectId = snapshot.get(SYS_OBJECT_ID).flatMap(SnmpValue::asOid).orElse(null);
        String sysDescr = snapshot.get(SYS_DESCR).map(SnmpValue::asText).orElse("");
        return new DeviceFacts(sysObjectId, sysDescr);
    }

    /** The snapshot cut down to what {@code plan} asks for, as the collector would fetch it. */
    public static Snapshot restrictedTo(Snapshot snapshot, OidPlan plan) {
        List<Oid> roots = new ArrayList<>(plan.scalars());
        roots.addAll(plan.columns());
        return snapshot.restrictTo(roots);
    }
}
