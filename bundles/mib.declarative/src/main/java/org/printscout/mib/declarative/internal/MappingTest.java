package org.printscout.mib.declarative.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.mapper.OidPlan;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.api.snmp.SnmprecFormat;

/**
 * What scout:mapping-test does, without a framework: checks a mapping file, applies it to a
 * recorded walk as the agent would (the snapshot cut down to the mapping's plan), and reports each
 * field with the OID it came from, each rule that produced nothing with the reason, and every
 * problem of the file with its line. A dealer can write and check a mapping with no agent on site.
 */
final class MappingTest {

    private static final Oid SYS_DESCR = Oid.parse("1.3.6.1.2.1.1.1.0");
    private static final Oid SYS_OBJECT_ID = Oid.parse("1.3.6.1.2.1.1.2.0");

    private final MappingReader reader;

    MappingTest(MappingReader reader) {
        this.reader = reader;
    }

    /** The result for people; {@code valid} is false when the file does not read. */
    record Report(boolean valid, String text) {
    }

    Report run(Path mappingFile, Path walkFile) throws IOException {
        StringBuilder out = new StringBuilder();
        Mapping mapping;
        try {
            mapping = reader.read(readAll(mappingFile), mappingFile.toString());
        } catch (MappingException e) {
            out.append("Mapping ").append(mappingFile).append(": REJECTED, ").append(e.problems().size())
                    .append(e.problems().size() == 1 ? " problem\n" : " problems\n");
            e.problems().forEach(p -> out.append("  ").append(p).append('\n'));
            return new Report(false, out.toString());
        }
        out.append("Mapping ").append(mappingFile).append(": valid\n");
        out.append("  name '").append(mapping.name()).append("', format version ").append(mapping.formatVersion())
                .append(", rank ").append(mapping.rank()).append('\n');
        out.append("  claims ").append(mapping.claims()).append('\n');

        List<String> skipped = new ArrayList<>();
        Snapshot walk;
        try (Reader in = Files.newBufferedReader(walkFile, StandardCharsets.UTF_8)) {
            walk = SnmprecFormat.readLenient(in, walkFile.toString(), bad -> skipped.add(bad.getMessage()));
        } catch (NoSuchFileException e) {
            throw new IOException("no such file: " + walkFile, e);
        }
        DeviceFacts facts = new DeviceFacts(walk.get(SYS_OBJECT_ID).flatMap(SnmpValue::asOid).orElse(null),
                walk.text(SYS_DESCR).orElse(""));
        out.append("Walk ").append(walkFile).append(": ").append(walk.size()).append(" values");
        out.append(skipped.isEmpty() ? "\n" : ", " + skipped.size() + " damaged lines skipped\n");
        out.append("  sysObjectID ").append(facts.sysObjectId() == null ? "(none)" : facts.sysObjectId())
                .append(", sysDescr \"").append(facts.sysDescr()).append("\"\n");
        boolean claimed = mapping.claims().claims(facts);
        out.append(claimed ? "  claimed: yes, the agent applies this mapping to this device\n"
                : "  claimed: NO, the agent would not apply this mapping to this device (applied here anyway)\n");

        DeclarativeMapper mapper = new DeclarativeMapper(mapping);
        OidPlan plan = mapper.plan(facts);
        List<Oid> roots = new ArrayList<>(plan.scalars());
        roots.addAll(plan.columns());
        ReadingBuilder reading = new ReadingBuilder();
        List<String[]> produced = new ArrayList<>();
        List<String[]> missing = new ArrayList<>();
        mapper.map(walk.restrictTo(roots), reading, new Trace() {
            @Override
            public void produced(String target, String value, String from) {
                produced.add(new String[] {target, value, from});
            }

            @Override
            public void missing(String target, String reason) {
                missing.add(new String[] {target, reason});
            }
        });
        out.append("Fields (the plan asks for ").append(plan.scalars().size()).append(" scalars and ")
                .append(plan.columns().size()).append(" columns)\n");
        table(out, produced, "from ");
        if (!missing.isEmpty()) {
            out.append("Not filled\n");
            table(out, missing, "");
        }
        List<String> problems = reading.build(Instant.EPOCH).problems();
        if (!problems.isEmpty()) {
            out.append("Problems\n");
            problems.forEach(p -> out.append("  ").append(p).append('\n'));
        }
        return new Report(true, out.toString());
    }

    private static void table(StringBuilder out, List<String[]> rows, String lastPrefix) {
        if (rows.isEmpty()) {
            out.append("  (none)\n");
            return;
        }
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        int valueWidth = rows.get(0).length > 2 ? rows.stream().mapToInt(r -> r[1].length()).max().orElse(0) : 0;
        for (String[] r : rows) {
            out.append("  ").append(String.format(Locale.ROOT, "%-" + width + "s", r[0])).append("  ");
            if (r.length > 2) {
                out.append(String.format(Locale.ROOT, "%-" + valueWidth + "s", r[1])).append("  ").append(lastPrefix).append(r[2]);
            } else {
                out.append(r[1]);
            }
            out.append('\n');
        }
    }

    private static byte[] readAll(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(MappingReader.MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new IOException("no such file: " + file, e);
        }
    }
}
