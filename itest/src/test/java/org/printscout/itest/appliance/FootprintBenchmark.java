package org.printscout.itest.appliance;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.printscout.itest.AgentHome;
import org.printscout.simulator.Recording;
import org.printscout.simulator.Simulator;

/**
 * The box's footprint, a program that prints figures (not a test): the appliance layout started the way
 * its unit starts it ({@code bin/printscout service}, foreground), once with the launcher's default JVM
 * flags and once with the small-board flags of docs/appliance.md, each measuring
 * <ul>
 * <li>start to first scan: from spawning the process to the end of a {@code scout:scan} of one simulated
 * printer, started as soon as {@code /health} answers (the time includes the exec client's own JVM);</li>
 * <li>resident memory (VmRSS, and the peak VmHWM) idle after start, and with 1 000 known devices: a
 * discovery of a fleet of simulated printers (the shared recordings, cycled, each repeat its own
 * serial and MAC) on loopback, then 10 s to settle.</li>
 * </ul>
 * The simulator runs in this JVM, so the figures are the agent's alone. Run (the built layouts):
 *
 * <pre>flock /tmp/printscout-mvn.lock mvn -q -o -pl itest test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.printscout.itest.appliance.FootprintBenchmark</pre>
 *
 * Options: {@code bench.addresses} (fleet addresses, 1100: a few recordings are not printers), {@code bench.heap},
 * {@code bench.javaOpts}, {@code bench.mallocArenas} (to try other small-board settings), {@code bench.default=false} (skip the
 * default flags).
 */
public final class FootprintBenchmark {

    /** The small-board settings, as an administrator writes them into /etc/printscout/printscout.env. */
    static final Map<String, String> SMALL_BOARD = Map.of(
            "PRINTSCOUT_HEAP", System.getProperty("bench.heap", "64m"),
            "JAVA_OPTS", System.getProperty("bench.javaOpts",
                    "-Xms16m -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=16m -XX:MaxDirectMemorySize=16m -Xss512k"),
            "MALLOC_ARENA_MAX", System.getProperty("bench.mallocArenas", "2"));

    private static final String NET = "127.74.";
    private static final Pattern RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");
    private static final Pattern HWM = Pattern.compile("(?m)^VmHWM:\\s+(\\d+) kB");

    private FootprintBenchmark() {
    }

