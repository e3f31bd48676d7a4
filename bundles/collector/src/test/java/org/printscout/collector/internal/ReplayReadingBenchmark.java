package org.printscout.collector.internal;

import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.printscout.api.snmp.Credential;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SnmpTarget;
import org.printscout.api.snmp.SnmpVersion;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmprecFormat;
import org.printscout.api.snmp.VarBind;
import org.printscout.api.snmp.WalkLimits;
import org.printscout.api.snmp.WalkResult;

/**
 * The collector's column reading of every shared recording, without a network: round trips, PDUs and
 * the BER bytes of each exchange ({@link RoundTripDevice}), for a first reading (nothing known of the
 * device) and the next one, beside a model of net-snmp's {@code snmpbulkwalk} of the subtrees an
 * administrator would walk for the same data (GETBULK by GETBULK over the same recording, -Cr10 and
 * -Cr25). It covers all 18 shared printer recordings, where {@code itest}'s ReadingBenchmark measures
 * six of them on the wire against the real net-snmp; here the bytes are computed, not captured. Only
 * the standard mapper's columns are read (the GETs of scalars are the same in every reading and are
 * left out on both sides, as is the system group).
 *
 * <pre>mvn -q -o -pl bundles/collector test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.printscout.collector.internal.ReplayReadingBenchmark [-Dbench.budget=60]</pre>
 */
public final class ReplayReadingBenchmark {

    private static final List<String> SUBTREES = List.of("1.3.6.1.2.1.2.2", "1.3.6.1.2.1.25.3", "1.3.6.1.2.1.43",
            "1.3.6.1.4.1.2699.1.3");
    /** Recordings with fewer values in the standard columns are system groups only, not printers' tables. */
    private static final int PRINTER_VALUES = 10;

    private ReplayReadingBenchmark() {
    }

    record Cost(long pdus, long bytes, int rounds) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("printscout.testdata", "../shared/testdata"), "printers", "snmprec");
        int budget = Integer.getInteger("bench.budget", 60);
        List<Path> files;
        try (Stream<Path> listed = Files.list(dir)) {
            files = listed.filter(f -> f.toString().endsWith(".snmprec")).sorted().toList();
        }
        System.out.printf(Locale.ROOT, "Standard columns of each recording, %d values per PDU at most; bytes both ways.%n", budget);
        System.out.printf(Locale.ROOT, "%-26s %6s | %-20s | %-20s | %-14s %-14s | %s%n", "recording", "values", "first: PDUs B trips",
                "next: PDUs B trips", "net-snmp r10", "net-snmp r25", "first/peer");
        long first = 0;
        long next = 0;
        long peer = 0;
        int above = 0;
        int printers = 0;
        int mostTrips = 0;
        for (Path file : files) {
            Snapshot device;
            try (Reader in = Files.newBufferedReader(file)) {
                device = SnmprecFormat.readLenient(in, file.toString(), skipped -> { });
            }
            long values = ColumnReaderTest.COLUMNS.stream().mapToLong(c -> device.subtree(c).size()).sum();
            if (values < PRINTER_VALUES) {
                continue;
            }
            TableShapes shapes = new TableShapes(1);
            Cost firstCost = read(device, shapes, budget);
            Cost nextCost = read(device, shapes, budget);
            Cost r10 = netSnmp(device, 10);
            Cost r25 = netSnmp(device, 25);
            long best = Math.min(r10.bytes(), r25.bytes());
            printers++;
            first += firstCost.bytes();
            next += nextCost.bytes();
            peer += best;
            above += firstCost.bytes() > best ? 1 : 0;
            mostTrips = Math.max(mostTrips, firstCost.rounds());
            String name = file.getFileName().toString().replace(".snmprec", "");
            System.out.printf(Locale.ROOT, "%-26s %6d | %4d %7d %3d      | %4d %7d %3d      | %4d %7d   %4d %7d   | %.2f%n", name, values,
                    firstCost.pdus(), firstCost.bytes(), firstCost.rounds(), nextCost.pdus(), nextCost.bytes(), nextCost.rounds(),
                    r10.pdus(), r10.bytes(), r25.pdus(), r25.bytes(), firstCost.bytes() / (double) best);
        }
        System.out.printf(Locale.ROOT, "%d printers: first %d B, next %d B, net-snmp (better of r10/r25) %d B; first above net-snmp for %d;"
                + " most round trips of a first reading %d%n", printers, first, next, peer, above, mostTrips);
    }

    private static Cost read(Snapshot snapshot, TableShapes shapes, int budget) throws Exception {
        RoundTripDevice device = new RoundTripDevice(snapshot);
        SnmpTarget target = new SnmpTarget(new InetSocketAddress("127.0.0.1", 161), new Credential.Community(SnmpVersion.V2C, "public"),
                Duration.ofSeconds(1), 0, budget, 10);
        List<String> problems = new ArrayList<>();
        CompletableFuture<List<VarBind>> values = new ColumnReader(device, new WalkLimits(100_000, Duration.ofSeconds(5)), 12, shapes)
                .read(target, ColumnReaderTest.COLUMNS, 2, problems::add);
        int rounds = device.rounds();
        values.join();
        if (!problems.isEmpty()) {
            throw new IllegalStateException(problems.toString());
        }
        return new Cost(device.pdus(), device.bytes(), rounds);
    }

    /** snmpbulkwalk: one subtree after the other, one OID per GETBULK of {@code reps}. */
    private static Cost netSnmp(Snapshot snapshot, int reps) {
        RoundTripDevice device = new RoundTripDevice(snapshot);
        SnmpTarget target = new SnmpTarget(new InetSocketAddress("127.0.0.1", 161), new Credential.Community(SnmpVersion.V2C, "public"),
                Duration.ofSeconds(1), 0, reps, reps);
        int rounds = 0;
        for (String subtree : SUBTREES) {
            Oid root = Oid.parse(subtree);
            CompletableFuture<WalkResult> walk = device.walk(target, List.of(root), new WalkLimits(100_000, Duration.ofSeconds(5)))
                    .toCompletableFuture();
            rounds += device.rounds();
            walk.join();
        }
        return new Cost(device.pdus(), device.bytes(), rounds);
    }

}
