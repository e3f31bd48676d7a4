package org.printscout.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.printscout.api.snmp.AuthProtocol;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.PrivProtocol;
import org.printscout.simulator.SimulatedDevice;
import org.printscout.simulator.Simulator;
import org.snmp4j.PDU;

class SimulatorMainTest {

    @Test
    void parsesAFleetOnSuccessiveAddressesWithFaults() throws IOException {
        FleetPlan plan = SimulatorMain.Options.parse(new String[] {"--data", "a,b.snmprec", "--base", "127.77.0.1",
                "--count", "1000", "--port", "161", "--latency", "5ms", "--jitter", "1.5s", "--loss", "0.01",
                "--walk-loop-from", "1.3.6.1.2.1.2", "--synthetic-table", "1.3.6.1.4.1.99999.1:500", "--seed", "9",
                "--v3-user", "u:SHA-512:authpass1:AES-256C:privpass1", "--no-extra-community",
                "--pages-per-hour", "180", "--supply-percent-per-hour", "6"}).plan();
        assertEquals(List.of(Path.of("a"), Path.of("b.snmprec")), plan.data());
        assertEquals(InetAddress.getByName("127.77.0.1"), plan.host());
        assertFalse(plan.successivePorts());
        assertEquals(161, plan.port());
        assertEquals(1000, plan.count());
        assertEquals(Duration.ofMillis(5), plan.faults().latency());
        assertEquals(Duration.ofMillis(1500), plan.faults().jitter());
        assertEquals(0.01, plan.faults().lossProbability());
        assertEquals(Oid.parse("1.3.6.1.2.1.2"), plan.faults().walkLoopFrom());
        assertEquals(500, plan.faults().syntheticTable().rows());
        assertEquals(9, plan.seed());
        assertEquals(AuthProtocol.SHA512, plan.usmUsers().get(0).authProtocol());
        assertEquals(PrivProtocol.AES256_3DES_KEY, plan.usmUsers().get(0).privProtocol());
        assertEquals(List.of(), plan.communities());
        assertEquals(new Wear(180, 6), plan.wear());
    }

    @Test
    void defaultsToSuccessivePortsOnLoopbackWithPublicAndTheSnmpsimUser() {
        FleetPlan plan = SimulatorMain.Options.parse(new String[] {"--data", "dir"}).plan();
        assertTrue(plan.successivePorts());
        assertEquals(InetAddress.getLoopbackAddress(), plan.host());
        assertEquals(Simulator.DEFAULT_PORT, plan.port());
        assertEquals(List.of("public"), plan.communities());
        assertEquals(List.of(Simulator.DEFAULT_USM_USER), plan.usmUsers());
        assertEquals(0, plan.count());
        assertTrue(plan.wear().isOff());
    }

    @Test
    void rejectsBadCommandLinesNamingTheOption() {
        assertThrows(IllegalArgumentException.class, () -> SimulatorMain.Options.parse(new String[0]));
        assertThrows(IllegalArgumentException.class, () -> SimulatorMain.Options.parse(
                new String[] {"--data", "d", "--listen", "127.0.0.1:1", "--base", "127.77.0.1"}));
        IllegalArgumentException loss = assertThrows(IllegalArgumentException.class,
                () -> SimulatorMain.Options.parse(new String[] {"--data", "d", "--loss", "2"}));
        assertTrue(loss.getMessage().startsWith("--loss"), loss.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> SimulatorMain.Options.parse(new String[] {"--data", "d", "--count", "many"}));
        assertTrue(count.getMessage().startsWith("--count"), count.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SimulatorMain.Options.parse(new String[] {"--data"}));
        assertThrows(IllegalArgumentException.class, () -> SimulatorMain.Options.parse(new String[] {"--frobnicate", "1"}));
    }

    @Test
    void startsTheFleetAndPrintsWhereEachDeviceListens() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        try (Simulator simulator = SimulatorMain.run(new String[] {"--data", TestData.printers().toString(),
                "--listen", "127.0.0.1:0", "--count", "60", "--log-requests"}, out);
             TestClient client = new TestClient()) {
            assertNotNull(simulator);
            assertEquals(60, simulator.devices().size());
            SimulatedDevice first = simulator.devices().get(0);
            assertNotNull(client.send(client.v2c(first.address(), "public"), PDU.GET, "1.3.6.1.2.1.1.1.0"));
            String printed = buffer.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("127.0.0.1:" + first.address().getPort() + " brother communities="), printed);
            assertTrue(printed.contains("60 simulated devices listening"), printed);
            assertTrue(printed.contains("warning: skipped okilan_9450g.snmprec:23:"), printed);
            assertTrue(printed.contains("brother@127.0.0.1:" + first.address().getPort() + " 2c GET 1.3.6.1.2.1.1.1.0"),
                    printed);
        }
    }

    @Test
    void helpPrintsTheUsage() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        assertNull(SimulatorMain.run(new String[] {"--help"}, new PrintStream(buffer, true, StandardCharsets.UTF_8)));
        assertTrue(buffer.toString(StandardCharsets.UTF_8).startsWith("usage:"));
    }
}
