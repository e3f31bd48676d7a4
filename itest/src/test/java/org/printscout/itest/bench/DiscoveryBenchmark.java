package org.printscout.itest.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.printscout.itest.AgentHome;
import org.printscout.simulator.DeviceAddresses;

/**
 * A fleet discovery of a whole /16 on loopback, as on a real network: 1 000 simulated printers
 * (the shared recordings, cycled) among 64 536 addresses that are really silent. The agent is the
 * assembled layout with a 128 MB heap, scanning one site {@code 127.77.0.0/16} with 1 s timeout and
 * 1 retry; its wall time, addresses/s, devices read/s, CPU seconds and peak heap are printed.
 * Beside it, in the same run: nmap's snmp-sysdescr script on 1 024 addresses and a net-snmp
 * snmpget loop ({@code xargs -P 64}) on 4 096, each slice holding printers at the /16's density,
 * their /16 time extrapolated linearly (and labelled so).
 *
 * <p>Silence: a loopback address nobody listens on answers at once with ICMP port-unreachable,
 * which a real network's empty addresses do not (and which nmap and net-snmp would take as an
 * answer). The benchmark therefore adds an nftables table {@value #NFT_TABLE} that drops those ICMP
 * messages from 127.77.0.0/16 on lo, and deletes it at the end. Nothing leaves loopback.
 *
 * <p>The simulator runs as its own process, so the CPU and heap figures are the agent's alone.
 * Needs root (nftables; SNMP's port 161, which nmap's SNMP probe and script insist on), Debian's
 * nftables, nmap and snmp packages ({@code .ci/install-peers}) and the built layout:
 *
 * <pre>flock /tmp/printscout-mvn.lock mvn -q -o -pl itest test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.printscout.itest.bench.DiscoveryBenchmark</pre>
 *
 * Options (system properties): {@code bench.port} (161), {@code bench.maxInFlight} (SNMP reader,
 * 4096), {@code bench.maxAddressesInFlight} (discovery, 4096), {@code bench.heap} (128m),
 * {@code bench.peers=false} to skip nmap and net-snmp.
 */
public final class DiscoveryBenchmark {

    static final String NFT_TABLE = "printscout_bench";
    private static final String NETWORK = "127.77.0.0/16";
    private static final InetAddress FIRST_PRINTER = literal("127.77.0.1");
    private static final int PRINTERS = 1000;
    private static final int ADDRESSES = 65536;
    private static final Pattern SUMMARY = Pattern.compile(
            "(?m)^(?:all sites|bench): (\\d+)/(\\d+) addresses done, (\\d+) answered, (\\d+) printers found, (\\d+) read, (\\d+) addresses/s, ([0-9.]+) s$");
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Pattern BASH_TIME = Pattern.compile("(?m)^cpu ([0-9.]+) ([0-9.]+)$");

    private DiscoveryBenchmark() {
    }

