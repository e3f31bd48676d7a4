package org.printscout.collector.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.printscout.api.snmp.Credential;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SnmpReader;
import org.printscout.api.snmp.SnmpTarget;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.api.snmp.SnmpVersion;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmprecFormat;
import org.printscout.api.snmp.VarBind;
import org.printscout.api.snmp.WalkLimits;
import org.printscout.api.snmp.WalkResult;

class ColumnReaderTest {

    /** What the standard mapper asks for: columns, whole entries, neighbours, empty ones. */
    static final List<Oid> COLUMNS = Stream.of("1.3.6.1.2.1.2.2.1.3", "1.3.6.1.2.1.2.2.1.6", "1.3.6.1.2.1.2.2.1.8",
            "1.3.6.1.2.1.25.3.2.1.2", "1.3.6.1.2.1.25.3.2.1.3", "1.3.6.1.2.1.25.3.2.1.5", "1.3.6.1.2.1.25.3.5.1",
            "1.3.6.1.2.1.43.5.1.1.17", "1.3.6.1.2.1.43.10.2.1.3", "1.3.6.1.2.1.43.10.2.1.4", "1.3.6.1.2.1.43.11.1.1.3",
            "1.3.6.1.2.1.43.11.1.1.5", "1.3.6.1.2.1.43.11.1.1.6", "1.3.6.1.2.1.43.11.1.1.7", "1.3.6.1.2.1.43.11.1.1.8",
            "1.3.6.1.2.1.43.11.1.1.9",
            "1.3.6.1.2.1.43.12.1.1.4", "1.3.6.1.2.1.43.16.5.1.2", "1.3.6.1.2.1.43.18.1.1.2", "1.3.6.1.2.1.43.18.1.1.4",
            "1.3.6.1.2.1.43.18.1.1.5", "1.3.6.1.2.1.43.18.1.1.7", "1.3.6.1.2.1.43.18.1.1.8", "1.3.6.1.4.1.2699.1.2.1.2.1.1.3",
            "1.3.6.1.4.1.2699.1.3.1.2.1.1", "1.3.6.1.4.1.2699.1.3.1.7.1.1.4", "1.3.6.1.4.1.2699.1.3.1.8.1.1.4",
            "1.3.6.1.4.1.2699.1.3.1.8.1.1.5", "1.3.6.1.4.1.2699.1.3.1.8.1.1.7", "1.3.6.1.4.1.2699.1.3.1.9.1.1.4",
            "1.3.6.1.4.1.2699.1.3.1.10.1.1.4", "1.3.6.1.4.1.2385.1.1.19.2.1.3", "1.3.6.1.4.1.2385.1.1.19.2.1.4")
            .map(Oid::parse).toList();
    private static final Oid SUPPLIES = Oid.parse("1.3.6.1.2.1.43.11.1.1");
    private static final InetSocketAddress HERE = new InetSocketAddress("127.0.0.1", 16100);

    private final TableShapes shapes = new TableShapes(16);
    private final List<String> problems = new ArrayList<>();

