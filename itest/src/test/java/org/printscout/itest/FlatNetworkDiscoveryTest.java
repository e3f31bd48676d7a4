package org.printscout.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

/**
 * The assembled agent, with its shipped discovery and SNMP settings, sweeps a flat /21 that it
 * sits on directly (a veth pair into a network namespace of the test's own, {@link FlatNetwork}):
 * 30 simulated printers (one every 64 addresses) and, from the start, 1 500 live hosts that
 * answer ARP and nothing else (a busy floor's DHCP pool); the rest is silent. Every address costs
 * the kernel a neighbour entry. The live hosts resolve within a second or so and their entries are
 * not reclaimable for 5 s, so they fill the neighbour table (gc_thresh3, 1 024 by default, one table
 * for the whole host), and Linux drops the datagrams that follow, printers' included, without an
 * error (sendto succeeds; only the kernel's counters tell). Without adapting, every printer after
 * the pool is lost (its retry 1 s later meets the same full table). The test proves that the
 * overflow happened (table_fulls moved) and that every printer was found and read all the same.
 * Needs root (a namespace, port 161) and iproute2 ({@code .ci/install-peers}); it fails, not skips,
 * without them.
 */
public class FlatNetworkDiscoveryTest {

    private static final int PRINTERS = 30;
    private static final Pattern SUMMARY = Pattern.compile(
            "(?m)^all sites: (\\d+)/(\\d+) addresses done, (\\d+) answered, (\\d+) printers found, (\\d+) read, (\\d+) addresses/s, ([0-9.]+) s$");

    @Test
    public void everyPrinterOnAFlatNetworkIsFoundThoughTheNeighbourTableOverflows() throws Exception {
        Path recordings = Path.of(System.getProperty("printscout.testdata"), "printers", "snmprec");
        try (FlatNetwork lan = FlatNetwork.create("psflattest", "10.214.7.254", 21, "10.214.0.1", PRINTERS, 64, 1500, 161, recordings);
             AgentHome agent = AgentHome.copyOfDistribution()) {
            Path etc = agent.path().resolve("etc");
            Files.writeString(etc.resolve("org.printscout.snmp.profile-flat.cfg"),
                    "name = flat\nversion = 2c\ncommunity = public\ntimeoutMillis = 1000\nretries = 1\n");
            Files.writeString(etc.resolve("org.printscout.discovery.site-flat.cfg"),
                    "name = flat\nranges = 10.214.0.0/21\nport = 161\nprofile = flat\n");
            Files.writeString(etc.resolve("org.printscout.scheduler.cfg"), "meterScanEnabled = false\nstatusIntervalMinutes = 0\n");
            agent.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!agent.ok("scout:status").contains("sites: flat")) {
                assertTrue("the site was not configured in 30 s", System.nanoTime() < deadline);
                Thread.sleep(300);
            }
            FlatNetwork.KernelDrops before = FlatNetwork.kernelDrops();
            long start = System.nanoTime();
            String out = agent.ok("scout:scan");
            double seconds = (System.nanoTime() - start) / 1e9;
            FlatNetwork.KernelDrops drops = FlatNetwork.kernelDrops().minus(before);
            String status = agent.ok("scout:status");
            String context = "scan of " + seconds + " s; kernel: " + drops + "\n" + out + "\n" + status;
            Matcher m = SUMMARY.matcher(out);
            assertTrue(context, m.find());
            assertTrue("the neighbour table must have overflowed for this test to prove anything (gc_thresh3 "
                    + FlatNetwork.gcThresh3() + "): " + context, drops.neighbourTableFulls() > 0);
            assertEquals(context, 2048, Integer.parseInt(m.group(1)));
            assertEquals("every simulated printer answered: " + context, PRINTERS, Integer.parseInt(m.group(3)));
            assertEquals("every printer found was read: " + context, m.group(4), m.group(5));
            List<String> unread = out.lines().filter(l -> l.contains("printer found but not read")).toList();
            assertEquals(context, List.of(), unread);
            assertTrue("the agent saw the kernel's drops: " + context, status.contains("last scan kernel (slowed down)"));
            System.out.println("FlatNetworkDiscoveryTest: " + m.group(0) + "; kernel: " + drops + "; "
                    + status.lines().map(String::strip).filter(l -> l.startsWith("last scan kernel")).findFirst().orElse(""));
        }
    }
}
