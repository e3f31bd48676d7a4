package org.printscout.itest.bench;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.printscout.itest.AgentHome;
import org.printscout.simulator.Faults;
import org.printscout.simulator.Recording;
import org.printscout.simulator.Simulator;
import org.printscout.simulator.TrafficStatistics;

/**
 * One full reading of a recorded printer served by the simulator on loopback, by the agent
 * ({@code scout:read}) and by net-snmp ({@code snmpbulkwalk} of the subtrees the standard mapper
 * reads), measured in the same run: PDUs sent, bytes on the wire (both directions, as the device
 * counts them) and wall time. The simulator adds a fixed latency per answer.
 *
 * <p>The agent reads each printer twice: "first" knows nothing of the device (the JVM was warmed up
 * on another address), "next" is what every later reading of a known device costs (the collector sizes
 * its GETBULKs to the tables the previous reading found). "wall/20" is wall time over the latency, an
 * upper bound on the sequential round trips that includes the agent's processing; "round trips"
 * counts them: the same reading of a copy of the printer served 100 ms slower per answer takes
 * (slow - fast) / 100 ms longer per sequential round trip.
 *
 * <pre>mvn -q -o -pl itest test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.printscout.itest.bench.ReadingBenchmark [-Dbench.recordings=all] [-Dbench.trace=true]</pre>
 *
 * (after {@code mvn install -DskipTests}; needs Debian's snmp package for snmpbulkwalk).
 */
public final class ReadingBenchmark {

    private static final Duration LATENCY = Duration.ofMillis(20);
    /**
     * A second simulator serves the same recordings 100 ms slower: the agent's round trips are the
     * difference of its reading times over the difference of latencies, so the agent's own processing
     * time (mappers, Gogo) drops out of the count.
     */
    private static final Duration SLOW_LATENCY = Duration.ofMillis(120);
    private static final List<String> RECORDINGS = List.of("jetdirect_m130nw", "konica", "sharp", "brother", "ricoh_mpc3002",
            "jetdirect_m880");
    /** What an administrator would walk with net-snmp to see the same data as the standard mapper. */
    private static final List<String> SUBTREES = List.of("1.3.6.1.2.1.1", "1.3.6.1.2.1.2.2", "1.3.6.1.2.1.25.3",
            "1.3.6.1.2.1.43", "1.3.6.1.4.1.2699.1.3");
    private static final Pattern READ_MILLIS = Pattern.compile("read in (\\d+) ms");

    private ReadingBenchmark() {
    }

    /** One tool's cost for one reading. */
    record Cost(String tool, long pdus, long bytes, long wallMillis, double roundTrips) {

        Cost withRoundTrips(double measured) {
            return new Cost(tool, pdus, bytes, wallMillis, measured);
        }
    }

