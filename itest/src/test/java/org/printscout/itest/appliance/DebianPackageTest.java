package org.printscout.itest.appliance;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.printscout.itest.Await;
import org.printscout.simulator.Recording;
import org.printscout.simulator.Simulator;

/**
 * The Debian package on this machine, as a dealer installs it: {@code dpkg -i}, the unit verified, the
 * agent started as the unit starts it (its user, its capability, its environment), a meter scan of two
 * simulated printers on loopback into the inventory and the spool, the local web UI answering on
 * 23998; then a newer build installed over it (inventory, spool and configuration kept), {@code dpkg -r}
 * (configuration, state and user kept) and {@code dpkg --purge}, after which the machine is as it was.
 */
public class DebianPackageTest {

    private static final String NET = "127.76.14.";
    private static final Path STATE = Path.of("/var/lib/printscout");
    private static final Path CONFIG = Path.of("/etc/printscout");
    private static final Path UNIT = Path.of("/lib/systemd/system/printscout.service");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final List<AutoCloseable> started = new ArrayList<>();
    private Layout installed;
    private Path work;

    @Before
    public void machineWithoutThePackage() throws Exception {
        Machine.requireRoot();
        assertFalse("printscout is installed on this machine already; the test would change it (dpkg --purge printscout first)",
                installedVersion().isPresent());
        work = Files.createTempDirectory("printscout-deb-test");
    }

    @After
    public void putMachineBack() throws Exception {
        if (installed != null) {
            installed.stopService();
        }
        for (AutoCloseable c : started) {
            c.close();
        }
        if (installedVersion().isPresent() || Files.exists(CONFIG) || Files.exists(STATE)) {
            Machine.run(Map.of(), "dpkg", "--purge", "printscout");
        }
        if (work != null) {
            Machine.deleteTree(work);
        }
    }

