package org.printscout.itest.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.printscout.itest.AgentHome;
import org.printscout.itest.FlatNetwork;

/**
 * Discovery of a flat /16: the agent sits directly on {@code 10.213.0.0/16} (a veth pair into a
 * network namespace of the benchmark's own, see {@link FlatNetwork}), so its kernel resolves every
 * address with ARP, as on a site whose agent shares one broadcast domain with a /16. 1 000 simulated
 * printers (the shared recordings, cycled) answer inside the namespace, scattered as on a real site
 * (one every 65 addresses from 10.213.0.1); the other 64 536 addresses answer nothing, not even ARP. The loopback /16 of
 * {@link DiscoveryBenchmark} resolves nothing (loopback needs no ARP), so the two runs tell what
 * the neighbour table and the socket's send buffer cost.
 *
 * <p>The agent is the assembled layout with the shipped settings except a profile with 1 s timeout
 * and 1 retry (as in {@link DiscoveryBenchmark}); printed: printers found and read of 1 000, wall
 * time, the kernel's drop counters over the scan (UDP SndbufErrors: datagrams dropped for want of a
 * neighbour entry; arp_cache table_fulls), and the agent's own account of the probes the kernel
 * refused. Needs root and iproute2, and the built layout:
 *
 * <pre>flock /tmp/printscout-mvn.lock mvn -q -o -pl itest test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.printscout.itest.bench.FlatNetworkBenchmark</pre>
 *
 * Options (system properties): {@code bench.discovery} (extra lines for org.printscout.discovery.cfg,
 * separated by {@code ;}), {@code bench.snmp} (the same for org.printscout.snmp.cfg), {@code bench.heap}
 * (128m), {@code bench.printers} (1000), {@code bench.prefix} (16), {@code bench.spacing} (addresses per printer),
 * {@code bench.liveHosts} (0; addresses that answer ARP and nothing else, from the start of the prefix).
 */
public final class FlatNetworkBenchmark {

    private static final Pattern SUMMARY = Pattern.compile(
            "(?m)^all sites: (\\d+)/(\\d+) addresses done, (\\d+) answered, (\\d+) printers found, (\\d+) read, (\\d+) addresses/s, ([0-9.]+) s$");