    private static List<Path> recordings() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("printscout.testdata"), "printers/snmprec"))) {
            return files.filter(f -> f.toString().endsWith(".snmprec")).sorted().toList();
        }
    }

    /** Leniently, as the simulator serves them: a few recordings hold a corrupted line. */
    private static Snapshot load(Path file) throws IOException {
        try (java.io.Reader in = Files.newBufferedReader(file)) {
            return SnmprecFormat.readLenient(in, file.toString(), skipped -> { });
        }
    }

    private static SnmpTarget target(int maxVarbinds) {
        return new SnmpTarget(HERE, new Credential.Community(SnmpVersion.V2C, "public"), Duration.ofSeconds(1), 0,
                maxVarbinds, 10);
    }

    private static Map<Oid, SnmpValue> expected(Snapshot device, List<Oid> columns) {
        Map<Oid, SnmpValue> all = new TreeMap<>();
        for (Oid column : columns) {
            all.putAll(device.subtree(column));
        }
        return all;
    }

    private Map<Oid, SnmpValue> read(SnmpReader device, SnmpTarget target, List<Oid> columns, int bulkRounds) throws Exception {
        List<VarBind> values = new ColumnReader(device, new WalkLimits(100_000, Duration.ofSeconds(5)), 12, shapes)
                .read(target, columns, bulkRounds, problems::add).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Map<Oid, SnmpValue> read = new TreeMap<>();
        for (VarBind vb : values) {
            assertFalse(read.containsKey(vb.oid()), "read once: " + vb.oid());
            read.put(vb.oid(), vb.value());
        }
        return read;
    }

    @Test
    void everyRecordingReadsExactlyItsColumnsFirstThenFromTheShapeItLeftThenAfterItsTablesChanged() throws Exception {
        List<Path> files = recordings();
        assertTrue(files.size() > 10, "the shared recordings are there");
        for (int budget : new int[] {60, 20, 5}) {
            for (int i = 0; i < files.size(); i++) {
                Snapshot device = load(files.get(i));
                Snapshot other = load(files.get((i + 1) % files.size()));
                String name = files.get(i).getFileName() + " at " + budget;
                RecordedDevice reader = new RecordedDevice(device, true);
                assertEquals(expected(device, COLUMNS), read(reader, target(budget), COLUMNS, 2), name + ", first");
                assertEquals(expected(device, COLUMNS), read(reader, target(budget), COLUMNS, 2), name + ", next");
                assertEquals(expected(device, COLUMNS), read(reader, target(budget), COLUMNS, 1), name + ", one bulk round");
                // another device at the same address: every remembered shape is wrong, the values are right
                assertEquals(expected(other, COLUMNS), read(new RecordedDevice(other, true), target(budget), COLUMNS, 2),
                        name + ", then " + files.get((i + 1) % files.size()).getFileName());
            }
        }
        assertEquals(List.of(), problems);
    }

    /** Counts what a collector asks of a recorded device. */
    private static class Counting implements SnmpReader {
        final RecordedDevice device;
        final AtomicInteger bulks = new AtomicInteger();
        final AtomicInteger walks = new AtomicInteger();

        Counting(Snapshot snapshot) {
            this.device = new RecordedDevice(snapshot, true);
        }

        @Override
        public CompletionStage<List<VarBind>> get(SnmpTarget target, List<Oid> oids) {
            return device.get(target, oids);
        }

        @Override
        public CompletionStage<List<VarBind>> getNext(SnmpTarget target, List<Oid> oids) {
            return device.getNext(target, oids);
        }

        @Override
        public CompletionStage<List<VarBind>> getBulk(SnmpTarget target, int nonRepeaters, int maxRepetitions, List<Oid> oids) {
            bulks.incrementAndGet();
            assertTrue(nonRepeaters + (long) (oids.size() - nonRepeaters) * maxRepetitions <= target.maxVarbindsPerRequest(),
                    "a GETBULK fits the target's PDU: " + nonRepeaters + " + " + (oids.size() - nonRepeaters) + " x " + maxRepetitions);
            return device.getBulk(target, nonRepeaters, maxRepetitions, oids);
        }

        @Override
        public CompletionStage<WalkResult> walk(SnmpTarget target, List<Oid> roots, WalkLimits limits) {
            walks.incrementAndGet();
            return device.walk(target, roots, limits);
        }

        @Override
        public TrafficCounters counters() {
            return device.counters();
        }
    }

    @Test
    void aPrinterNeverReadIsReadInThreeRoundTripsAndAKnownOneInOne() throws Exception {
        int read = 0;
        for (Path file : recordings()) {
            Snapshot device = load(file);
            Map<Oid, SnmpValue> expected = expected(device, COLUMNS);
            TableShapes known = new TableShapes(1);
            for (String reading : new String[] {"first", "next"}) {
                RoundTripDevice rounds = new RoundTripDevice(device);
                CompletableFuture<List<VarBind>> values = new ColumnReader(rounds, new WalkLimits(100_000, Duration.ofSeconds(5)),
                        12, known).read(target(60), COLUMNS, 2, problems::add);
                int trips = rounds.rounds();
                Map<Oid, SnmpValue> got = new TreeMap<>();
                values.get(1, TimeUnit.SECONDS).forEach(vb -> got.put(vb.oid(), vb.value()));
                assertEquals(expected, got, file.getFileName() + ", " + reading);
                assertTrue(trips <= (reading.equals("first") ? 3 : 1), file.getFileName() + ", " + reading + ": " + trips
                        + " round trips for " + expected.size() + " values");
            }
            read += expected.isEmpty() ? 0 : 1;
        }
        assertTrue(read > 15, "printers with values in the standard columns: " + read);
        assertEquals(List.of(), problems);
    }

    @Test
    void aTableTheDeviceHalfImplementsCostsOneValuePerMissingColumn() throws Exception {
        // a supplies table of 12 rows whose device implements the level and the description only
        Map<Oid, SnmpValue> rows = new TreeMap<>();
        for (int row = 1; row <= 12; row++) {
            rows.put(Oid.parse("1.3.6.1.2.1.43.11.1.1.6.1." + row), SnmpValue.text("toner " + row));
            rows.put(Oid.parse("1.3.6.1.2.1.43.11.1.1.9.1." + row), SnmpValue.integer(row));
        }
        rows.put(Oid.parse("1.3.6.1.2.1.43.12.1.1.4.1.1"), SnmpValue.text("black"));
        Snapshot device = Snapshot.of(rows);
        List<Oid> supplies = COLUMNS.stream().filter(c -> c.startsWith(SUPPLIES)).toList();
        RoundTripDevice rounds = new RoundTripDevice(device);
        CompletableFuture<List<VarBind>> values = new ColumnReader(rounds, new WalkLimits(100_000, Duration.ofSeconds(5)), 12, shapes)
                .read(target(60), supplies, 2, problems::add);
        int trips = rounds.rounds();
        assertEquals(24, values.get(1, TimeUnit.SECONDS).size());
        assertTrue(trips <= 3, trips + " round trips");
        // 24 values, and what lies after each column's end: 4 unimplemented columns cost one each, the
        // two columns one each, plus the probe's one-row look at the run and the rows asked to learn the length
        assertTrue(rounds.values() <= 24 + 6 + 8, rounds.values() + " values answered for 24");
        assertEquals(List.of(), problems);
    }

    @Test
    void columnsAfterAProbedRunThatWhatFollowsItShowsEmptyAreNeverAsked() throws Exception {
        // no alert table: what follows the probed run (prtAlertGroup, GroupIndex) is the next table
        Map<Oid, SnmpValue> rows = new TreeMap<>();
        rows.put(Oid.parse("1.3.6.1.2.1.43.17.6.1.5.1.1"), SnmpValue.text("a channel"));
        rows.put(Oid.parse("1.3.6.1.2.1.43.19.1.0"), SnmpValue.integer(1));
        List<Oid> alerts = COLUMNS.stream().filter(c -> c.startsWith(Oid.parse("1.3.6.1.2.1.43.18"))).toList();
        assertEquals(5, alerts.size());
        RecordedDevice device = new RecordedDevice(Snapshot.of(rows), true);
        assertEquals(Map.of(), read(device, target(60), alerts, 2));
        // severity (before the run) is checked, the run (group, group index) probed from its start;
        // code and description are known empty from what followed the run
        assertEquals(List.of(Oid.parse("1.3.6.1.2.1.43.18.1.1.2"), Oid.parse("1.3.6.1.2.1.43.18.1.1.4")),
                device.requested.stream().sorted().toList());
        assertEquals(List.of(), problems);
    }

    @Test
    void aDeviceThatAnswersAProbesChecksBackwardsOrShortIsCutWithTheReasonAndTheRestIsRead() throws Exception {
        // the ifTable: ifType is probed, ifPhysAddress and ifOperStatus (after it) wait; prtAlert: the
        // severity (before its probed run) is a check, a non-repeater of the probe's GETBULK
        Map<Oid, SnmpValue> rows = new TreeMap<>();
        rows.put(Oid.parse("1.3.6.1.2.1.43.18.1.1.2.1.1"), SnmpValue.integer(3));
        rows.put(Oid.parse("1.3.6.1.2.1.43.18.1.1.4.1.1"), SnmpValue.integer(7));
        rows.put(Oid.parse("1.3.6.1.2.1.43.18.1.1.5.1.1"), SnmpValue.integer(1));
        Snapshot device = Snapshot.of(rows);
        List<Oid> alerts = COLUMNS.stream().filter(c -> c.startsWith(Oid.parse("1.3.6.1.2.1.43.18"))).toList();
        Oid severity = Oid.parse("1.3.6.1.2.1.43.18.1.1.2");
        for (boolean backwards : new boolean[] {true, false}) {
            problems.clear();
            SnmpReader hostile = new Counting(device) {
                @Override
                public CompletionStage<List<VarBind>> getBulk(SnmpTarget target, int nonRepeaters, int maxRepetitions, List<Oid> oids) {
                    List<VarBind> honest = device.getBulk(target, nonRepeaters, maxRepetitions, oids).toCompletableFuture().join();
                    if (!oids.contains(severity) || nonRepeaters == 0) {
                        return CompletableFuture.completedFuture(honest);
                    }
                    List<VarBind> answer = new ArrayList<>(honest);
                    if (backwards) {
                        // the check's value names an OID before the one asked
                        answer.set(oids.indexOf(severity), new VarBind(Oid.parse("1.3.6.1.2.1.1.1.0"), SnmpValue.text("x")));
                    } else {
                        // a reply cut after the non-repeaters: nothing for the repetitions
                        answer = new ArrayList<>(answer.subList(0, nonRepeaters - 1));
                    }
                    return CompletableFuture.completedFuture(answer);
                }
            };
            Map<Oid, SnmpValue> read = read(hostile, target(60), alerts, 2);
            if (backwards) {
                assertEquals(1, problems.size(), problems.toString());
                assertTrue(problems.get(0).contains("answered 1.3.6.1.2.1.1.1.0 after " + severity), problems.get(0));
                // what the device answered honestly is kept
                assertEquals(rows.get(Oid.parse("1.3.6.1.2.1.43.18.1.1.4.1.1")), read.get(Oid.parse("1.3.6.1.2.1.43.18.1.1.4.1.1")));
            } else {
                // a short reply costs a round trip, not a value: the columns are asked again and read whole
                assertEquals(rows, read);
                assertEquals(List.of(), problems);
            }
        }
    }

    @Test
    void aLongTableKnownFromTheLastReadingArrivesInParallelPiecesWithoutAWalk() throws Exception {
        Snapshot m880 = CollectorTest.recording("jetdirect_m880");
        assertEquals(120, m880.subtree(SUPPLIES).size(), "15 supplies x 8 columns");
        Counting first = new Counting(m880);
        read(first, target(60), List.of(SUPPLIES), 2);
        assertTrue(first.walks.get() > 0, "the first reading does not know the table is long, and walks it on");

        Counting next = new Counting(m880);
        assertEquals(expected(m880, List.of(SUPPLIES)), read(next, target(60), List.of(SUPPLIES), 2));
        assertEquals(0, next.walks.get());
        assertEquals(3, next.bulks.get(), "pieces of 48, 48 and 24 + 1 rows, sent at once");
    }

    @Test
    void emptyColumnsKnownFromTheLastReadingCostNoRequestOfTheirOwn() throws Exception {
        Snapshot brother = CollectorTest.recording("brother");
        read(new RecordedDevice(brother, true), target(60), COLUMNS, 2);
        RecordedDevice next = new RecordedDevice(brother, true);
        assertEquals(expected(brother, COLUMNS), read(next, target(60), COLUMNS, 2));
        long empty = COLUMNS.stream().filter(c -> brother.subtree(c).isEmpty()).count();
        assertTrue(empty > 10, "most of the standard columns are empty on this printer: " + empty);
        assertTrue(next.requested.size() < COLUMNS.size() - empty / 2,
                "asked " + next.requested.size() + " OIDs for " + COLUMNS.size() + " columns: " + next.requested);
    }

    @Test
    void aDeviceThatAnswersBackwardsIsCutWithTheReasonAndKeepsWhatItGave() throws Exception {
        Oid column = Oid.parse("1.3.6.1.2.1.43.11.1.1.6");
        Oid row = column.append(1, 1);
        SnmpReader backwards = new Counting(Snapshot.empty()) {
            @Override
            public CompletionStage<List<VarBind>> getBulk(SnmpTarget target, int nonRepeaters, int maxRepetitions, List<Oid> oids) {
                List<VarBind> out = new ArrayList<>();
                for (int r = 0; r < maxRepetitions; r++) {
                    out.add(new VarBind(row, SnmpValue.text("toner")));
                }
                return CompletableFuture.completedFuture(out);
            }
        };
        Map<Oid, SnmpValue> read = read(backwards, target(60), List.of(column), 2);
        assertEquals(Map.of(row, SnmpValue.text("toner")), read);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("answered " + row + " after " + row), problems.get(0));
    }
}
