package org.printscout.discovery.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printscout.api.discovery.DiscoveryResult;
import org.printscout.api.discovery.ScanListener;
import org.printscout.api.discovery.ScanRequest;
import org.printscout.api.inventory.KnownDevice;
import org.printscout.api.mapper.MapperClaims;
import org.printscout.api.snmp.Credential;
import org.printscout.api.snmp.CredentialProfile;
import org.printscout.api.snmp.SnmpVersion;
import org.printscout.inventory.internal.InventoryComponent;
import org.printscout.mib.standard.StandardMib;
import org.printscout.simulator.Faults;
import org.printscout.simulator.Recording;
import org.printscout.simulator.SimulatedDevice;
import org.printscout.simulator.Simulator;
import org.printscout.snmp.internal.SnmpReaderComponent;

/**
 * Discovery against simulated printers on 127.0.10.x: the real SNMP reader, the standard printer
 * recognizer, a vendor claim, the real inventory; only the full reading is a stand-in.
 */
class ScannerTest {

    private static final String BASE = "127.0.10.";

    @TempDir
    Path dir;

    private final TestLog log = new TestLog();
    private Simulator simulator;
    private SnmpReaderComponent reader;
    private InventoryComponent inventory;
    private Scanner scanner;
    private int port;

    @BeforeEach
    void start() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getByName(BASE + "1"))) {
            port = probe.getLocalPort();
        }
        Path recordings = Path.of(System.getProperty("printscout.testdata"), "printers");
        simulator = Simulator.builder().community("public")
                .device(new InetSocketAddress(BASE + "1", port), Recording.load(recordings.resolve("snmprec/jetdirect_m130nw.snmprec")))
                .device(new InetSocketAddress(BASE + "2", port), Recording.load(recordings.resolve("snmprec/konica_c250i.snmprec")))
                .device(new InetSocketAddress(BASE + "3", port), Recording.load(recordings.resolve("negatives/windows_svr_2019_1809.snmprec")))
                .device(new InetSocketAddress(BASE + "4", port), Recording.load(recordings.resolve("snmprec/canonprinter_lbp.snmprec")))
                .device(new InetSocketAddress(BASE + "5", port), Recording.load(recordings.resolve("snmprec/kyocera.snmprec")))
                .start();
        reader = new SnmpReaderComponent(log.logger(), Map.of());
        inventory = new InventoryComponent(dir.resolve("devices.json"), 0, 10, log.logger());
        Map<String, Object> kyocera = new HashMap<>();
        kyocera.put(MapperClaims.NAME, "kyocera");
        kyocera.put(MapperClaims.ENTERPRISE, new int[] {1347});
        // a wrong community first: discovery must move on to the next entry and remember that one
        CredentialProfile office = new CredentialProfile("office", List.of(
                new CredentialProfile.Entry("office-wrong", 10, new Credential.Community(SnmpVersion.V2C, "wrong"),
                        Duration.ofMillis(300), 0, 60, 25),
                new CredentialProfile.Entry("office-public", 20, new Credential.Community(SnmpVersion.V2C, "public"),
                        Duration.ofMillis(300), 0, 60, 25)));
        scanner = new Scanner(reader, new IdentityReader(reader), () -> List.of(StandardMib.recognizer()),
                () -> List.of(org.printscout.api.mapper.Claims.fromProperties(kyocera)), name -> name.equals("office") ? Optional.of(office) : Optional.empty(),
                inventory, Pinger.OFF, new Scanner.Settings(64, 8, 512, new RangePolicy(false, 1 << 20)), log.lines::add, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        // the reader's deactivate is package-private in its bundle; its daemon threads end with the JVM
        simulator.close();
    }

    private DiscoveryResult scan(String... ranges) throws Exception {
        return scanner.start(new ScanRequest("test", List.of(ranges), port, "office"), ScanListener.NONE).result()
                .get(60, TimeUnit.SECONDS);
    }

    @Test
    void findsThePrintersSkipsOtherDevicesAndRemembersTheCredentialThatWorked() throws Exception {
        DiscoveryResult result = scan(BASE + "1-" + BASE + "8\n" + BASE + "300", "!" + BASE + "4");
        assertEquals(7, result.progress().addresses());
        assertEquals(7, result.progress().done());
        assertEquals(4, result.progress().responding(), "jetdirect, konica, windows, kyocera");
        assertEquals(3, result.progress().printers(), "the Windows host is not a printer");
        assertEquals(3, result.readings().size());
        assertEquals(List.of("range entry '127.0.10.300' (line 2) refused: octet 300 is greater than 255"), result.problems());
        List<KnownDevice> known = inventory.devices();
        assertEquals(List.of(BASE + "1", BASE + "2", BASE + "5"), known.stream().map(KnownDevice::address).toList());
        assertTrue(known.stream().allMatch(d -> d.credentialEntry().equals("office-public") && d.online()));
        SimulatedDevice excluded = simulator.devices().get(3);
        assertEquals(0, excluded.statistics().requests(), "the excluded address got no packet");
    }

    @Test
    void aKnownPrinterThatStopsAnsweringIsMarkedOfflineNotDeleted() throws Exception {
        scan(BASE + "1-" + BASE + "2");
        assertEquals(2, inventory.devices().size());
        simulator.devices().get(0).setFaults(Faults.NONE.withLoss(1.0));
        DiscoveryResult second = scan(BASE + "1-" + BASE + "2");
        assertEquals(1, second.readings().size());
        List<KnownDevice> known = inventory.devices();
        assertEquals(2, known.size());
        assertFalse(known.get(0).online(), known.get(0).toString());
        assertTrue(known.get(1).online());
        inventory.flush();
        InventoryComponent reloaded = new InventoryComponent(dir.resolve("devices.json"), 0, 10, log.logger());
        assertFalse(reloaded.devices().get(0).online());
    }

    @Test
    void refusesAScanWithoutAnyValidEntry() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> scanner.start(new ScanRequest("test", List.of("10.0.0.1-10.0.0.0"), port, "office"), ScanListener.NONE));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void aCancelledScanStopsProbingFinishesWhatIsInFlightAndMarksNothingOffline() throws Exception {
        scan(BASE + "1-" + BASE + "2");
        simulator.devices().get(0).setFaults(Faults.NONE.withLoss(1.0));
        // 4 096 silent addresses behind the printers: at 64 in flight this would take a minute or more
        Scanner.Run run = scanner.start(new ScanRequest("test", List.of(BASE + "1-" + BASE + "2", "127.1.0.0/20"), port, "office"),
                ScanListener.NONE);
        Thread.sleep(1500);
        long started = System.nanoTime();
        run.cancel();
        DiscoveryResult result = run.result().get(20, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(result.progress().done() < 4098, "stopped early: " + result.progress());
        assertTrue(result.problems().stream().anyMatch(p -> p.startsWith("scan cancelled after ")), result.problems().toString());
        assertTrue(inventory.devices().stream().allMatch(KnownDevice::online), "a cancelled scan marks no device offline");
        assertTrue(millis < 15_000, "ended " + millis + " ms after the cancel");
    }

    @Test
    void anAddressSilentWhileTheKernelDroppedDatagramsIsProbedAgainAndFoundWhenItAnswers() throws Exception {
        // the kernel drops while the first round is in flight (neighbour table full: 150-400 ms after the start), then no more
        AtomicLong drops = new AtomicLong();
        AtomicLong firstRead = new AtomicLong();
        CredentialProfile office = new CredentialProfile("office", List.of(new CredentialProfile.Entry("office-public", 20,
                new Credential.Community(SnmpVersion.V2C, "public"), Duration.ofMillis(300), 0, 60, 25)));
        Scanner flat = new Scanner(reader, new IdentityReader(reader), () -> List.of(StandardMib.recognizer()), List::of,
                name -> Optional.of(office), inventory, Pinger.OFF,
                new Scanner.Settings(64, 8, 512, new RangePolicy(false, 1 << 20), 16, 3), log.lines::add, Clock.systemUTC(),
                () -> {
                    firstRead.compareAndSet(0, System.nanoTime());
                    long millis = (System.nanoTime() - firstRead.get()) / 1_000_000;
                    return millis >= 150 && millis <= 400 ? drops.incrementAndGet() : drops.get();
                });
        Simulator late = null;
        try {
            Scanner.Run run = flat.start(new ScanRequest("test", List.of(BASE + "1", BASE + "20", BASE + "21"), port, "office"),
                    ScanListener.NONE);
            // .20 was silent in the first round (as a printer whose request the kernel dropped is); it answers now
            Thread.sleep(1000);
            late = Simulator.builder().community("public").device(new InetSocketAddress(BASE + "20", port),
                    Recording.load(Path.of(System.getProperty("printscout.testdata"), "printers", "snmprec", "konica_c250i.snmprec"))).start();
            DiscoveryResult result = run.result().get(60, TimeUnit.SECONDS);
            assertEquals(3, result.progress().done(), result.progress().toString());
            assertEquals(2, result.progress().printers(), "jetdirect at .1 and, probed again, the konica at .20: " + result.problems());
            assertEquals(List.of(BASE + "1", BASE + "20"), result.readings().stream().map(r -> r.identity().address()).sorted().toList());
            assertTrue(run.kernelSummary().contains("2 address(es) probed again"), run.kernelSummary());
            assertTrue(result.problems().isEmpty(), "the drops ended, .21 is just silent: " + result.problems());
        } finally {
            if (late != null) {
                late.close();
            }
        }
    }

    @Test
    void anAddressStillSilentAfterItsRetriesWhileTheKernelKeepsDroppingIsReported() throws Exception {
        AtomicLong drops = new AtomicLong();
        CredentialProfile office = new CredentialProfile("office", List.of(new CredentialProfile.Entry("office-public", 20,
                new Credential.Community(SnmpVersion.V2C, "public"), Duration.ofMillis(200), 0, 60, 25)));
        Scanner flat = new Scanner(reader, new IdentityReader(reader), () -> List.of(StandardMib.recognizer()), List::of,
                name -> Optional.of(office), inventory, Pinger.OFF,
                new Scanner.Settings(64, 8, 512, new RangePolicy(false, 1 << 20), 16, 1), log.lines::add, Clock.systemUTC(),
                drops::incrementAndGet);
        DiscoveryResult result = flat.start(new ScanRequest("test", List.of(BASE + "1", BASE + "22"), port, "office"),
                ScanListener.NONE).result().get(60, TimeUnit.SECONDS);
        assertEquals(2, result.progress().done());
        assertEquals(1, result.readings().size());
        assertTrue(result.problems().stream().anyMatch(p -> p.startsWith("1 address(es) stayed silent while the kernel dropped datagrams")),
                result.problems().toString());
    }

    @Test
    void aPublicRangeOrAnOversizedSiteIsRefusedAtTheStart() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> scanner.start(new ScanRequest("test", List.of("0.0.0.0/0"), port, "office"), ScanListener.NONE));
        assertTrue(e.getMessage().contains("is not a private, link-local or loopback range"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> scanner.start(new ScanRequest("test", List.of("10.0.0.0/8"), port, "office"), ScanListener.NONE));
        assertTrue(e.getMessage().contains("a site may hold at most 1048576"), e.getMessage());
    }
}
