package org.printscout.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Test;
import org.printscout.simulator.Faults;
import org.printscout.simulator.Recording;
import org.printscout.simulator.Simulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The scheduler end to end, on a shortened clock: the assembled agent with one site on loopback,
 * simulated printers in this JVM, the daily meter scan set a few seconds ahead (local time) and a
 * status scan every 3 s. One scenario, in the order a site lives through it: the meter scan runs
 * when configured and finds the printers of the valid range lines while the bad lines are refused
 * with their line named; status scans run at their interval and contact exactly the known devices
 * (a printer that appeared since is left for the next meter scan); a printer moved to another
 * address keeps its identity and history; a printer that stops answering is marked offline, kept,
 * and comes back online.
 */
public class ScheduledScansTest {

    private static final String NET = "127.79.0.";
    private static final Duration STATUS_INTERVAL = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** One request as a device saw it, with the moment it arrived. */
    record Seen(long millis, String address) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<Simulator> simulators = new ArrayList<>();
    private AgentHome agent;
    private int port;

    @After
    public void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        simulators.forEach(Simulator::close);
    }

    @Test
    public void scheduledScansFindReadMoveAndMarkOfflineTheKnownDevices() throws Exception {
        port = freeUdpPort();
        Simulator fleet = simulate(
                new InetSocketAddress(NET + 1, port), "jetdirect_m130nw",
                new InetSocketAddress(NET + 2, port), "brother",
                new InetSocketAddress(NET + 3, port), "ricoh_mpc3002",
                new InetSocketAddress(NET + 4, port), "sharp");
        Simulator mover = simulate(new InetSocketAddress(NET + 5, port), "konica");

        agent = AgentHome.copyOfDistribution();
        Path etc = agent.path().resolve("etc");
        // Lines 1 and 5 are valid; line 2 is a bad address, line 3 a comment, line 4 a range that ends before it starts.
        Files.writeString(etc.resolve("org.printscout.discovery.site-itest.config"), String.join("\n",
                "name=\"itest\"",
                "ranges=[\"" + NET + "1-" + NET + "4\",\"" + NET + "300\",\"# printers moved here in spring\",\""
                        + NET + "9-" + NET + "2\",\"" + NET + "5-8\"]",
                "port=I\"" + port + "\"",
                "profile=\"itest\"",
                "enabled=B\"true\"", ""));
        // Short timeouts: the silent addresses of the range bound how long a meter scan takes.
        Files.writeString(etc.resolve("org.printscout.snmp.profile-itest.cfg"),
                "name = itest\nversion = 2c\ncommunity = public\ntimeoutMillis = 500\nretries = 1\n");
        agent.start();

        // --- the meter scan runs when configured, on the valid lines only ---
        long meterAt = configureMeterScanSecondsAhead(4, "statusIntervalMinutes=" + STATUS_INTERVAL.toMillis() / 60_000.0);
        awaitMeterScanFinished();
        long firstRequest = seen.stream().mapToLong(Seen::millis).min().orElseThrow();
        assertTrue("nothing is read before the meter scan time (first request " + (firstRequest - meterAt) + " ms after it)",
                firstRequest >= meterAt - 100);
        assertTrue("the meter scan starts at its time, not later: first request " + (firstRequest - meterAt) + " ms after it",
                firstRequest < meterAt + 3_000);
        List<JsonObject> known = devices();
        assertEquals("the printers of the valid lines: " + known, Set.of(NET + 1, NET + 2, NET + 3, NET + 4, NET + 5), addresses(known));
        assertTrue(known.stream().allMatch(d -> d.get("online").getAsBoolean() && "itest".equals(d.get("site").getAsString())));
        String log = Files.readString(agent.path().resolve("data/log/printscout.log"));
        for (String refused : List.of("range entry '" + NET + "300' (line 2) refused", "range entry '" + NET + "9-" + NET + "2' (line 4) refused")) {
            assertTrue("refused when saved: " + refused + "\n" + log, log.lines().anyMatch(l -> l.contains("site 'itest'") && l.contains(refused)));
            assertTrue("refused again in the scan's problems: " + refused + "\n" + log,
                    log.lines().anyMatch(l -> l.contains("scan of site 'itest': " + refused)));
        }

        // --- status scans: every interval, exactly the known devices ---
        Simulator newcomer = simulate(new InetSocketAddress(NET + 6, port), "kyocera");
        long statusFrom = System.currentTimeMillis();
        Await.until("three status scans", WAIT, () -> scanStarts(statusFrom).size() >= 3, () -> " (seen " + seen + ")");
        List<Long> starts = scanStarts(statusFrom);
        for (int i = 1; i < starts.size(); i++) {
            long gap = starts.get(i) - starts.get(i - 1);
            assertTrue("status scans " + STATUS_INTERVAL.toMillis() + " ms apart, not " + gap + " (starts " + starts + ")",
                    gap > STATUS_INTERVAL.toMillis() - 500 && gap < STATUS_INTERVAL.toMillis() + 1_500);
        }
        assertEquals("a status scan contacts exactly the known devices", addresses(known), contactedSince(statusFrom));
        assertEquals("a printer that appeared since the meter scan waits for the next one", 0,
                newcomer.devices().get(0).statistics().requests());

        // --- a printer that moved keeps its identity and history ---
        JsonObject before = byAddress(devices(), NET + 5).orElseThrow();
        simulators.remove(mover);
        mover.close();
        simulate(new InetSocketAddress(NET + 7, port), "konica");
        configureMeterScanSecondsAhead(3);
        awaitMeterScanFinished();
        List<JsonObject> afterMove = devices();
        JsonObject moved = afterMove.stream().filter(d -> d.get("id").equals(before.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("the moved printer lost its id " + before.get("id") + ": " + afterMove));
        assertEquals(NET + 7, moved.get("address").getAsString());
        assertTrue(moved.toString(), moved.get("online").getAsBoolean());
        assertEquals("first seen stays", before.get("firstSeen"), moved.get("firstSeen"));
        assertTrue("the old address is remembered: " + moved, moved.get("previousAddresses").toString().contains("\"" + NET + "5:" + port + "\""));
        assertEquals("the newcomer is known now, the moved printer once: " + afterMove,
                Set.of(NET + 1, NET + 2, NET + 3, NET + 4, NET + 6, NET + 7), addresses(afterMove));
        assertEquals(6, afterMove.size());

        // --- a printer that stops answering is offline, not deleted, and comes back ---
        JsonObject ricoh = byAddress(afterMove, NET + 3).orElseThrow();
        fleet.devices().get(2).setFaults(Faults.NONE.withLoss(1.0));
        JsonObject offline = awaitDevice(NET + 3, "offline", d -> !d.get("online").getAsBoolean());
        assertEquals(ricoh.get("id"), offline.get("id"));
        assertFalse("offline since when it stopped answering: " + offline, offline.get("offlineSince").isJsonNull());
        assertFalse("its last reading is kept: " + offline, offline.get("lastReading").isJsonNull());
        assertEquals("nothing deleted", 6, devices().size());
        String table = agent.exec("scout:devices").out();
        assertTrue(table, table.startsWith("6 devices, 5 online, 1 offline"));
        fleet.devices().get(2).setFaults(Faults.NONE);
        JsonObject back = awaitDevice(NET + 3, "online again", d -> d.get("online").getAsBoolean());
        assertEquals(ricoh.get("id"), back.get("id"));

        String status = agent.exec("scout:status").out();
        assertTrue(status, status.contains("every 3 s") && status.contains("last status scan: 20"));
    }

    /** Starts a simulator of the given (address, recording name) pairs whose requests go to {@link #seen}. */
    private Simulator simulate(Object... addressesAndNames) throws Exception {
        Path recordings = Path.of(System.getProperty("printscout.testdata"), "printers", "snmprec");
        Simulator.Builder builder = Simulator.builder().community("public")
                .onRequest(r -> seen.add(new Seen(System.currentTimeMillis(), r.deviceAddress().getAddress().getHostAddress())));
        for (int i = 0; i < addressesAndNames.length; i += 2) {
            builder.device((InetSocketAddress) addressesAndNames[i], Recording.load(recordings.resolve(addressesAndNames[i + 1] + ".snmprec")));
        }
        Simulator simulator = builder.start();
        simulators.add(simulator);
        return simulator;
    }

    /**
     * Sets the daily meter scan to {@code seconds} from now in the system's zone (the agent's too) and
     * returns that moment. The configuration change re-plans the scheduler at once.
     */
    private long configureMeterScanSecondsAhead(int seconds, String... more) throws Exception {
        LocalTime now = LocalTime.now(ZoneId.systemDefault());
        if (now.plusSeconds(seconds + 5L).isBefore(now)) {
            // a time past midnight would be tomorrow's: wait for the new day
            Thread.sleep(Duration.between(now, LocalTime.MAX).toMillis() + 1_000);
        }
        LocalTime at = LocalTime.now(ZoneId.systemDefault()).plusSeconds(seconds + 1L).withNano(0);
        long atMillis = at.atDate(java.time.LocalDate.now(ZoneId.systemDefault())).atZone(ZoneId.systemDefault())
                .toInstant().toEpochMilli();
        AgentHome.Run run = agent.exec("scout:config org.printscout.scheduler meterScanTime=" + HH_MM_SS.format(at) + " "
                + String.join(" ", more));
        assertEquals(run.describe(), 0, run.status());
        Await.until("the scheduler to plan the meter scan at " + at, WAIT,
                () -> status().contains("daily at " + at + " "), this::status);
        return atMillis;
    }

    private void awaitMeterScanFinished() throws InterruptedException {
        Await.until("the meter scan to finish", WAIT,
                () -> status().lines().map(String::strip).anyMatch(l -> l.startsWith("last meter scan: ") && !l.contains("none since start")),
                this::status);
    }

    private String status() {
        try {
            return agent.exec("scout:status").out();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private List<JsonObject> devices() throws Exception {
        AgentHome.Run run = agent.exec("scout:devices --json");
        assertEquals(run.describe(), 0, run.status());
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(run.out()).getAsJsonArray()) {
            out.add(e.getAsJsonObject());
        }
        return out;
    }

    private JsonObject awaitDevice(String address, String what, Predicate<JsonObject> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<JsonObject> last = List.of();
        while (System.nanoTime() < deadline) {
            last = devices();
            Optional<JsonObject> device = byAddress(last, address);
            if (device.isPresent() && condition.test(device.get())) {
                return device.get();
            }
            Thread.sleep(300);
        }
        throw new AssertionError("timed out waiting for " + address + " to be " + what + "; devices: " + last);
    }

    private static Optional<JsonObject> byAddress(List<JsonObject> devices, String address) {
        return devices.stream().filter(d -> d.get("address").getAsString().equals(address)).findFirst();
    }

    private static Set<String> addresses(List<JsonObject> devices) {
        return devices.stream().map(d -> d.get("address").getAsString()).collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<String> contactedSince(long millis) {
        return seen.stream().filter(s -> s.millis() >= millis).map(Seen::address).collect(Collectors.toCollection(TreeSet::new));
    }

    /** When the status scans since {@code millis} began: a scan is a burst of requests, scans are seconds apart. */
    private List<Long> scanStarts(long millis) {
        List<Long> starts = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (long t : seen.stream().mapToLong(Seen::millis).filter(t -> t >= millis).sorted().toArray()) {
            if (t - previous > 1_000) {
                starts.add(t);
            }
            previous = t;
        }
        return starts;
    }

    private static int freeUdpPort() throws Exception {
        // bound on the wildcard address, so no socket of any address holds the port
        try (DatagramSocket probe = new DatagramSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