    @Test
    public void installRunScanUpgradeRemovePurge() throws Exception {
        Map<String, String> before = machineState();
        Path deb = Path.of(System.getProperty("printscout.appliance.deb"));

        // --- install ---
        Machine.Result install = Machine.run(Map.of(), "dpkg", "-i", deb.toString());
        assertEquals(install.describe(), 0, install.status());
        String version = installedVersion().orElseThrow();
        Machine.Result verify = Machine.verifyUnit(UNIT);
        assertEquals("systemd-analyze verify of the installed unit: " + verify.describe(), "", verify.out() + verify.err());
        assertEquals(0, verify.status());
        assertEquals("printscout", Machine.owner(STATE));
        assertEquals("rwx------", Machine.mode(STATE));
        assertTrue(Files.isSymbolicLink(Path.of("/opt/printscout/data")));
        String conffiles = Machine.run(Map.of(), "dpkg-query", "-W", "-f=${Conffiles}", "printscout").out();
        assertTrue(conffiles, conffiles.contains("/etc/printscout/org.apache.felix.http.cfg"));

        // --- the site's configuration, as a dealer edits it: the UI on loopback only, two printers to scan ---
        int snmpPort = freeUdpPort();
        Path recordings = Path.of(System.getProperty("printscout.testdata"), "printers/snmprec");
        Simulator printers = Simulator.builder().community("public")
                .device(new InetSocketAddress(NET + 1, snmpPort), Recording.load(recordings.resolve("jetdirect_m130nw.snmprec")))
                .device(new InetSocketAddress(NET + 2, snmpPort), Recording.load(recordings.resolve("brother.snmprec")))
                .start();
        started.add(printers);
        Path http = CONFIG.resolve("org.apache.felix.http.cfg");
        Files.writeString(http, Files.readString(http).replace("org.apache.felix.http.host = 0.0.0.0", "org.apache.felix.http.host = 127.0.0.1"));
        assertTrue(Files.readString(http), Files.readString(http).contains("127.0.0.1"));
        Files.writeString(CONFIG.resolve("org.printscout.discovery.site-sim.config"), String.join("\n",
                "name=\"sim\"", "ranges=[\"" + NET + "1-" + NET + "2\"]", "port=I\"" + snmpPort + "\"", "profile=\"sim\"", ""));
        Files.writeString(CONFIG.resolve("org.printscout.snmp.profile-sim.cfg"),
                "name = sim\nversion = 2c\ncommunity = public\ntimeoutMillis = 500\nretries = 1\n");
        // what activation by a portal writes (the report bundle names its reports with the agent id): the spool fills without a portal
        Files.writeString(CONFIG.resolve("org.printscout.report.cfg"), "agentId = deb-test\nsiteId = sim\n");
        Machine.run(Map.of(), "chown", "printscout:printscout", CONFIG.resolve("org.printscout.discovery.site-sim.config").toString(),
                CONFIG.resolve("org.printscout.snmp.profile-sim.cfg").toString(), CONFIG.resolve("org.printscout.report.cfg").toString());

        // --- run as the unit runs it ---
        installed = Layout.installedAt(Path.of("/opt/printscout"));
        SystemdUnit unit = SystemdUnit.read(UNIT);
        assertEquals("printscout", unit.user());
        Process agent = startAndAwait(unit);
        String status = Files.readString(Path.of("/proc/" + agent.pid() + "/status"));
        String uid = Machine.uid("printscout");
        assertTrue(status, status.lines().anyMatch(l -> l.startsWith("Uid:") && l.contains("\t" + uid + "\t")));
        HttpResponse<String> health = get("/health");
        assertEquals(health.body(), 200, health.statusCode());
        assertTrue(health.body(), health.body().contains("\"status\":\"up\""));
        HttpResponse<String> page = get("/");
        assertEquals("no page without the password, which is set on first start", 302, page.statusCode());
        assertEquals("/setup", page.headers().firstValue("Location").orElse("").replaceFirst("^http://[^/]+", ""));

        // --- the meter scan finds both printers; the report waits in the spool (no portal yet) ---
        String at = LocalTime.now(ZoneOffset.UTC).plusSeconds(3).format(DateTimeFormatter.ofPattern("HH:mm:ss"));
        installed.ok("scout:config org.printscout.scheduler meterScanTime=" + at + " timeZone=UTC");
        Await.until("both simulated printers in the inventory", WAIT, () -> installed.exec("scout:devices").out().startsWith("2 devices"),
                () -> installed.exec("scout:devices").out() + installed.console());
        Await.until("a report in the spool", WAIT, () -> !files(STATE.resolve("spool")).isEmpty(), installed::console);
        String devices = installed.ok("scout:devices --json");
        assertTrue(devices, devices.contains(NET + "1") && devices.contains(NET + "2"));
        installed.stopService();
        // the shipped small-board settings: class-data sharing on, the first stop wrote the archive, as the service user
        assertTrue(Files.readString(CONFIG.resolve("printscout.env")).lines().anyMatch("PRINTSCOUT_CDS=on"::equals));
        List<Path> archives = list(STATE.resolve("cds"));
        assertTrue(archives.toString(), archives.stream().anyMatch(a -> a.getFileName().toString().matches("printscout-[0-9a-f]{16}\\.jsa\\.new")));
        for (Path a : archives) {
            assertEquals(a.toString(), "printscout", Machine.owner(a));
        }
        // the same program again maps its classes from that archive
        Process again = startAndAwait(unit);
        String commandLine = Files.readString(Path.of("/proc/" + again.pid() + "/cmdline")).replace('\0', ' ');
        assertTrue(commandLine, commandLine.contains("-XX:SharedArchiveFile=/opt/printscout/data/cds/printscout-"));
        assertTrue("the agent knows the printers after a restart", installed.ok("scout:devices").startsWith("2 devices"));
        installed.stopService();
        Map<String, String> inventoryAndSpool = new TreeMap<>();
        inventoryAndSpool.putAll(files(STATE.resolve("inventory")));
        inventoryAndSpool.putAll(files(STATE.resolve("spool")));
        assertTrue(inventoryAndSpool.toString(), inventoryAndSpool.keySet().stream().anyMatch(k -> k.endsWith("devices.json")));
        for (String file : inventoryAndSpool.keySet()) {
            assertEquals(file, "printscout", Machine.owner(Path.of(file)));
        }

        // --- a newer build over it ---
        Path newer = newerBuild(deb);
        Machine.Result upgrade = Machine.run(Map.of(), "dpkg", "-i", newer.toString());
        assertEquals(upgrade.describe(), 0, upgrade.status());
        assertEquals(version + "+1", installedVersion().orElseThrow());
        assertTrue("the marker of the newer build is installed", Files.exists(Path.of("/opt/printscout/lib/newer-build")));
        Map<String, String> afterUpgrade = new TreeMap<>();
        afterUpgrade.putAll(files(STATE.resolve("inventory")));
        afterUpgrade.putAll(files(STATE.resolve("spool")));
        assertEquals("inventory and spool survive the upgrade", inventoryAndSpool, afterUpgrade);
        assertTrue("the edited conffile is kept", Files.readString(http).contains("org.apache.felix.http.host = 127.0.0.1"));
        assertTrue(Files.exists(CONFIG.resolve("org.printscout.discovery.site-sim.config")));
        startAndAwait(unit);
        assertTrue("the upgraded agent knows the printers without a scan", installed.ok("scout:devices").startsWith("2 devices"));
        assertEquals(200, get("/health").statusCode());
        installed.stopService();

        // --- remove: program gone, configuration, state and user kept ---
        Machine.Result remove = Machine.run(Map.of(), "dpkg", "-r", "printscout");
        assertEquals(remove.describe(), 0, remove.status());
        assertFalse(Files.exists(Path.of("/opt/printscout")));
        assertFalse(Files.exists(UNIT));
        assertTrue(Files.exists(STATE.resolve("inventory/devices.json")));
        assertEquals(inventoryAndSpool.keySet(), new TreeMap<>(filesOf(STATE, "inventory", "spool")).keySet());
        assertTrue(Files.readString(http).contains("127.0.0.1"));
        assertEquals(0, Machine.run(Map.of(), "id", "-u", "printscout").status());

        // --- purge: nothing left ---
        Machine.Result purge = Machine.run(Map.of(), "dpkg", "--purge", "printscout");
        assertEquals(purge.describe(), 0, purge.status());
        assertEquals("the machine after purge is as it was before install", before, machineState());
    }

