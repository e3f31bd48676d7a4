package org.printscout.itest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.printscout.simulator.DeviceAddresses;

/**
 * A flat IPv4 network of its own for a test: a network namespace (the "LAN") joined to this host's
 * namespace by a veth pair, one prefix (e.g. a /16) on both ends, so every address of it is on-link
 * and the host's kernel resolves each one with ARP, as an agent that sits directly on a large
 * broadcast domain does. Inside the namespace the project's simulator serves {@code printers}
 * devices, one every {@code spacing} addresses from the first host; nothing answers for the rest (no ARP reply,
 * so no ICMP either: they are silent as empty addresses of a real LAN are).
 *
 * <p>The LAN side has a permanent neighbour entry for the agent's address: a printer has a kernel
 * of its own, while here both ends share one host's neighbour table (net.ipv4.neigh.default.gc_thresh3
 * exists only in the initial namespace), and the simulator's answers must not depend on room in the
 * table the agent's probes fill. Permanent entries do not count against gc_thresh3.
 *
 * <p>Needs root and iproute2 ({@code ip}). {@link #close()} (and a shutdown hook, for an interrupted
 * run) stops the simulator and deletes the namespace, which deletes both ends of the veth pair. No
 * packet leaves the pair.
 */
public final class FlatNetwork implements AutoCloseable {

    private final String namespace;
    private final String hostLink;
    private final InetAddress agentAddress;
    private final List<InetSocketAddress> printers;
    private final int spacing;
    private final Thread cleanup;
    private Process simulator;

    private FlatNetwork(String namespace, String hostLink, InetAddress agentAddress, List<InetSocketAddress> printers, int spacing) {
        this.spacing = spacing;
        this.namespace = namespace;
        this.hostLink = hostLink;
        this.agentAddress = agentAddress;
        this.printers = printers;
        this.cleanup = new Thread(this::delete, "flat-network-cleanup-" + namespace);
    }

    /**
     * Creates namespace {@code name} and the veth pair {@code name}-h (this namespace) /
     * {@code name}-l (the LAN), the agent at {@code agent}/{@code prefixLength} on the host side and
     * the printers' addresses on the LAN side, then starts the simulator there on {@code port}.
     */
    public static FlatNetwork create(String name, String agent, int prefixLength, String firstPrinter, int printers, int spacing,
                                     int port, Path recordings) throws Exception {
        return create(name, agent, prefixLength, firstPrinter, printers, spacing, 0, port, recordings);
    }

    /**
     * As {@link #create(String, String, int, String, int, int, int, Path)}, with {@code liveHosts}
     * more addresses on the LAN that answer ARP but run no SNMP agent (the PCs and phones of a
     * site): each costs the agent's kernel a resolved neighbour entry, as on a busy real network.
     * They take the addresses from the start of the prefix that no printer has, as the DHCP pool
     * of a busy floor does.
     */
    public static FlatNetwork create(String name, String agent, int prefixLength, String firstPrinter, int printers, int spacing,
                                     int liveHosts, int port, Path recordings) throws Exception {
        if (name.length() > 13) {
            throw new IllegalArgumentException("interface names are at most 15 characters: " + name + "-h");
        }
        InetAddress agentAddress = InetAddress.getByName(agent);
        List<InetSocketAddress> plan = DeviceAddresses.spacedHosts(InetAddress.getByName(firstPrinter), port, printers, spacing);
        FlatNetwork net = new FlatNetwork(name, name + "-h", agentAddress, plan, spacing);
        // a run killed before its close left these behind
        ip(false, "netns", "del", name);
        Runtime.getRuntime().addShutdownHook(net.cleanup);
        try {
            ip(true, "netns", "add", name);
            ip(true, "link", "add", net.hostLink, "type", "veth", "peer", "name", name + "-l", "netns", name);
            ip(true, "addr", "add", agent + "/" + prefixLength, "dev", net.hostLink);
            ip(true, "link", "set", net.hostLink, "up");
            StringBuilder batch = new StringBuilder();
            batch.append("link set lo up\n");
            java.util.Set<InetAddress> taken = new java.util.HashSet<>();
            for (InetSocketAddress p : plan) {
                taken.add(p.getAddress());
                batch.append("addr add ").append(p.getAddress().getHostAddress()).append('/').append(prefixLength)
                        .append(" dev ").append(name).append("-l\n");
            }
            taken.add(agentAddress);
            byte[] start = InetAddress.getByName(firstPrinter).getAddress();
            long next = ((start[0] & 0xffL) << 24 | (start[1] & 0xffL) << 16 | (start[2] & 0xffL) << 8) & ~((1L << (32 - prefixLength)) - 1);
            for (int added = 0; added < liveHosts; next++) {
                byte[] octets = {(byte) (next >> 24), (byte) (next >> 16), (byte) (next >> 8), (byte) next};
                InetAddress host = InetAddress.getByAddress(octets);
                if ((next & 255) == 0 || (next & 255) == 255 || taken.contains(host)) {
                    continue;
                }
                batch.append("addr add ").append(host.getHostAddress()).append('/').append(prefixLength)
                        .append(" dev ").append(name).append("-l\n");
                added++;
            }
            batch.append("link set ").append(name).append("-l up\n");
            String mac = Files.readString(Path.of("/sys/class/net", net.hostLink, "address")).strip();
            batch.append("neigh replace ").append(agent).append(" lladdr ").append(mac).append(" nud permanent dev ")
                    .append(name).append("-l\n");
            run(true, batch.toString(), "ip", "-n", name, "-batch", "-");
            net.startSimulator(recordings, port);
            return net;
        } catch (Exception | Error e) {
            net.close();
            throw e;
        }
    }

