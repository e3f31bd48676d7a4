package org.printscout.mib.vendorresults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.printscout.api.mapper.Mapper;
import org.printscout.api.model.DeviceReading;
import org.printscout.api.model.Meter;
import org.printscout.api.model.MeterUnit;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.mib.brother.internal.BrotherMapper;
import org.printscout.mib.canon.internal.CanonMapper;
import org.printscout.mib.epson.internal.EpsonMapper;
import org.printscout.mib.hp.internal.HpMapper;
import org.printscout.mib.konica.internal.KonicaMinoltaMapper;
import org.printscout.mib.kyocera.internal.KyoceraMapper;
import org.printscout.mib.lexmark.internal.LexmarkMapper;
import org.printscout.mib.oki.internal.OkiMapper;
import org.printscout.mib.ricoh.internal.RicohMapper;
import org.printscout.mib.samsung.internal.SamsungMapper;
import org.printscout.mib.sharp.internal.SharpMapper;
import org.printscout.mib.standard.StandardMib;
import org.printscout.mib.testing.ComponentClaims;
import org.printscout.mib.testing.LibreNmsExpectation;
import org.printscout.mib.testing.Readings;
import org.printscout.mib.testing.Recordings;
import org.printscout.mib.toshiba.internal.ToshibaMapper;
import org.printscout.mib.xerox.internal.XeroxMapper;
import org.printscout.mib.zebra.internal.ZebraMapper;

/**
 * Writes docs/vendor-results.md: every shared recording replayed through the standard mapper and
 * the vendor mappers that claim it, merged the way the collector merges (standard first, then the
 * rank-100 vendor mapper over it), compared field by field with LibreNMS's expectation. The test
 * fails when the committed document differs from what it would write;
 * {@code -Dprintscout.updateResults=true} rewrites it.
 *
 * <p>Which meter came from which expected counter OID is found by ablation: the recording is read
 * again without that OID, and the meters that disappear or change are the ones it fed. That needs no
 * provenance bookkeeping in the mappers and cannot drift from what they do.
 */
class VendorResultsDocumentTest {

    private static final String DOCUMENT = "docs/vendor-results.md";
    private static final String REGENERATE = "flock /tmp/printscout-mvn.lock mvn -q -pl bundles/mib.vendor-results test"
            + " -Dtest=VendorResultsDocumentTest -Dprintscout.updateResults=true";

    private static final List<Mapper> VENDOR_MAPPERS = List.of(new HpMapper(), new KyoceraMapper(), new RicohMapper(),
            new CanonMapper(), new XeroxMapper(), new BrotherMapper(), new LexmarkMapper(), new KonicaMinoltaMapper(),
            new SharpMapper(), new EpsonMapper(), new ToshibaMapper(), new SamsungMapper(), new OkiMapper(),
            new ZebraMapper());

    /** Why a read value differs from LibreNMS's, where we believe ours is the better one. */
    private static final Map<String, String> DIFFERENCES = Map.of(
            "jetdirect_m130nw/model", "LibreNMS takes MDL from the JetDirect device ID, which names the driver family"
                    + " (M129-M134); its DES field and hrDeviceDescr name this device, M130nw",
            "zebra/model", "LibreNMS shows ESI genProductNumber (79071, the print server's product number);"
                    + " ZEBRA-QL-MIB names the printer, ZTC TLP 2824 Plus",
            "utax/firmware", "LibreNMS has none; KYOCERA-MIB kcprtFirmwareVersion gives it",
            "xerox_apeosport/model", "LibreNMS has none; the standard mapper reads it from sysDescr");

    /** Expected values no mapper of this issue reads, and why. */
    private static final Map<String, String> GAPS = Map.of(
            "dell-laser_s5830dn/firmware", "Dell (enterprise 674) has no vendor mapper yet; LibreNMS reads Dell's"
                    + " private MIB (674.10898.100.1.1.1.0, in the recording)");

    /** Expected counters that are deliberately not meters. */
    private static final Map<String, String> NOT_METERS = Map.of(
            "1.3.6.1.2.1.43.10.2.1.5.1.1", "prtMarkerPowerOnCount: counts since power-on are not meters (mib-standard.md)",
            "1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.34.0", "print-engine-jam-count: jams, not pages");