    /** One tool's figures; {@code extrapolated} when measured on a slice and scaled to the /16. */
    record Result(String tool, int addresses, int found, double wallSeconds, double sixteenSeconds, boolean extrapolated,
                  double cpuSeconds, String heap) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".")).toAbsolutePath();
        System.setProperty("printscout.distribution", System.getProperty("printscout.distribution",
                root.resolve("distribution/agent/target/printscout").toString()));
        Path recordings = Path.of(System.getProperty("printscout.testdata", root.resolve("../shared/testdata").toString()),
                "printers", "snmprec");
        int port = Integer.getInteger("bench.port", 161);
        int maxInFlight = Integer.getInteger("bench.maxInFlight", 4096);
        int maxAddresses = Integer.getInteger("bench.maxAddressesInFlight", 4096);
        String heap = System.getProperty("bench.heap", "128m");
        boolean peers = !"false".equals(System.getProperty("bench.peers"));
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("run as root: the benchmark adds an nftables table and binds port " + port);
        }
        Path work = Files.createTempDirectory("printscout-bench");
        List<Result> results = new ArrayList<>();
        Process simulator = null;
        boolean refusedBefore = portUnreachable(literal("127.77.250.1"), port);
        nft("add table inet " + NFT_TABLE + "\n"
                + "add chain inet " + NFT_TABLE + " out { type filter hook output priority 0; policy accept; }\n"
                + "add rule inet " + NFT_TABLE + " out oifname \"lo\" ip saddr " + NETWORK
                + " icmp type destination-unreachable drop\n");
        Runtime.getRuntime().addShutdownHook(new Thread(DiscoveryBenchmark::dropTable));
        try {
            System.out.printf(Locale.ROOT, "silence: an empty address answered ICMP port-unreachable before the %s table: %s; after: %s%n",
                    NFT_TABLE, refusedBefore ? "yes" : "no", portUnreachable(literal("127.77.250.1"), port) ? "yes (NOT SILENT)" : "no");
            simulator = startSimulator(root, recordings, port, work);
            System.out.printf(Locale.ROOT, "simulator: %d printers on 127.77.0.1-%s port %d, own process (pid %d)%n", PRINTERS,
                    printers(port).get(PRINTERS - 1).getAddress().getHostAddress(), port, simulator.pid());
            results.add(agentScan(port, maxInFlight, maxAddresses, heap, simulator.pid()));
            if (peers) {
                results.add(nmap(port, work));
                results.add(snmpgetLoop(port, work));
            }
        } finally {
            if (simulator != null) {
                simulator.destroy();
                simulator.waitFor(10, TimeUnit.SECONDS);
            }
            dropTable();
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-44s %9s %8s %9s %10s %12s %8s %s%n", "tool", "addresses", "printers", "wall s",
                "/16 s", "addresses/s", "CPU s", "heap");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-44s %9d %8d %9.1f %10s %12.0f %8.1f %s%n", r.tool(), r.addresses(), r.found(),
                    r.wallSeconds(), String.format(Locale.ROOT, "%.0f%s", r.sixteenSeconds(), r.extrapolated() ? " (extrap.)" : ""),
                    r.addresses() / r.wallSeconds(), r.cpuSeconds(), r.heap());
        }
        Result agent = results.get(0);
        System.out.println();
        System.out.printf(Locale.ROOT, "goal: /16 with %d readings in under 60 s: %s (%.1f s, %d read)%n", PRINTERS,
                agent.wallSeconds() < 60 && agent.found() == PRINTERS ? "met" : "MISSED", agent.wallSeconds(), agent.found());
        for (Result peer : results.subList(1, results.size())) {
            System.out.printf(Locale.ROOT, "goal: faster than %s: %s (%.0f s against %.0f s, extrapolated)%n", peer.tool(),
                    agent.sixteenSeconds() < peer.sixteenSeconds() ? "met" : "MISSED", agent.sixteenSeconds(), peer.sixteenSeconds());
        }
    }

    /** The assembled agent: one site with the whole /16, discovery and meter reading by scout:scan. */
    private static Result agentScan(int port, int maxInFlight, int maxAddresses, String heap, long simulatorPid) throws Exception {
        try (AgentHome agent = AgentHome.copyOfDistribution()) {
            Path etc = agent.path().resolve("etc");
            Path gcLog = agent.path().resolve("data/log/gc.log");
            Files.writeString(etc.resolve("org.printscout.snmp.cfg"), "maxInFlight = " + maxInFlight + "\n");
            Files.writeString(etc.resolve("org.printscout.discovery.cfg"), "maxAddressesInFlight = " + maxAddresses + "\n");
            Files.writeString(etc.resolve("org.printscout.snmp.profile-bench.cfg"),
                    "name = bench\nversion = 2c\ncommunity = public\ntimeoutMillis = 1000\nretries = 1\n");
            Files.writeString(etc.resolve("org.printscout.discovery.site-bench.cfg"),
                    "name = bench\nranges = " + NETWORK + "\nport = " + port + "\nprofile = bench\n");
            // nothing but the measured scan: no scheduled meter or status scan
            Files.writeString(etc.resolve("org.printscout.scheduler.cfg"), "meterScanEnabled = false\nstatusIntervalMinutes = 0\n");
            agent.environment("PRINTSCOUT_HEAP", heap).environment("JAVA_OPTS", "-Xlog:gc:file=" + gcLog);
            agent.start();
            long pid = Long.parseLong(Files.readString(agent.path().resolve("data/printscout.pid")).strip());
            awaitSite(agent);
            // warm-up: the code paths of a probe and a reading, on a few addresses
            agent.exec("scout:scan 127.77.0.1-127.77.0.20 127.77.255.1-127.77.255.20 --port " + port + " --profile bench --site warmup");
            long gcLinesBefore = Files.readAllLines(gcLog).size();
            double cpuBefore = cpuSeconds(pid);
            double simCpuBefore = cpuSeconds(simulatorPid);
            long start = System.nanoTime();
            AgentHome.Run run = agent.exec("scout:scan");
            double wall = (System.nanoTime() - start) / 1e9;
            double cpu = cpuSeconds(pid) - cpuBefore;
            double simCpu = cpuSeconds(simulatorPid) - simCpuBefore;
            // the last such line is the summary (site "all sites"), the others are progress
            Matcher m = SUMMARY.matcher(run.out());
            boolean summary = false;
            int from = 0;
            while (m.find(from)) {
                summary = true;
                from = m.end();
            }
            m = SUMMARY.matcher(run.out());
            if (run.status() != 0 || !summary || !m.find(run.out().lastIndexOf('\n', from - 1) + 1)) {
                throw new IllegalStateException("scout:scan failed: " + run.describe());
            }
            long done = Long.parseLong(m.group(1));
            long answered = Long.parseLong(m.group(3));
            long printers = Long.parseLong(m.group(4));
            int read = Integer.parseInt(m.group(5));
            double scanSeconds = Double.parseDouble(m.group(7));
            List<String> gc = Files.readAllLines(gcLog);
            // Serial GC: the occupancy before a collection is the peak since the last one; what a full
            // collection leaves is the live set (a young one leaves old garbage in place)
            int peakBefore = 0, peakAfter = 0, committed = 0, collections = 0, full = 0;
            for (String line : gc.subList((int) gcLinesBefore, gc.size())) {
                Matcher g = GC.matcher(line);
                if (g.find()) {
                    collections++;
                    peakBefore = Math.max(peakBefore, Integer.parseInt(g.group(1)));
                    committed = Math.max(committed, Integer.parseInt(g.group(3)));
                    if (line.contains("Pause Full")) {
                        full++;
                        peakAfter = Math.max(peakAfter, Integer.parseInt(g.group(2)));
                    }
                }
            }
            String console = Files.readString(agent.path().resolve("data/log/console.log"));
            long problems = run.out().lines().filter(l -> l.startsWith("problem: ")).count();
            System.out.println();
            System.out.println("agent (bin/printscout exec 'scout:scan'), progress as it printed it:");
            run.out().lines().filter(l -> SUMMARY.matcher(l).matches()).forEach(l -> System.out.println("  " + l));
            System.out.printf(Locale.ROOT, "  %d problems%s%n", problems, problems == 0 ? ""
                    : ", first: " + run.out().lines().filter(l -> l.startsWith("problem: ")).findFirst().orElse(""));
            System.out.printf(Locale.ROOT, "  wall %.1f s (scan %.1f s inside the agent), %d addresses done, %d answered, %d printers, %d read%n",
                    wall, scanSeconds, done, answered, printers, read);
            System.out.printf(Locale.ROOT, "  %.0f addresses/s, %.1f devices read/s%n", done / scanSeconds, read / scanSeconds);
            System.out.printf(Locale.ROOT, "  agent CPU %.1f s (user+system, /proc/%d/stat); simulator CPU %.1f s (not counted)%n",
                    cpu, pid, simCpu);
            System.out.printf(Locale.ROOT, "  heap (-Xmx%s, -Xlog:gc, %d collections during the scan, %d full): peak used %d MB (before a GC), "
                    + "largest live set %s (after a full GC), committed %d MB%s%n", heap, collections, full, peakBefore,
                    full == 0 ? "- (no full GC)" : peakAfter + " MB", committed,
                    console.contains("OutOfMemoryError") ? "; OutOfMemoryError in console.log" : "");
            System.out.printf(Locale.ROOT, "  settings: org.printscout.snmp maxInFlight=%d, org.printscout.discovery maxAddressesInFlight=%d, "
                    + "v2c, timeout 1 s, 1 retry%n", maxInFlight, maxAddresses);
            return new Result("PrintScout agent scout:scan", (int) done, read, wall, wall, false, cpu,
                    peakBefore + " MB peak, " + peakAfter + " MB live (-Xmx" + heap + ")");
        }
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

    /** nmap's SNMP probe and snmp-sysdescr script, as an administrator would look for printers. */
    private static Result nmap(int port, Path work) throws Exception {
        List<String> slice = slice(1024, port);
        Path targets = Files.write(work.resolve("nmap-targets.txt"), slice);
        Path out = work.resolve("nmap.out");
        Timed t = timed("nmap -sU -Pn -n -p " + port + " --script snmp-sysdescr -iL " + targets + " > " + out + " 2>&1", work);
        int found = (int) Files.readAllLines(out).stream().filter(l -> l.contains("snmp-sysdescr:")).count();
        System.out.println();
        System.out.printf(Locale.ROOT, "nmap -sU -Pn -n -p %d --script snmp-sysdescr on %d addresses from %s (%d printers in them): "
                + "%.1f s, %d sysDescr read, CPU %.1f s; %s%n", port, slice.size(), slice.get(0), printersIn(slice, port), t.wall(),
                found, t.cpu(), Files.readAllLines(out).stream().filter(l -> l.startsWith("Nmap done")).findFirst().orElse(""));
        return new Result("nmap snmp-sysdescr (1 024-address slice)", slice.size(), found, t.wall(),
                t.wall() * ADDRESSES / slice.size(), true, t.cpu(), "-");
    }

    /** A shell loop of net-snmp's snmpget, 64 at a time. */
    private static Result snmpgetLoop(int port, Path work) throws Exception {
        List<String> slice = slice(4096, port);
        Path targets = Files.write(work.resolve("snmpget-targets.txt"), slice);
        Path out = work.resolve("snmpget.out");
        Timed t = timed("xargs -P 64 -I{} snmpget -v2c -c public -t1 -r1 -On {}:" + port + " 1.3.6.1.2.1.1.1.0 < " + targets
                + " > " + out + " 2>/dev/null", work);
        int found = (int) Files.readAllLines(out).stream().filter(l -> l.startsWith(".1.3.6.1.2.1.1.1.0 = ")).count();
        System.out.println();
        System.out.printf(Locale.ROOT, "xargs -P 64 snmpget -v2c -c public -t1 -r1 on %d addresses from %s (%d printers in them): "
                + "%.1f s, %d sysDescr read, CPU %.1f s%n", slice.size(), slice.get(0), printersIn(slice, port), t.wall(), found, t.cpu());
        return new Result("net-snmp snmpget, xargs -P 64 (4 096-address slice)", slice.size(), found, t.wall(),
                t.wall() * ADDRESSES / slice.size(), true, t.cpu(), "-");
    }

    /**
     * {@code size} consecutive addresses holding printers at the /16's density (1 000 in 65 536): the
     * slice starts at the printer that leaves that many printers before the fleet's end, so a linear
     * extrapolation to the /16 counts printers and silent addresses in their real proportion.
     */
    static List<String> slice(int size, int port) {
        int printers = Math.max(1, Math.round((float) size * PRINTERS / ADDRESSES));
        InetAddress first = printers(port).get(PRINTERS - printers).getAddress();
        long from = toLong(first);
        List<String> out = new ArrayList<>(size);
        for (long a = from; a < from + size; a++) {
            out.add(((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255));
        }
        return out;
    }

    private static long printersIn(List<String> slice, int port) {
        java.util.Set<String> fleet = new java.util.HashSet<>();
        printers(port).forEach(p -> fleet.add(p.getAddress().getHostAddress()));
        return slice.stream().filter(fleet::contains).count();
    }

    private static List<InetSocketAddress> printers(int port) {
        return DeviceAddresses.successiveHosts(FIRST_PRINTER, port, PRINTERS);
    }

    private static long toLong(InetAddress a) {
        return ByteBuffer.wrap(a.getAddress()).getInt() & 0xffffffffL;
    }

    record Timed(double wall, double cpu) {
    }

    /** Runs a shell command line, measuring wall time and the CPU time of every process it started (bash's time). */
    private static Timed timed(String commandLine, Path work) throws Exception {
        Path err = work.resolve("time.err");
        Process p = new ProcessBuilder("bash", "-c", "TIMEFORMAT='cpu %U %S'; time ( " + commandLine + " )")
                .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long start = System.nanoTime();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("did not finish in 30 min: " + commandLine);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        Matcher m = BASH_TIME.matcher(Files.readString(err));
        double cpu = m.find() ? Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2)) : Double.NaN;
        return new Timed(wall, cpu);
    }

    private static Process startSimulator(Path root, Path recordings, int port, Path work) throws Exception {
        Path jar;
        try (Stream<Path> jars = Files.list(root.resolve("bundles/simulator/target"))) {
            jar = jars.filter(j -> j.getFileName().toString().matches("org\\.printscout\\.simulator-.*\\.jar")
                    && !j.getFileName().toString().contains("sources")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build the simulator first (mvn install)"));
        }
        Path log = work.resolve("simulator.out");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar",
                jar.toString(), "--data", recordings.toString(), "--base", FIRST_PRINTER.getHostAddress(), "--count",
                String.valueOf(PRINTERS), "--port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains(PRINTERS + " simulated devices listening")) {
                return p;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("the simulator exited: " + Files.readString(log));
            }
            Thread.sleep(200);
        }
        p.destroy();
        throw new IllegalStateException("the simulator did not start in 60 s: " + Files.readString(log));
    }

    /** User + system CPU seconds of a process so far, from /proc (clock ticks of 1/100 s on Linux). */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields after "(comm)": state is field 3 of proc(5), utime 14 and stime 15
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /**
     * True when a datagram to {@code address} comes back as ICMP port-unreachable, which a connected
     * UDP socket reports as {@link PortUnreachableException}; a silent address lets it time out.
     */
    private static boolean portUnreachable(InetAddress address, int port) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(address, port);
            socket.setSoTimeout(500);
            socket.send(new DatagramPacket(new byte[] {0}, 1));
            try {
                socket.receive(new DatagramPacket(new byte[16], 16));
                return false;
            } catch (PortUnreachableException e) {
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            }
        }
    }

    private static void nft(String script) throws Exception {
        Process p = new ProcessBuilder("nft", "-f", "-").redirectErrorStream(true).start();
        p.getOutputStream().write(script.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("nft failed (is Debian's nftables installed? .ci/install-peers): " + out);
        }
    }

    private static void dropTable() {
        try {
            new ProcessBuilder("nft", "delete", "table", "inet", NFT_TABLE).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException | InterruptedException e) {
            // already gone, or nft missing (then it was never added)
        }
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