    public InetAddress agentAddress() {
        return agentAddress;
    }

    public List<InetSocketAddress> printers() {
        return printers;
    }

    public String namespace() {
        return namespace;
    }

    public long simulatorPid() {
        return simulator.pid();
    }

    private void startSimulator(Path recordings, int port) throws Exception {
        Path root = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".")).toAbsolutePath();
        Path target = Files.isDirectory(root.resolve("bundles/simulator/target")) ? root.resolve("bundles/simulator/target")
                : root.resolve("../bundles/simulator/target");
        Path jar;
        try (Stream<Path> jars = Files.list(target)) {
            jar = jars.filter(j -> j.getFileName().toString().matches("org\\.printscout\\.simulator-.*\\.jar")
                    && !j.getFileName().toString().contains("sources")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build the simulator first (mvn install)"));
        }
        Path log = Files.createTempFile("flat-simulator", ".out");
        simulator = new ProcessBuilder("ip", "netns", "exec", namespace, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString(), "--data", recordings.toString(), "--base",
                printers.get(0).getAddress().getHostAddress(), "--count", String.valueOf(printers.size()),
                "--spacing", String.valueOf(spacing), "--port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains(printers.size() + " simulated devices listening")) {
                return;
            }
            if (!simulator.isAlive()) {
                throw new IllegalStateException("the simulator exited: " + Files.readString(log));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the simulator did not start in 60 s: " + Files.readString(log));
    }

    /** The kernel's counters that tell datagrams lost before the wire, read in this (the agent's) namespace. */
    public record KernelDrops(long udpSndbufErrors, long neighbourTableFulls, long unresolvedDiscards) {
        public KernelDrops minus(KernelDrops before) {
            return new KernelDrops(udpSndbufErrors - before.udpSndbufErrors, neighbourTableFulls - before.neighbourTableFulls,
                    unresolvedDiscards - before.unresolvedDiscards);
        }

        @Override
        public String toString() {
            return "UDP SndbufErrors " + udpSndbufErrors + ", arp_cache table_fulls " + neighbourTableFulls
                    + ", unresolved_discards " + unresolvedDiscards;
        }
    }

    /** /proc/net/snmp (this namespace) and /proc/net/stat/arp_cache (the one table, per CPU, hexadecimal). */
    public static KernelDrops kernelDrops() throws IOException {
        long sndbuf = 0;
        List<String> snmp = Files.readAllLines(Path.of("/proc/net/snmp"));
        for (int i = 0; i + 1 < snmp.size(); i++) {
            if (snmp.get(i).startsWith("Udp:") && snmp.get(i + 1).startsWith("Udp:")) {
                List<String> names = List.of(snmp.get(i).split("\\s+"));
                sndbuf = Long.parseLong(snmp.get(i + 1).split("\\s+")[names.indexOf("SndbufErrors")]);
                break;
            }
        }
        List<String> arp = Files.readAllLines(Path.of("/proc/net/stat/arp_cache"));
        List<String> columns = List.of(arp.get(0).trim().split("\\s+"));
        long fulls = 0, discards = 0;
        for (String line : arp.subList(1, arp.size())) {
            String[] v = line.trim().split("\\s+");
            fulls += Long.parseLong(v[columns.indexOf("table_fulls")], 16);
            discards += Long.parseLong(v[columns.indexOf("unresolved_discards")], 16);
        }
        return new KernelDrops(sndbuf, fulls, discards);
    }

    /** net.ipv4.neigh.default.gc_thresh3: the most neighbour entries the kernel keeps (all namespaces together). */
    public static int gcThresh3() throws IOException {
        // one read from the start: a sysctl file answers a read at a later offset with end of file
        try (java.io.InputStream in = Files.newInputStream(Path.of("/proc/sys/net/ipv4/neigh/default/gc_thresh3"))) {
            return Integer.parseInt(new String(in.readNBytes(64), StandardCharsets.US_ASCII).strip());
        }
    }

    @Override
    public void close() {
        delete();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran) anyway
        }
    }

    private synchronized void delete() {
        if (simulator != null) {
            simulator.destroy();
            try {
                if (!simulator.waitFor(10, TimeUnit.SECONDS)) {
                    simulator.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            simulator = null;
        }
        try {
            ip(false, "netns", "del", namespace);
        } catch (Exception e) {
            // nothing more to do: a failed delete leaves a namespace that the next create removes
        }
    }

    private static void ip(boolean check, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("ip");
        command.addAll(List.of(args));
        run(check, null, command.toArray(String[]::new));
    }

    private static void run(boolean check, String input, String... command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0] + " (iproute2 missing? .ci/install-peers): " + e.getMessage(), e);
        }
        if (input != null) {
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 60 s");
        }
        if (check && p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + out.strip());
        }
    }
}
