package org.printscout.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.service.log.Logger;
import org.printscout.api.snmp.Oid;
import org.printscout.simulator.SimulatedDevice;
import org.printscout.simulator.Simulator;
import org.snmp4j.PDU;

/** The DS face: configuration checked key by key, a fleet started on activation, stopped on deactivation. */
class SimulatorComponentTest {

    /** A configuration as DS builds it: the given values, the annotation's defaults for the rest. */
    static SimulatorConfiguration config(Map<String, Object> values) {
        return (SimulatorConfiguration) Proxy.newProxyInstance(SimulatorConfiguration.class.getClassLoader(),
                new Class<?>[] {SimulatorConfiguration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return SimulatorConfiguration.class;
                    }
                    return values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
                });
    }

    private static final List<String> logged = new CopyOnWriteArrayList<>();

    static Logger logger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getReturnType() == boolean.class) {
                        return true;
                    }
                    if (args != null && args.length > 0 && args[0] instanceof String format) {
                        logged.add(method.getName() + " " + format + " " + List.of(args).subList(1, args.length));
                    }
                    return null;
                });
    }

    static BundleContext context(String home) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> method.getName().equals("getProperty") && "printscout.home".equals(args[0])
                        ? home : null);
    }

    @Test
    void aConfigurationBecomesAFleetPlan() {
        FleetPlan plan = SimulatorComponent.plan(config(Map.of(
                "data", new String[] {"simulator/printers", "/abs/one.snmprec"},
                "layout", "ports", "port", 20000, "count", 12, "latencyMillis", 5, "jitterMillis", 2,
                "lossProbability", 0.25, "walkLoopFrom", "1.3.6.1.2.1.43", "syntheticTable", "1.3.6.1.4.1.99999.1",
                "_usmUsers", new String[] {"u:SHA-256:authpass1"})), "/opt/printscout");
        assertEquals(List.of(Path.of("/opt/printscout/simulator/printers"), Path.of("/abs/one.snmprec")), plan.data());
        assertTrue(plan.successivePorts());
        assertEquals(20000, plan.port());
        assertEquals(12, plan.count());
        assertEquals(Duration.ofMillis(5), plan.faults().latency());
        assertEquals(0.25, plan.faults().lossProbability());
        assertEquals(Oid.parse("1.3.6.1.2.1.43"), plan.faults().walkLoopFrom());
        assertEquals(100_000, plan.faults().syntheticTable().rows());
        assertEquals("u", plan.usmUsers().get(0).user());
        assertEquals(List.of("public"), plan.communities());
        assertTrue(plan.wear().isOff());
    }

    @Test
    void wearIsOffByDefaultAndTakenFromItsTwoKeys() {
        FleetPlan plan = SimulatorComponent.plan(config(Map.of("data", new String[] {"d"},
                "wearPagesPerHour", 180.0, "wearSupplyPercentPerHour", 6.0)), "/opt/printscout");
        assertEquals(new Wear(180, 6), plan.wear());
        assertTrue(message(Map.of("data", new String[] {"d"}, "wearPagesPerHour", -1.0)).startsWith("wearPagesPerHour:"));
        assertTrue(message(Map.of("data", new String[] {"d"}, "wearSupplyPercentPerHour", Double.NaN))
                .startsWith("wearSupplyPercentPerHour:"));
    }

    @Test
    void aBadValueIsReportedWithItsKeyAndWithoutPassPhrases() {
        assertTrue(message(Map.of()).startsWith("data:"));
        assertTrue(message(Map.of("data", new String[] {"d"}, "layout", "grid")).startsWith("layout:"));
        assertTrue(message(Map.of("data", new String[] {"d"}, "address", "127.0.0.256")).startsWith("address:"));
        assertTrue(message(Map.of("data", new String[] {"d"}, "lossProbability", 3.0)).startsWith("faults:"));
        assertTrue(message(Map.of("data", new String[] {"d"}, "walkLoopFrom", "1.x")).contains("walkLoopFrom:"));
        String user = message(Map.of("data", new String[] {"d"}, "_usmUsers", new String[] {"bob:SHA:secretpass:XYZ:otherpass"}));
        assertTrue(user.startsWith(".usmUsers: user 'bob'"), user);
        assertFalse(user.contains("secretpass"), user);
    }

    private static String message(Map<String, Object> values) {
        return assertThrows(IllegalArgumentException.class, () -> SimulatorComponent.plan(config(values), null)).getMessage();
    }

    @Test
    void activationStartsTheFleetAndDeactivationStopsIt() throws IOException {
        logged.clear();
        SimulatorComponent component = new SimulatorComponent(config(Map.of(
                "data", new String[] {TestData.printers().toString()}, "address", "127.0.0.1", "layout", "ports",
                "port", 0, "count", 5, "logRequests", true)), context(null), logger());
        try (TestClient client = new TestClient()) {
            assertEquals(5, component.devices().size());
            SimulatedDevice device = component.devices().get(4);
            assertNotNull(client.send(client.v2c(device.address(), "public"), PDU.GET, "1.3.6.1.2.1.1.2.0"));
            assertEquals(1, component.statistics().getRequests());
            assertTrue(logged.stream().anyMatch(line -> line.startsWith("info simulating {} devices")), logged.toString());
            assertTrue(logged.stream().anyMatch(line -> line.contains("GET 1.3.6.1.2.1.1.2.0")), logged.toString());
            assertTrue(logged.stream().anyMatch(line -> line.startsWith("warn") && line.contains("okilan_9450g")),
                    logged.toString());
            assertThrows(UnsupportedOperationException.class, component::close);
        } finally {
            component.stop();
        }
        assertTrue(logged.stream().anyMatch(line -> line.startsWith("info simulator stopped")), logged.toString());
        // the sockets are free again
        try (Simulator again = Simulator.builder().device(component.devices().get(0).address(),
                ProtocolTest.smallPrinter(), "again").start()) {
            assertEquals(1, again.devices().size());
        }
        assertFalse(logged.stream().anyMatch(line -> line.contains("auctoritas")));
        assertEquals(InetAddress.getByName("127.0.0.1"), component.devices().get(0).address().getAddress());
    }
}
