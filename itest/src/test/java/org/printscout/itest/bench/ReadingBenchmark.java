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
 * counts them) and wall time. The simulator adds a fixed latency per answer, so wall time divided by
 * it counts the sequential round trips.
 *
 * <pre>mvn -q -o -pl itest test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.printscout.itest.bench.ReadingBenchmark</pre>
 *
 * (after {@code mvn install -DskipTests}; needs Debian's snmp package for snmpbulkwalk).
 */
public final class ReadingBenchmark {

    private static final Duration LATENCY = Duration.ofMillis(20);
    private static final List<String> RECORDINGS = List.of("jetdirect_m130nw", "konica", "sharp", "brother", "ricoh_mpc3002",
            "jetdirect_m880");
    /** What an administrator would walk with net-snmp to see the same data as the standard mapper. */
    private static final List<String> SUBTREES = List.of("1.3.6.1.2.1.1", "1.3.6.1.2.1.2.2", "1.3.6.1.2.1.25.3",
            "1.3.6.1.2.1.43", "1.3.6.1.4.1.2699.1.3");
    private static final Pattern READ_MILLIS = Pattern.compile("read in (\\d+) ms");

    private ReadingBenchmark() {
    }

    /** One tool's cost for one reading. */
    record Cost(String tool, long pdus, long bytes, long wallMillis) {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("printscout.distribution", System.getProperty("printscout.distribution",
                Path.of("distribution/agent/target/printscout").toAbsolutePath().toString()));
        Path dir = Path.of(System.getProperty("printscout.testdata", "../shared/testdata"), "printers", "snmprec");
        List<Recording> recordings = new ArrayList<>();
        for (String name : RECORDINGS) {
            recordings.add(Recording.load(dir.resolve(name + ".snmprec")));
        }
        Simulator.Builder builder = Simulator.builder().community("public").faults(Faults.NONE.withLatency(LATENCY, Duration.ZERO));
        for (Recording r : recordings) {
            builder.device(new InetSocketAddress("127.0.0.1", 0), r);
        }
        try (Simulator sim = builder.start(); AgentHome agent = AgentHome.copyOfDistribution()) {
            agent.start();
            System.out.printf(Locale.ROOT, "One full reading per printer; the simulator answers each PDU after %d ms.%n",
                    LATENCY.toMillis());
            System.out.printf(Locale.ROOT, "%-18s %-30s %6s %8s %8s %12s%n", "recording", "tool", "PDUs", "bytes", "wall ms",
                    "round trips");
            for (int i = 0; i < recordings.size(); i++) {
                InetSocketAddress where = sim.devices().get(i).address();
                String host = "127.0.0.1:" + where.getPort();
                agent.exec("scout:read " + host + " -c public");
                List<Cost> costs = new ArrayList<>();
                costs.add(measure(sim, i, "PrintScout scout:read", () -> {
                    AgentHome.Run run = agent.exec("scout:read " + host + " -c public");
                    Matcher m = READ_MILLIS.matcher(run.out());
                    if (run.status() != 0 || !m.find()) {
                        throw new IllegalStateException(run.describe());
                    }
                    return Long.parseLong(m.group(1));
                }));
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
                    System.out.printf(Locale.ROOT, "%-18s %-30s %6d %8d %8d %12.1f%n", recordings.get(i).name(), c.tool(),
                            c.pdus(), c.bytes(), c.wallMillis(), (double) c.wallMillis() / LATENCY.toMillis());
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
                after.bytesIn() - before.bytesIn() + after.bytesOut() - before.bytesOut(), wall);
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