    private Process startAndAwait(SystemdUnit unit) throws Exception {
        Process agent = installed.startAsUnit(unit, Map.of());
        Await.until("the installed agent answers", WAIT, () -> installed.exec("scout:status").status() == 0, installed::console);
        Await.until("the local web UI answers on 23998", WAIT, () -> {
            try {
                return get("/health").statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }, installed::console);
        return agent;
    }

    /** The same package with a higher version and one more file: what the next release looks like to dpkg. */
    private Path newerBuild(Path deb) throws Exception {
        Path tree = work.resolve("newer");
        assertEquals(0, Machine.run(Map.of(), "dpkg-deb", "-R", deb.toString(), tree.toString()).status());
        Path control = tree.resolve("DEBIAN/control");
        Files.writeString(control, Files.readString(control).replaceFirst("(?m)^Version: (.*)$", "Version: $1+1"));
        Files.writeString(tree.resolve("opt/printscout/lib/newer-build"), "newer\n");
        Path out = work.resolve("printscout-newer.deb");
        Machine.Result build = Machine.run(Map.of(), "dpkg-deb", "--root-owner-group", "-b", tree.toString(), out.toString());
        assertEquals(build.describe(), 0, build.status());
        return out;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:23998" + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static java.util.Optional<String> installedVersion() throws Exception {
        Machine.Result q = Machine.run(Map.of(), "dpkg-query", "-W", "-f=${Status}|${Version}", "printscout");
        if (q.status() != 0 || !q.out().startsWith("install ok installed")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(q.out().substring(q.out().indexOf('|') + 1));
    }

    /** What install, remove and purge may touch: after purge it must be as before install. */
    private static Map<String, String> machineState() throws Exception {
        Map<String, String> state = new TreeMap<>();
        state.put("passwd", Machine.run(Map.of(), "getent", "passwd", "printscout").out());
        state.put("group", Machine.run(Map.of(), "getent", "group", "printscout").out());
        state.put("dpkg", Machine.run(Map.of(), "dpkg-query", "-W", "-f=${Status}", "printscout").out());
        for (String p : List.of("/opt/printscout", "/etc/printscout", "/var/lib/printscout", UNIT.toString())) {
            state.put(p, Boolean.toString(Files.exists(Path.of(p))));
        }
        state.put("units", Machine.run(Map.of(), "sh", "-c",
                "find /etc/systemd /var/lib/systemd -name '*printscout*' 2>/dev/null | sort").out());
        return state;
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static Map<String, String> filesOf(Path root, String... dirs) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (String d : dirs) {
            out.putAll(files(root.resolve(d)));
        }
        return out;
    }

    /** File path to its size and SHA-256, for every regular file under dir. */
    private static Map<String, String> files(Path dir) {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                byte[] bytes = Files.readAllBytes(p);
                out.put(p.toString(), bytes.length + ":" + java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(bytes)));
            }
        } catch (Exception e) {
            throw new AssertionError("reading " + dir + ": " + e, e);
        }
        return out;
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return probe.getLocalPort();
        }
    }
}