    private FlatNetworkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".")).toAbsolutePath();
        System.setProperty("printscout.distribution", System.getProperty("printscout.distribution",
                root.resolve("distribution/agent/target/printscout").toString()));
        Path recordings = Path.of(System.getProperty("printscout.testdata", root.resolve("../shared/testdata").toString()),
                "printers", "snmprec");
        int printers = Integer.getInteger("bench.printers", 1000);
        int prefix = Integer.getInteger("bench.prefix", 16);
        // scattered over the network as on a real site: one printer every 65 addresses of the /16
        int spacing = Integer.getInteger("bench.spacing", (1 << (32 - prefix)) / printers);
        String heap = System.getProperty("bench.heap", "128m");
        String discovery = System.getProperty("bench.discovery", "").replace(';', '\n');
        String snmp = System.getProperty("bench.snmp", "").replace(';', '\n');
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("run as root: the benchmark creates a network namespace and binds port 161");
        }
        String network = "10.213.0.0/" + prefix;
        int liveHosts = Integer.getInteger("bench.liveHosts", 0);
        long last = (10L << 24 | 213L << 16) + (1L << (32 - prefix)) - 2;
        String agentAddress = "10.213." + ((last >> 8) & 255) + "." + (last & 255);
        try (FlatNetwork lan = FlatNetwork.create("psflatbench", agentAddress, prefix, "10.213.0.1", printers, spacing,
                     liveHosts, 161, recordings);
             AgentHome agent = AgentHome.copyOfDistribution()) {
            System.out.printf(Locale.ROOT, "flat network: %s on veth %s-h, namespace %s, %d simulated printers, one every %d addresses "
                    + "from %s to %s, the rest silent%n", network, lan.namespace(), lan.namespace(), printers, spacing,
                    lan.printers().get(0).getAddress().getHostAddress(), lan.printers().get(printers - 1).getAddress().getHostAddress());
            System.out.println("kernel: net.ipv4.neigh.default.gc_thresh3 = " + FlatNetwork.gcThresh3() + "; live hosts (ARP only) "
                    + liveHosts + "; agent " + agentAddress);
            Path etc = agent.path().resolve("etc");
            if (!snmp.isBlank()) {
                Files.writeString(etc.resolve("org.printscout.snmp.cfg"), snmp + "\n");
            }
            if (!discovery.isBlank()) {
                Files.writeString(etc.resolve("org.printscout.discovery.cfg"), discovery + "\n");
            }
            Files.writeString(etc.resolve("org.printscout.snmp.profile-bench.cfg"),
                    "name = bench\nversion = 2c\ncommunity = public\ntimeoutMillis = 1000\nretries = 1\n");
            Files.writeString(etc.resolve("org.printscout.discovery.site-bench.cfg"),
                    "name = bench\nranges = " + network + "\nport = 161\nprofile = bench\n");
            Files.writeString(etc.resolve("org.printscout.scheduler.cfg"), "meterScanEnabled = false\nstatusIntervalMinutes = 0\n");
            agent.environment("PRINTSCOUT_HEAP", heap);
            agent.start();
            awaitSite(agent);
            FlatNetwork.KernelDrops before = FlatNetwork.kernelDrops();
            long start = System.nanoTime();
            AgentHome.Run run = longExec(agent, "scout:scan");
            double wall = (System.nanoTime() - start) / 1e9;
            FlatNetwork.KernelDrops drops = FlatNetwork.kernelDrops().minus(before);
            Matcher m = SUMMARY.matcher(run.out());
            if (run.status() != 0 || !m.find()) {
                throw new IllegalStateException("scout:scan failed: " + run.describe());
            }
            System.out.println();
            System.out.println("agent (bin/printscout exec 'scout:scan'), progress as it printed it:");
            run.out().lines().filter(l -> l.matches("^(all sites|bench): \\d+/.*")).forEach(l -> System.out.println("  " + l));
            run.out().lines().filter(l -> l.startsWith("problem: ")).limit(10).forEach(l -> System.out.println("  " + l));
            System.out.printf(Locale.ROOT, "  problems: %d%n", run.out().lines().filter(l -> l.startsWith("problem: ")).count());
            String status = agent.exec("scout:status").out();
            status.lines().filter(l -> l.contains("kernel") || l.contains("flat") || l.contains("refused") || l.contains("last scan"))
                    .forEach(l -> System.out.println("  status: " + l.strip()));
            System.out.printf(Locale.ROOT, "  kernel over the scan: %s%n", drops);
            System.out.printf(Locale.ROOT, "  settings: org.printscout.discovery [%s], org.printscout.snmp [%s], v2c, timeout 1 s, 1 retry%n",
                    discovery.isBlank() ? "shipped" : discovery.replace('\n', ';'), snmp.isBlank() ? "shipped" : snmp.replace('\n', ';'));
            System.out.println();
            System.out.printf(Locale.ROOT, "flat %s: %s/%d printers found, %s read, %s addresses done, wall %.1f s (scan %s s in the agent)%n",
                    network, m.group(4), printers, m.group(5), m.group(1), wall, m.group(7));
        }
    }

    /** {@link AgentHome#exec} waits 120 s at most; a scan slowed down by the kernel may take longer. */
    private static AgentHome.Run longExec(AgentHome agent, String command) throws Exception {
        Path out = Files.createTempFile("flat-scan", ".out");
        Path err = Files.createTempFile("flat-scan", ".err");
        Process p = new ProcessBuilder(agent.path().resolve("bin/printscout").toString(), "exec", command)
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in 60 min");
        }
        AgentHome.Run run = new AgentHome.Run(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    private static void awaitSite(AgentHome agent) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (agent.exec("scout:status").out().contains("sites: bench")) {
                return;
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("the site 'bench' was not configured in 30 s");
    }
}