    @Test
    void documentIsUpToDate() throws IOException {
        Path document = repositoryRoot().resolve(DOCUMENT);
        String generated = generate();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "vendor-results.md"), generated, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("printscout.updateResults")) {
            Files.writeString(document, generated, StandardCharsets.UTF_8);
        }
        String committed = Files.isRegularFile(document) ? Files.readString(document, StandardCharsets.UTF_8) : "";
        assertEquals(generated, committed, DOCUMENT + " is out of date; regenerate it with: " + REGENERATE);
    }

    @Test
    void noVendorMapperClaimsANonPrinter() {
        for (Path negative : Recordings.negatives()) {
            Recordings.Recording recording = Recordings.load(negative);
            assertEquals(List.of(), claimants(recording), recording.name());
        }
    }

    @Test
    void everyExpectedVendorValueIsMatchedOrExplained() {
        for (Path path : Recordings.printers()) {
            Recordings.Recording recording = Recordings.load(path);
            Optional<LibreNmsExpectation> expected = Recordings.expectation(recording.name());
            if (expected.isEmpty()) {
                continue;
            }
            DeviceReading reading = merged(recording);
            for (Field field : fields(recording.name(), expected.get(), reading)) {
                assertTrue(!field.match().startsWith("**no"), recording.name() + " " + field.name() + ": " + field);
            }
        }
    }

    private static Path repositoryRoot() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../..").normalize();
    }

    private static List<String> claimants(Recordings.Recording recording) {
        List<String> names = new ArrayList<>();
        for (Mapper mapper : VENDOR_MAPPERS) {
            ComponentClaims claims = ComponentClaims.of(mapper.getClass());
            if (claims.claims(mapper, recording.facts())) {
                names.add(claims.name());
            }
        }
        return names;
    }

    private static DeviceReading merged(Recordings.Recording recording) {
        return merged(recording, recording.snapshot());
    }

    private static DeviceReading merged(Recordings.Recording recording, Snapshot snapshot) {
        return Readings.merged(snapshot, vendors(recording));
    }

    /** The vendor mappers that claim the recording, as the collector would choose them. */
    private static List<Readings.NamedMapper> vendors(Recordings.Recording recording) {
        List<Readings.NamedMapper> vendors = new ArrayList<>();
        for (Mapper mapper : VENDOR_MAPPERS) {
            ComponentClaims claims = ComponentClaims.of(mapper.getClass());
            if (claims.claims(mapper, recording.facts())) {
                vendors.add(new Readings.NamedMapper(claims.name(), mapper));
            }
        }
        return vendors;
    }

    String generate() {
        StringBuilder md = new StringBuilder();
        md.append("# Vendor mappers: results on the shared recordings\n\n");
        md.append("Generated by `VendorResultsDocumentTest` in `bundles/mib.vendor-results` from the recordings in\n");
        md.append("`shared/testdata/printers`; do not edit by hand. The test fails when this file no longer matches\n");
        md.append("what the mappers read. Regenerate with:\n\n");
        md.append("    ").append(REGENERATE).append("\n\n");
        md.append("Each recording is read the way the collector reads a device: the standard mapper (rank 0), then\n");
        md.append("every vendor mapper whose claims match (rank 100) merged over it, so a vendor value wins. \"Expected\"\n");
        md.append("is LibreNMS's result for the same recording (`expected/*.json`: hardware, serial, version and its\n");
        md.append("count sensors). A field matches when the values are equal, or when LibreNMS's model is our\n");
        md.append("manufacturer and model together; \"read more\" means LibreNMS has no value and we read one; a\n");
        md.append("difference we believe is LibreNMS's mistake is marked and explained. An expected counter is traced\n");
        md.append("to the meters it feeds by reading the recording again without its OID. Meter names are in\n");
        md.append("[meters.md](meters.md); the OIDs behind each vendor value are in each bundle's README.\n\n");

        List<Recordings.Recording> recordings = Recordings.printers().stream().map(Recordings::load).toList();
        int stubs = 0;
        md.append("## Summary\n\n| recording | values | claimed by | serial | model | meters | matches LibreNMS |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Recordings.Recording recording : recordings) {
            DeviceReading reading = merged(recording);
            Optional<LibreNmsExpectation> expected = Recordings.expectation(recording.name());
            String matches = expected.map(e -> summary(fields(recording.name(), e, reading))).orElse("no expectation");
            stubs += recording.isStub() ? 1 : 0;
            md.append(row(recording.name(), Integer.toString(recording.snapshot().size()),
                    String.join(", ", claimants(recording)), reading.identity().serialNumber(),
                    join(reading.identity().manufacturer(), reading.identity().model()),
                    Integer.toString(reading.meters().size()), matches));
        }
        md.append('\n').append(stubs).append(" of ").append(recordings.size()).append(" recordings are detection stubs of at most ")
                .append(Recordings.STUB_SIZE).append(" values (sysDescr, sysObjectID, at most a serial or model):\n")
                .append("they cannot yield meters, and a serial only where the stub happens to include it.\n")
                .append("No vendor mapper claims any of the ").append(Recordings.negatives().size())
                .append(" non-printer recordings (`negatives/`).\n\n");

        md.append("## Per recording\n\n");
        for (Recordings.Recording recording : recordings) {
            appendRecording(md, recording);
        }
        return md.toString();
    }

    private void appendRecording(StringBuilder md, Recordings.Recording recording) {
        DeviceReading reading = merged(recording);
        md.append("### ").append(recording.name()).append("\n\n");
        List<String> claimants = claimants(recording);
        md.append("Claimed by: ").append(claimants.isEmpty() ? "no vendor mapper (standard only)" : String.join(", ", claimants))
                .append(". ").append(recording.snapshot().size()).append(" values");
        if (recording.isStub()) {
            md.append(": a detection stub, which cannot yield meters");
        }
        md.append(".\n\n");
        Optional<LibreNmsExpectation> expected = Recordings.expectation(recording.name());
        List<String> traced = new ArrayList<>();
        md.append("| field | expected (LibreNMS) | read | from | match |\n|---|---|---|---|---|\n");
        if (expected.isPresent()) {
            for (Field field : fields(recording.name(), expected.get(), reading)) {
                md.append(row(field.name(), field.expected(), field.read(), field.source(), field.match()));
            }
            for (Map.Entry<String, LibreNmsExpectation.Counted> counter : expected.get().counts().entrySet()) {
                Counter c = counter(recording, reading, counter.getKey(), counter.getValue());
                traced.addAll(c.meters());
                md.append(row("counter " + counter.getValue().description() + " (`" + counter.getKey() + "`)",
                        Long.toString(counter.getValue().value()), c.read(), c.source(), c.match()));
            }
        } else {
            md.append(row("serial", "no expectation", reading.identity().serialNumber(), source(reading, "serialNumber"), "–"));
            md.append(row("model", "no expectation", join(reading.identity().manufacturer(), reading.identity().model()),
                    source(reading, "model"), "–"));
            md.append(row("firmware", "no expectation", reading.identity().firmware(), source(reading, "firmware"), "–"));
        }
        md.append('\n');
        List<String> beyond = new ArrayList<>();
        for (Meter meter : reading.meters()) {
            String source = source(reading, "meter:" + meter.name());
            if (!"standard".equals(source) && !traced.contains(meter.name())) {
                beyond.add("`" + meter.name() + "` = " + meter(meter) + " (" + source + ")");
            }
        }
        if (!beyond.isEmpty()) {
            md.append("Vendor meters beyond LibreNMS's expectation: ").append(String.join(", ", beyond)).append(".\n\n");
        }
        if (!recording.skippedLines().isEmpty()) {
            md.append("Damaged lines skipped when loading: ").append(String.join("; ", recording.skippedLines())).append(".\n\n");
        }
    }

    record Field(String name, String expected, String read, String source, String match) {
    }

    private static List<Field> fields(String recording, LibreNmsExpectation expected, DeviceReading reading) {
        List<Field> fields = new ArrayList<>();
        fields.add(field(recording, "serial", expected.serial(), reading.identity().serialNumber(), null,
                source(reading, "serialNumber")));
        fields.add(field(recording, "model", expected.hardware(), reading.identity().model(),
                reading.identity().manufacturer(), source(reading, "model")));
        fields.add(field(recording, "firmware", expected.version(), reading.identity().firmware(), null,
                source(reading, "firmware")));
        return fields;
    }

    private static Field field(String recording, String name, String expected, String read, String manufacturer,
                               String source) {
        String shown = name.equals("model") ? join(manufacturer, read) : read;
        String match;
        if (expected == null && read == null) {
            match = "yes (neither)";
        } else if (expected == null) {
            match = DIFFERENCES.containsKey(recording + "/" + name)
                    ? "read more: " + DIFFERENCES.get(recording + "/" + name) : "read more";
        } else if (read != null && (expected.equalsIgnoreCase(read)
                || manufacturer != null && expected.equalsIgnoreCase(manufacturer + " " + read))) {
            match = "yes";
        } else if (DIFFERENCES.containsKey(recording + "/" + name)) {
            match = "differs, ours kept: " + DIFFERENCES.get(recording + "/" + name);
        } else if (read == null && GAPS.containsKey(recording + "/" + name)) {
            match = "not read: " + GAPS.get(recording + "/" + name);
        } else {
            match = "**no**";
        }
        return new Field(name, expected, shown, source, match);
    }

    record Counter(String read, String source, String match, List<String> meters) {
    }

    /**
     * The meters the counter at {@code oid} feeds: for each mapper that reads the recording, the meters
     * of its own reading that vanish or change when the OID is taken away. Each mapper is asked alone,
     * so a counter whose meter another mapper overrides in the merge is still traced.
     */
    private static Counter counter(Recordings.Recording recording, DeviceReading reading, String oid,
                                   LibreNmsExpectation.Counted expected) {
        Map<Oid, SnmpValue> without = new TreeMap<>(recording.snapshot().asMap());
        without.remove(Oid.parse(oid));
        Snapshot ablated = Snapshot.of(without);
        List<Readings.NamedMapper> mappers = new ArrayList<>();
        mappers.add(new Readings.NamedMapper("standard", StandardMib.mapper()));
        mappers.addAll(vendors(recording));
        List<String> parts = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<String> names = new ArrayList<>();
        boolean equal = false;
        for (Readings.NamedMapper mapper : mappers) {
            Map<String, Meter> after = new LinkedHashMap<>();
            Readings.map(mapper.mapper(), ablated).meters().forEach(m -> after.put(m.name(), m));
            for (Meter meter : Readings.map(mapper.mapper(), recording.snapshot()).meters()) {
                if (!Objects.equals(after.get(meter.name()), meter)) {
                    String winner = source(reading, "meter:" + meter.name());
                    parts.add("`" + meter.name() + "` = " + meter(meter)
                            + (mapper.name().equals(winner) ? "" : " (merged value from " + winner + ")"));
                    sources.add(mapper.name());
                    names.add(meter.name());
                    equal |= comparable(meter) == expected.value();
                }
            }
        }
        if (parts.isEmpty()) {
            String why = NOT_METERS.get(oid);
            return new Counter("not a meter", "–", why != null ? "yes: " + why : "**no**: not read", List.of());
        }
        return new Counter(String.join(", ", parts), String.join(", ", sources.stream().distinct().toList()),
                equal ? "yes" : "**no**", names);
    }

    /** The meter in LibreNMS's unit: it reports the Zebra odometer in inches. */
    private static long comparable(Meter meter) {
        return meter.unit() == MeterUnit.TEN_THOUSANDTHS_OF_INCHES ? meter.value() / 10_000 : meter.value();
    }

    private static String summary(List<Field> fields) {
        long no = fields.stream().filter(f -> f.match().startsWith("**no")).count();
        long differs = fields.stream().filter(f -> f.match().startsWith("differs")).count();
        long gaps = fields.stream().filter(f -> f.match().startsWith("not read")).count();
        return no > 0 ? "**no** (" + no + ")"
                : gaps > 0 ? "partly: " + gaps + " field not read (out of scope)"
                : differs > 0 ? "yes, " + differs + " explained difference" : "yes";
    }

    private static String source(DeviceReading reading, String field) {
        return reading.sources().get(field);
    }

    private static String meter(Meter meter) {
        return meter.value() + " " + meter.unit().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String join(String manufacturer, String model) {
        if (model == null) {
            return manufacturer == null ? null : manufacturer + " (no model)";
        }
        return manufacturer == null ? model : manufacturer + " " + model;
    }

    private static String row(String... cells) {
        StringBuilder line = new StringBuilder("|");
        for (String cell : cells) {
            line.append(' ').append(cell == null || cell.isEmpty() ? "–" : cell.replace("|", "\\|")).append(" |");
        }
        return line.append('\n').toString();
    }
}