    /**
     * The benchmark's six printers, or {@code -Dbench.recordings=a,b,c}, or {@code -Dbench.recordings=all}
     * for every shared recording (to see the general case, not only the six).
     */
    private static List<String> recordingNames(Path dir) throws java.io.IOException {
        String chosen = System.getProperty("bench.recordings", "");
        if (chosen.isBlank()) {
            return RECORDINGS;
        }
        if (!chosen.equals("all")) {
            return List.of(chosen.split(","));
        }
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".snmprec"))
                    .map(n -> n.substring(0, n.length() - ".snmprec".length())).sorted().toList();
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("printscout.distribution", System.getProperty("printscout.distribution",
                Path.of("distribution/agent/target/printscout").toAbsolutePath().toString()));
        Path dir = Path.of(System.getProperty("printscout.testdata", "../shared/testdata"), "printers", "snmprec");
        List<Recording> recordings = new ArrayList<>();
        for (String name : recordingNames(dir)) {
            recordings.add(Recording.load(dir.resolve(name + ".snmprec")));
        }
        Simulator.Builder builder = Simulator.builder().community("public").faults(Faults.NONE.withLatency(LATENCY, Duration.ZERO));
        if (Boolean.getBoolean("bench.trace")) {
            // -Dbench.trace=true: every request a device accepts, to see where PDUs and bytes go
            builder.onRequest(r -> System.out.printf(Locale.ROOT, "  %s %s %d: %s%n", r.device(), r.kind(), r.oids().size(),
                    r.oids()));
        }
        for (Recording r : recordings) {
            builder.device(new InetSocketAddress("127.0.0.1", 0), r);
        }
        // One more copy of the first recording at its own address, read only to warm the agent's JVM up,
        // so the first measured reading of each printer is the first the agent makes of it, but not cold code.
        builder.device(new InetSocketAddress("127.0.0.1", 0), recordings.get(0));
        Simulator.Builder slowBuilder = Simulator.builder().community("public")
                .faults(Faults.NONE.withLatency(SLOW_LATENCY, Duration.ZERO));
        for (Recording r : recordings) {
            slowBuilder.device(new InetSocketAddress("127.0.0.1", 0), r);
        }
        try (Simulator sim = builder.start(); Simulator slow = slowBuilder.start(); AgentHome agent = AgentHome.copyOfDistribution()) {
            agent.start();
            String warmUp = "scout:read 127.0.0.1:" + sim.devices().get(recordings.size()).address().getPort() + " -c public";
            for (int n = 0; n < 3; n++) {
                agent.exec(warmUp);
            }
            System.out.printf(Locale.ROOT, "One full reading per printer; the simulator answers each PDU after %d ms.%n",
                    LATENCY.toMillis());
            System.out.printf(Locale.ROOT, "%-18s %-30s %6s %8s %8s %8s %12s%n", "recording", "tool", "PDUs", "bytes", "wall ms",
                    "wall/" + LATENCY.toMillis(), "round trips");
            for (int i = 0; i < recordings.size(); i++) {
                InetSocketAddress where = sim.devices().get(i).address();
                String host = "127.0.0.1:" + where.getPort();
                List<Cost> costs = new ArrayList<>();
                // The first reading of a device knows nothing of its tables; later ones size their GETBULKs
                // to what the previous reading found (a status scan reads a known device every few minutes).
                Timed read = () -> {
                    AgentHome.Run run = agent.exec("scout:read " + host + " -c public");
                    Matcher m = READ_MILLIS.matcher(run.out());
                    if (run.status() != 0 || !m.find()) {
                        throw new IllegalStateException(run.describe());
                    }
                    return Long.parseLong(m.group(1));
                };
                String slowHost = "127.0.0.1:" + slow.devices().get(i).address().getPort();
                Timed slowRead = () -> {
                    AgentHome.Run run = agent.exec("scout:read " + slowHost + " -c public");
                    Matcher m = READ_MILLIS.matcher(run.out());
                    if (run.status() != 0 || !m.find()) {
                        throw new IllegalStateException(run.describe());
                    }
                    return Long.parseLong(m.group(1));
                };
                Cost first = measure(sim, i, "PrintScout scout:read, first", read);
                Cost next = measure(sim, i, "PrintScout scout:read, next", read);
                long slowFirst = slowRead.run();
                long slowNext = slowRead.run();
                double latencyStep = SLOW_LATENCY.toMillis() - LATENCY.toMillis();
                costs.add(first.withRoundTrips((slowFirst - first.wallMillis()) / latencyStep));
                costs.add(next.withRoundTrips((slowNext - next.wallMillis()) / latencyStep));
                for (int reps : new int[] {10, 25}) {
                    costs.add(measure(sim, i, "net-snmp snmpbulkwalk -Cr" + reps, () -> {
                        long start = System.nanoTime();
                        for (String subtree : SUBTREES) {
                            run(List.of("snmpbulkwalk", "-v2c", "-c", "public", "-On", "-Cr" + reps, "-t", "2", "-r", "1",
                                    host, subtree));
                        }
                        return (System.nanoTime() - start) / 1_000_000;
                    }));
                }
                for (Cost c : costs) {
                    System.out.printf(Locale.ROOT, "%-18s %-30s %6d %8d %8d %8.1f %12s%n", recordings.get(i).name(), c.tool(),
                            c.pdus(), c.bytes(), c.wallMillis(), (double) c.wallMillis() / LATENCY.toMillis(),
                            Double.isNaN(c.roundTrips()) ? "-" : String.format(Locale.ROOT, "%.1f", c.roundTrips()));
                }
            }
        }
    }

    interface Timed {
        long run() throws Exception;
    }

    private static Cost measure(Simulator sim, int device, String tool, Timed body) throws Exception {
        TrafficStatistics before = sim.devices().get(device).statistics();
        long wall = body.run();
        TrafficStatistics after = sim.devices().get(device).statistics();
        return new Cost(tool, after.packetsIn() - before.packetsIn(),
                after.bytesIn() - before.bytesIn() + after.bytesOut() - before.bytesOut(), wall, Double.NaN);
    }

    private static void run(List<String> command) throws Exception {
        Path out = Files.createTempFile("bench", ".out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(out));
        }
        Files.delete(out);
    }
}
