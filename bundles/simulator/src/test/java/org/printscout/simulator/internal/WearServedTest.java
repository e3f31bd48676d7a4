package org.printscout.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SnmpType;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.simulator.Recording;
import org.printscout.simulator.Simulator;
import org.snmp4j.PDU;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * Wear over SNMP, by a clock the test moves. Each test starts its own simulator: the furthest time
 * a simulator has seen stays with it.
 */
class WearServedTest {

    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private static TestClient client;

    /** A clock only the test moves, so nothing sleeps. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-01T08:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        void set(Instant to) {
            now = to;
        }

        Instant now() {
            return now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @BeforeAll
    static void start() throws IOException {
        client = new TestClient();
    }

    @AfterAll
    static void stop() throws IOException {
        client.close();
    }

    /** Three pages a minute, supplies 1 % of their capacity every 10 minutes: the demo's rates. */
    private static Simulator worn(Clock clock) throws IOException {
        return Simulator.builder().device(ANY_PORT, WearTest.worn(), "worn").wear(180, 6).clock(clock).start();
    }

    private static Variable get(Simulator simulator, String name, String oid) throws IOException {
        PDU response = client.send(client.v2c(simulator.devices().get(0).address(), name), PDU.GET, oid);
        return response.get(0).getVariable();
    }

    @Test
    void countersGrowAndSuppliesDrainAndRefillAsTheClockMoves() throws IOException {
        MovableClock clock = new MovableClock();
        Instant start = clock.now();
        try (Simulator worn = worn(clock)) {
            assertEquals(new Counter32(4242), get(worn, "worn", WearTest.LIFE_COUNT));
            assertEquals(new Integer32(50), get(worn, "worn", WearTest.SUPPLY_LEVEL + 1));
            clock.advance(Duration.ofMinutes(10));
            assertEquals(new Counter32(4272), get(worn, "worn", WearTest.LIFE_COUNT));
            assertEquals(new Integer32(49), get(worn, "worn", WearTest.SUPPLY_LEVEL + 1));
            clock.set(start.plus(Duration.ofMinutes(10 * 50)));
            assertEquals(new Integer32(0), get(worn, "worn", WearTest.SUPPLY_LEVEL + 1));
            clock.advance(Duration.ofMinutes(10));
            assertEquals(new Integer32(100), get(worn, "worn", WearTest.SUPPLY_LEVEL + 1));
            assertEquals(new Counter32(4242 + 3 * 510), get(worn, "worn", WearTest.LIFE_COUNT));
            // unknown level, waste box, unknown capacity: as recorded
            assertEquals(new Integer32(-3), get(worn, "worn", WearTest.SUPPLY_LEVEL + 2));
            assertEquals(new Integer32(10), get(worn, "worn", WearTest.SUPPLY_LEVEL + 3));
            assertEquals(new Integer32(70), get(worn, "worn", WearTest.SUPPLY_LEVEL + 4));
        }
    }

    @Test
    void aClockSetBackDoesNotTakePagesAway() throws IOException {
        MovableClock own = new MovableClock();
        Instant start = own.now();
        // a simulator of its own: the furthest time seen stays with the simulator
        try (Simulator simulator = worn(own)) {
            own.set(start.plus(Duration.ofDays(400)));
            long far = get(simulator, "worn", WearTest.LIFE_COUNT).toLong();
            assertEquals(4242 + 180L * 24 * 400, far);
            own.set(start.plus(Duration.ofHours(1)));
            assertEquals(far, get(simulator, "worn", WearTest.LIFE_COUNT).toLong());
        }
    }

    @Test
    void getGetNextAndGetBulkAgreeAtOneInstant() throws IOException {
        MovableClock clock = new MovableClock();
        try (Simulator worn = worn(clock)) {
            clock.advance(Duration.ofDays(2).plusMinutes(7));
            Variable byGet = get(worn, "worn", WearTest.LIFE_COUNT);
            PDU next = client.send(client.v2c(worn.devices().get(0).address(), "worn"), PDU.GETNEXT,
                    "1.3.6.1.2.1.43.10.2.1.4");
            assertEquals(new OID(WearTest.LIFE_COUNT), next.get(0).getOid());
            assertEquals(byGet, next.get(0).getVariable());
            Map<Oid, SnmpValue> walked = client.walk(client.v2c(worn.devices().get(0).address(), "worn"), 3);
            assertEquals(SnmpValue.number(SnmpType.COUNTER32, byGet.toLong()), walked.get(Oid.parse(WearTest.LIFE_COUNT)));
            Variable level = get(worn, "worn", WearTest.SUPPLY_LEVEL + 1);
            assertEquals(SnmpValue.integer(level.toLong()), walked.get(Oid.parse(WearTest.SUPPLY_LEVEL + 1)));
            PDU bulk = client.bulk(client.v2c(worn.devices().get(0).address(), "worn"), 0, 1,
                    "1.3.6.1.2.1.43.10.2.1.4", WearTest.SUPPLY_CAPACITY + 4);
            assertEquals(List.of(byGet, level), List.of(bulk.get(0).getVariable(), bulk.get(1).getVariable()));
        }
    }

    @Test
    void offByDefaultEveryValueIsTheRecordingsAtAnyTime() throws IOException {
        MovableClock clock = new MovableClock();
        try (Simulator asRecorded = Simulator.builder().device(ANY_PORT, WearTest.worn(), "recorded").clock(clock).start()) {
            clock.advance(Duration.ofDays(30));
            Map<Oid, SnmpValue> walked = client.walk(client.v2c(asRecorded.devices().get(0).address(), "recorded"), 5);
            assertEquals(WearTest.worn().asMap(), walked);
        }
    }

    @Test
    void aRecordedPrinterAnHourLaterDiffersInItsPageCountAndSupplyLevelsOnly() throws IOException {
        Recording konica = Recording.load(TestData.printers().resolve("konica_c250i.snmprec"));
        MovableClock clock = new MovableClock();
        try (Simulator simulator = Simulator.builder().device(ANY_PORT, konica).wear(180, 6).clock(clock).start()) {
            Map<Oid, SnmpValue> before = client.walk(client.v2c(simulator.devices().get(0).address(), konica.name()), 20);
            assertEquals(konica.snapshot().asMap(), before);
            clock.advance(Duration.ofHours(1));
            Map<Oid, SnmpValue> after = client.walk(client.v2c(simulator.devices().get(0).address(), konica.name()), 20);
            Map<Oid, SnmpValue> changed = new TreeMap<>();
            after.forEach((oid, value) -> {
                if (!value.equals(before.get(oid))) {
                    changed.put(oid, value);
                }
            });
            assertEquals(before.keySet(), after.keySet());
            // toners of capacity 100 at 76, 78, 77, 86 lose 6; the row of unknown capacity and level (-2, -3) stays
            assertEquals(Map.of(Oid.parse(WearTest.LIFE_COUNT), SnmpValue.number(SnmpType.COUNTER32, 33810 + 180),
                    Oid.parse(WearTest.SUPPLY_LEVEL + 1), SnmpValue.integer(70),
                    Oid.parse(WearTest.SUPPLY_LEVEL + 2), SnmpValue.integer(72),
                    Oid.parse(WearTest.SUPPLY_LEVEL + 3), SnmpValue.integer(71),
                    Oid.parse(WearTest.SUPPLY_LEVEL + 4), SnmpValue.integer(80)), changed);
        }
    }

    @Test
    void theBuilderRefusesNegativeRates() {
        assertThrows(IllegalArgumentException.class, () -> Simulator.builder().wear(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> Simulator.builder().wear(0, Double.NaN));
    }
}
