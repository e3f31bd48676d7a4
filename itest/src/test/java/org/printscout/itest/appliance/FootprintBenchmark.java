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
 * flags and once with the small-board settings the package ships in {@code etc/printscout.env} (the unit's
 * EnvironmentFile), each measuring
 * <ul>
 * <li>start to first scan: from spawning the process to the end of a {@code scout:scan} of one simulated
 * printer, started as soon as {@code /health} answers (the time includes the exec client's own JVM);</li>
 * <li>resident memory (VmRSS, and the peak VmHWM) idle after start, and with 1 000 known devices: a
 * discovery of a fleet of simulated printers (the shared recordings, cycled, each repeat its own
 * serial and MAC) on loopback, then 10 s to settle;</li>
 * <li>the same after a restart of that agent (the box's every later boot): its bundle cache, the inventory of
 * the 1 003 devices and, with {@code PRINTSCOUT_CDS=on}, the class-data archive its first run wrote at exit;
 * the devices it knows after the restart must be the ones it knew before.</li>
 * </ul>
 * The simulator runs in this JVM, so the figures are the agent's alone. Run (the built layouts):
 *
 * <pre>flock /tmp/printscout-mvn.lock mvn -q -o -pl itest test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.printscout.itest.appliance.FootprintBenchmark</pre>
 *
 * Options: {@code bench.runs} (runs of each setting, 3; the table shows medians), {@code bench.addresses} (fleet
 * addresses, 1100: a few recordings are not printers), {@code bench.heap}, {@code bench.javaOpts},
 * {@code bench.mallocArenas}, {@code bench.cds} (to try other small-board settings than the shipped ones),
 * {@code bench.default=false} (skip the default flags), {@code bench.report=true} (after the restart, a status scan of the known
 * devices spooled as a report, as an activated box does, with its memory), {@code bench.diagnose=true} (NMT, heap, threads and a class
 * histogram with 1 003 devices; add -XX:NativeMemoryTracking=summary to bench.javaOpts).
 */
public final class FootprintBenchmark {

    /** Until a layout ships its settings in etc/printscout.env: the ones docs/appliance.md used to suggest. */
    static final Map<String, String> FORMER_SMALL_BOARD = Map.of("PRINTSCOUT_HEAP", "64m",
            "JAVA_OPTS", "-Xms16m -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=16m -XX:MaxDirectMemorySize=16m -Xss512k",
            "MALLOC_ARENA_MAX", "2");

    private static final String NET = "127.74.";
    private static final Pattern RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");
    private static final Pattern HWM = Pattern.compile("(?m)^VmHWM:\\s+(\\d+) kB");

    private FootprintBenchmark() {
    }

    record Figures(double startToFirstScanSeconds, double readySeconds, long idleRssKb, int known, double fleetScanSeconds,
                   long rssKb, long peakRssKb, double restartFirstScanSeconds, double restartReadySeconds, int restartKnown, long restartIdleRssKb,
                   long restartRssKb, String load) {
    }

    /** The small-board settings: the layout's etc/printscout.env (KEY=value lines, as systemd reads them), bench.* overriding. */
    static Map<String, String> smallBoard(Path layout) throws java.io.IOException {
        Map<String, String> env = new LinkedHashMap<>();
        Path file = layout.resolve("etc/printscout.env");
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                String l = line.strip();
                int eq = l.indexOf('=');
                if (!l.isEmpty() && !l.startsWith("#") && eq > 0) {
                    env.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip().replaceAll("^\"(.*)\"$", "$1"));
                }
            }
        }
        if (env.isEmpty()) {
            env.putAll(FORMER_SMALL_BOARD);
        }
        Map<String, String> overrides = Map.of("bench.heap", "PRINTSCOUT_HEAP", "bench.javaOpts", "JAVA_OPTS", "bench.mallocArenas",
                "MALLOC_ARENA_MAX", "bench.cds", "PRINTSCOUT_CDS");
        overrides.forEach((property, variable) -> {
            String value = System.getProperty(property);
            if (value != null) {
                env.put(variable, value);
            }
        });
        return env;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".")).toAbsolutePath();
        Path layout = Path.of(System.getProperty("printscout.appliance.distribution",
                root.resolve("distribution/appliance/target/printscout-appliance").toString()));
        Path recordings = Path.of(System.getProperty("printscout.testdata", root.resolve("../shared/testdata").toString()), "printers", "snmprec");
        int addresses = Integer.getInteger("bench.addresses", 1100);
        int runs = Integer.getInteger("bench.runs", 3);
        int port;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            port = probe.getLocalPort();
        }
        List<InetSocketAddress> fleetAddresses = new ArrayList<>();
        for (int i = 0; i < addresses; i++) {
            fleetAddresses.add(new InetSocketAddress(InetAddress.getByName(NET + (1 + i / 250) + "." + (1 + i % 250)), port));
        }
        Map<String, String> small = smallBoard(layout);
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        if (!"false".equals(System.getProperty("bench.default"))) {
            settings.put("default (bin/printscout: -Xmx256m, SerialGC, C1)", Map.of());
        }
        settings.put("small board (printscout.env below)", small);
        List<Recording> all = Recording.loadAll(List.of(recordings));
        try (Simulator single = Simulator.builder().community("public")
                .device(new InetSocketAddress(NET + "0.1", port), Recording.load(recordings.resolve("jetdirect_m130nw.snmprec"))).start();
             Simulator fleet = Simulator.builder().community("public").fleet(all, fleetAddresses).start()) {
            System.out.printf(Locale.ROOT, "simulator: 1 printer on %s0.1 and a fleet of %d on %s1.1-%s, port %d, in the benchmark's JVM%n",
                    NET, addresses, NET, fleetAddresses.get(addresses - 1).getAddress().getHostAddress(), port);
            Map<String, List<Figures>> figures = new LinkedHashMap<>();
            settings.keySet().forEach(k -> figures.put(k, new ArrayList<>()));
            // the settings alternate, so a load that comes and goes on the machine touches both
            for (int r = 0; r < runs; r++) {
                for (Map.Entry<String, Map<String, String>> e : settings.entrySet()) {
                    Figures f = run(layout, e.getKey(), e.getValue(), port, fleetAddresses);
                    figures.get(e.getKey()).add(f);
                }
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "medians of %d runs each%n", runs);
            System.out.printf(Locale.ROOT, "%-50s %10s %7s %8s %6s %7s %8s %8s | %11s %7s %6s %8s %8s%n", "flags", "1st scan s", "ready s",
                    "idle RSS", "known", "fleet s", "RSS", "peak RSS", "restart:1st", "ready", "known", "idle RSS", "RSS");
            for (Map.Entry<String, List<Figures>> e : figures.entrySet()) {
                List<Figures> l = e.getValue();
                System.out.printf(Locale.ROOT, "%-50s %10.2f %7.2f %5d MB %6d %7.1f %5d MB %5d MB | %11.2f %7.2f %6d %5d MB %5d MB%n", e.getKey(),
                        median(l, Figures::startToFirstScanSeconds), median(l, Figures::readySeconds), (long) median(l, f -> f.idleRssKb()) / 1024,
                        (int) median(l, f -> f.known()), median(l, Figures::fleetScanSeconds), (long) median(l, f -> f.rssKb()) / 1024,
                        (long) median(l, f -> f.peakRssKb()) / 1024, median(l, Figures::restartFirstScanSeconds),
                        median(l, Figures::restartReadySeconds), (int) median(l, f -> f.restartKnown()),
                        (long) median(l, f -> f.restartIdleRssKb()) / 1024, (long) median(l, f -> f.restartRssKb()) / 1024);
            }
            System.out.println();
            System.out.println("small-board settings: " + small);
            List<Figures> s = figures.get("small board (printscout.env below)");
            double first = median(s, Figures::startToFirstScanSeconds);
            double again = median(s, Figures::restartFirstScanSeconds);
            long rss = (long) median(s, f -> Math.max(f.rssKb(), f.restartRssKb()));
            int known = (int) median(s, f -> Math.min(f.known(), f.restartKnown()));
            System.out.printf(Locale.ROOT, "goals (small board, medians): start to first scan under 3 s: %s (first start %.2f s, restart %.2f s); "
                    + "RSS under 96 MB with 1 000 known devices: %s (%d MB, %d known)%n", first < 3 && again < 3 ? "met" : "NOT met", first, again,
                    rss < 96 * 1024 && known >= 1000 ? "met" : "NOT met", rss / 1024, known);
        }
    }

    private static double median(List<Figures> figures, java.util.function.ToDoubleFunction<Figures> field) {
        double[] v = figures.stream().mapToDouble(field).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /** Starts the agent as its unit does and waits for /health; returns seconds from the spawn. */
    private static double start(AgentHome home, Map<String, String> environment, int web, Process[] agent, String console) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.path().resolve("bin/printscout").toString(), "service");
        pb.environment().putAll(environment);
        pb.redirectErrorStream(true).redirectOutput(home.path().resolve(console).toFile());
        long t0 = System.nanoTime();
        agent[0] = pb.start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        while (true) {
            try {
                if (client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return (System.nanoTime() - t0) / 1e9;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            if (!agent[0].isAlive() || System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(60)) {
                throw new IllegalStateException("the agent did not answer: " + Files.readString(home.path().resolve(console)));
            }
            Thread.sleep(20);
        }
    }

    private static int devices(AgentHome home) {
        Matcher count = Pattern.compile("^(\\d+) devices?").matcher(home.ok("scout:devices"));
        return count.find() ? Integer.parseInt(count.group(1)) : -1;
    }

    private static void stop(Process agent) throws InterruptedException {
        agent.destroy();
        if (!agent.waitFor(40, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the agent did not stop within 40 s");
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
            if (Boolean.getBoolean("bench.report")) {
                // what activation writes: every scheduled scan is spooled as a report (no portal needed)
                Files.writeString(etc.resolve("org.printscout.report.cfg"), "agentId = bench\nsiteId = bench\n");
            }
            environment.forEach(home::environment);
            String load = load();
            Process[] agent = new Process[1];
            long t0 = System.nanoTime();
            double ready = start(home, environment, web, agent, "console.txt");
            String scan = home.ok("scout:scan " + NET + "0.1 --port " + port);
            double first = (System.nanoTime() - t0) / 1e9;
            if (devices(home) != 1) {
                throw new IllegalStateException("the first scan found nothing: " + scan);
            }
            Thread.sleep(5000);
            long idle = kb(RSS, agent[0].pid());
            long s0 = System.nanoTime();
            String range = NET + "1.1-" + fleet.get(fleet.size() - 1).getAddress().getHostAddress();
            String fleetScan = home.ok("scout:scan " + range + " --port " + port);
            double fleetSeconds = (System.nanoTime() - s0) / 1e9;
            int known = devices(home);
            String before = home.ok("scout:devices");
            Thread.sleep(10_000);
            long rss = kb(RSS, agent[0].pid());
            long peak = kb(HWM, agent[0].pid());
            if (Boolean.getBoolean("bench.diagnose")) {
                diagnose(agent[0].pid());
            }
            stop(agent[0]);
            // the box's next boot: same data/ (bundle cache, inventory, class-data archive)
            long t1 = System.nanoTime();
            double readyAgain = start(home, environment, web, agent, "console-restart.txt");
            String rescan = home.ok("scout:scan " + NET + "0.1 --port " + port);
            double firstAgain = (System.nanoTime() - t1) / 1e9;
            int knownAgain = devices(home);
            if (knownAgain != known || !rescan.contains(NET + "0.1")) {
                throw new IllegalStateException("after the restart: " + knownAgain + " devices known, " + known + " before; scan: " + rescan);
            }
            String after = home.ok("scout:devices");
            if (before.lines().count() != after.lines().count()) {
                throw new IllegalStateException("the device list changed over the restart");
            }
            Thread.sleep(10_000);
            long idleAgain = kb(RSS, agent[0].pid());
            // the box's scans of its 1 003 devices (a status scan every 10 minutes)
            String rescanFleet = home.ok("scout:scan " + range + " --port " + port);
            if (devices(home) != known) {
                throw new IllegalStateException("the fleet's second scan changed the count of known devices: " + rescanFleet);
            }
            Thread.sleep(10_000);
            long rssAgain = kb(RSS, agent[0].pid());
            if (Boolean.getBoolean("bench.report")) {
                report(home, agent[0].pid(), range, port);
            }
            if (Boolean.getBoolean("bench.diagnose")) {
                diagnose(agent[0].pid());
            }
            stop(agent[0]);
            System.out.printf(Locale.ROOT, "%s [load %s]: ready %.2f s, first scan done %.2f s; fleet scan %.1f s (%s), %d known, RSS %d MB; "
                    + "restart: ready %.2f s, first scan %.2f s, %d known, RSS %d MB, after scanning them again %d MB%n", flags, load, ready, first,
                    fleetSeconds, fleetScan.lines().reduce((a, b) -> b).orElse("").strip(), known, rss / 1024, readyAgain, firstAgain, knownAgain,
                    idleAgain / 1024, rssAgain / 1024);
            return new Figures(first, ready, idle, known, fleetSeconds, rss, peak, firstAgain, readyAgain, knownAgain, idleAgain, rssAgain, load);
        } finally {
            AgentHome.Run stop = home.printscout("stop");
            Machine.deleteTree(home.path());
            if (stop.status() != 0) {
                System.out.println("stop: " + stop.describe());
            }
        }
    }

    /**
     * bench.report=true: the day of an activated box, with its memory: a status scan of the 1 003 known devices, then the meter
     * scan (a discovery of the site's range, the fleet's), each spooled as a report.
     */
    private static void report(AgentHome home, long pid, String range, int port) throws Exception {
        Path spool = home.path().resolve("data/spool");
        home.ok("scout:config org.printscout.scheduler statusIntervalMinutes=0.5");
        await(spool, 1);
        home.ok("scout:config org.printscout.scheduler statusIntervalMinutes=10");
        Path site = home.path().resolve("etc/org.printscout.discovery.site-bench.config");
        Files.writeString(site, String.join("\n", "name=\"bench\"", "ranges=[\"" + range + "\"]", "port=I\"" + port + "\"", "profile=\"default\"", ""));
        Thread.sleep(3000);
        String at = java.time.LocalTime.now(java.time.ZoneOffset.UTC).plusSeconds(3).format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss"));
        home.ok("scout:config org.printscout.scheduler meterScanTime=" + at + " timeZone=UTC");
        await(spool, 2);
        String log = Files.readString(home.path().resolve("data/log/printscout.log"));
        System.out.printf(Locale.ROOT, "reports: %s; RSS %d MB, peak %d MB; OutOfMemoryError: %s%n",
                log.lines().filter(l -> l.contains("spooled ")).map(l -> l.replaceAll("^.*spooled", "spooled")).toList(), kb(RSS, pid) / 1024,
                kb(HWM, pid) / 1024, log.contains("OutOfMemoryError") || Files.readString(home.path().resolve("console-restart.txt"))
                        .contains("OutOfMemoryError"));
    }

    private static void await(Path spool, int reports) throws Exception {
        long t0 = System.nanoTime();
        while (count(spool) < reports && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(180)) {
            Thread.sleep(500);
        }
        Thread.sleep(5000);
    }

    private static long count(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    /** Where the memory is (bench.diagnose=true; NMT needs -XX:NativeMemoryTracking=summary in the flags). */
    private static void diagnose(long pid) throws Exception {
        System.out.println(Files.readString(Path.of("/proc/" + pid + "/status")).lines()
                .filter(l -> l.startsWith("Vm") || l.startsWith("Rss") || l.startsWith("Threads")).reduce((a, b) -> a + "\n" + b).orElse(""));
        for (String[] command : List.of(new String[] {"VM.native_memory", "summary"}, new String[] {"GC.class_histogram"},
                new String[] {"Thread.print"}, new String[] {"GC.run"}, new String[] {"GC.heap_info"})) {
            List<String> jcmd = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
            jcmd.addAll(List.of(command));
            Process p = new ProcessBuilder(jcmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor();
            if (command[0].equals("Thread.print")) {
                out = out.lines().filter(l -> l.startsWith("\"")).map(l -> l.replaceAll("\" .*", "\"").replaceAll("\\d+", "N")).sorted()
                        .collect(java.util.stream.Collectors.groupingBy(l -> l, java.util.TreeMap::new, java.util.stream.Collectors.counting())).toString();
            }
            System.out.println(out.lines().limit(command[0].equals("GC.class_histogram") ? 30 : 200).reduce((a, b) -> a + "\n" + b).orElse(""));
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