    record Figures(String flags, double startToFirstScanSeconds, double readySeconds, long idleRssKb, int known, double fleetScanSeconds,
                   long rssKb, long peakRssKb) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".")).toAbsolutePath();
        Path layout = Path.of(System.getProperty("printscout.appliance.distribution",
                root.resolve("distribution/appliance/target/printscout-appliance").toString()));
        Path recordings = Path.of(System.getProperty("printscout.testdata", root.resolve("../shared/testdata").toString()), "printers", "snmprec");
        int addresses = Integer.getInteger("bench.addresses", 1100);
        int port;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            port = probe.getLocalPort();
        }
        List<InetSocketAddress> fleetAddresses = new ArrayList<>();
        for (int i = 0; i < addresses; i++) {
            fleetAddresses.add(new InetSocketAddress(InetAddress.getByName(NET + (1 + i / 250) + "." + (1 + i % 250)), port));
        }
        List<Recording> all = Recording.loadAll(List.of(recordings));
        try (Simulator single = Simulator.builder().community("public")
                .device(new InetSocketAddress(NET + "0.1", port), Recording.load(recordings.resolve("jetdirect_m130nw.snmprec"))).start();
             Simulator fleet = Simulator.builder().community("public").fleet(all, fleetAddresses).start()) {
            System.out.printf(Locale.ROOT, "simulator: 1 printer on %s0.1 and a fleet of %d on %s1.1-%s, port %d, in the benchmark's JVM%n",
                    NET, addresses, NET, fleetAddresses.get(addresses - 1).getAddress().getHostAddress(), port);
            List<Figures> figures = new ArrayList<>();
            if (!"false".equals(System.getProperty("bench.default"))) {
                figures.add(run(layout, "default (bin/printscout: -Xmx256m, SerialGC, C1 only)", Map.of(), port, fleetAddresses));
            }
            figures.add(run(layout, "small board (printscout.env below)", SMALL_BOARD, port, fleetAddresses));
            System.out.println();
            System.out.printf(Locale.ROOT, "%-52s %10s %8s %10s %7s %9s %10s %10s%n", "flags", "1st scan s", "ready s", "idle RSS", "known",
                    "fleet s", "RSS", "peak RSS");
            for (Figures f : figures) {
                System.out.printf(Locale.ROOT, "%-52s %10.2f %8.2f %7d MB %7d %9.1f %7d MB %7d MB%n", f.flags(), f.startToFirstScanSeconds(),
                        f.readySeconds(), f.idleRssKb() / 1024, f.known(), f.fleetScanSeconds(), f.rssKb() / 1024, f.peakRssKb() / 1024);
            }
            System.out.println();
            System.out.println("small-board settings: " + new LinkedHashMap<>(SMALL_BOARD));
            Figures small = figures.get(figures.size() - 1);
            System.out.printf(Locale.ROOT, "goals (small board): start to first scan under 3 s: %s (%.2f s); RSS under 96 MB with 1 000 known devices: %s "
                    + "(%d MB, %d known)%n", small.startToFirstScanSeconds() < 3 ? "met" : "NOT met", small.startToFirstScanSeconds(),
                    small.rssKb() < 96 * 1024 && small.known() >= 1000 ? "met" : "NOT met", small.rssKb() / 1024, small.known());
        }
    }

    private static Figures run(Path layout, String flags, Map<String, String> environment, int port, List<InetSocketAddress> fleet) throws Exception {
        AgentHome home = AgentHome.copyOf(layout);
        try {
            int web;
            try (ServerSocket s = new ServerSocket(0)) {
                web = s.getLocalPort();
            }
            Path etc = home.path().resolve("etc");
            Path http = etc.resolve("org.apache.felix.http.cfg");
            Files.writeString(http, Files.readString(http).replace("23998", Integer.toString(web)).replace("0.0.0.0", "127.0.0.1"));
            Files.writeString(etc.resolve("org.printscout.responder.cfg"), "enabled = false\n");
            Files.writeString(etc.resolve("org.printscout.snmp.profile-bench.cfg"),
                    "name = default\nversion = 2c\ncommunity = public\ntimeoutMillis = 1000\nretries = 1\n");
            ProcessBuilder pb = new ProcessBuilder(home.path().resolve("bin/printscout").toString(), "service");
            pb.environment().putAll(environment);
            pb.redirectErrorStream(true).redirectOutput(home.path().resolve("console.txt").toFile());
            environment.forEach(home::environment);
            long t0 = System.nanoTime();
            Process agent = pb.start();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
            while (true) {
                try {
                    if (client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web + "/health")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                        break;
                    }
                } catch (java.io.IOException e) {
                    // not listening yet
                }
                if (!agent.isAlive() || System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(60)) {
                    throw new IllegalStateException("the agent did not answer: " + Files.readString(home.path().resolve("console.txt")));
                }
                Thread.sleep(20);
            }
            double ready = (System.nanoTime() - t0) / 1e9;
            String scan = home.ok("scout:scan " + NET + "0.1 --port " + port);
            double first = (System.nanoTime() - t0) / 1e9;
            if (!home.ok("scout:devices").startsWith("1 device")) {
                throw new IllegalStateException("the first scan found nothing: " + scan);
            }
            Thread.sleep(5000);
            long idle = kb(RSS, agent.pid());
            long s0 = System.nanoTime();
            String range = NET + "1.1-" + fleet.get(fleet.size() - 1).getAddress().getHostAddress();
            String fleetScan = home.ok("scout:scan " + range + " --port " + port);
            double fleetSeconds = (System.nanoTime() - s0) / 1e9;
            Matcher count = Pattern.compile("^(\\d+) devices").matcher(home.ok("scout:devices"));
            int known = count.find() ? Integer.parseInt(count.group(1)) : -1;
            System.out.printf(Locale.ROOT, "%s: ready %.2f s, first scan done %.2f s; fleet scan %.1f s: %s%n", flags, ready, first, fleetSeconds,
                    fleetScan.lines().reduce((a, b) -> b).orElse(""));
            Thread.sleep(10_000);
            long rss = kb(RSS, agent.pid());
            long peak = kb(HWM, agent.pid());
            agent.destroy();
            agent.waitFor(40, TimeUnit.SECONDS);
            return new Figures(flags, first, ready, idle, known, fleetSeconds, rss, peak);
        } finally {
            AgentHome.Run stop = home.printscout("stop");
            Machine.deleteTree(home.path());
            if (stop.status() != 0) {
                System.out.println("stop: " + stop.describe());
            }
        }
    }

    private static long kb(Pattern field, long pid) throws Exception {
        Matcher m = field.matcher(Files.readString(Path.of("/proc/" + pid + "/status")));
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " for pid " + pid);
        }
        return Long.parseLong(m.group(1));
    }
}
