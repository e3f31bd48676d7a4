package org.printscout.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.printscout.api.snmp.Oid;
import org.printscout.simulator.Faults;
import org.printscout.simulator.SimulatedDevice;
import org.printscout.simulator.Simulator;
import org.snmp4j.PDU;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;

/** Every fault, one device each, plus reproducibility with a seed. */
class FaultsTest {

    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final String TABLE = "1.3.6.1.4.1.99999.1";

    private static Simulator simulator;
    private static TestClient client;
    private static RawClient raw;

    @BeforeAll
    static void start() throws IOException {
        simulator = Simulator.builder()
                .device(ANY_PORT, ProtocolTest.smallPrinter(), "healthy")
                .device(ANY_PORT, ProtocolTest.smallPrinter(), "lossy", Faults.NONE.withLoss(1))
                .device(ANY_PORT, ProtocolTest.smallPrinter(), "slow",
                        Faults.NONE.withLatency(Duration.ofMillis(200), Duration.ofMillis(50)))
                .device(ANY_PORT, ProtocolTest.smallPrinter(), "truncating", Faults.NONE.withTruncation(1))
                .device(ANY_PORT, ProtocolTest.smallPrinter(), "garbling", Faults.NONE.withGarbage(1))
                .device(ANY_PORT, ProtocolTest.smallPrinter(), "confused", Faults.NONE.withWrongRequestId(1))
                .device(ANY_PORT, ProtocolTest.smallPrinter(), "mistyped", Faults.NONE.withWrongTypes(1))
                .device(ANY_PORT, ProtocolTest.smallPrinter(), "looping",
                        Faults.NONE.withWalkLoopFrom(Oid.parse(ProtocolTest.IF_DESCR)))
                .device(ANY_PORT, ProtocolTest.smallPrinter(), "huge",
                        Faults.NONE.withSyntheticTable(new Faults.SyntheticTable(Oid.parse(TABLE), 100_000)))
                .start();
        client = new TestClient(400);
        raw = new RawClient(400);
    }

    @AfterAll
    static void stop() throws IOException {
        raw.close();
        client.close();
        simulator.close();
    }

    private static SimulatedDevice named(String name) {
        return simulator.devices().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    private static PDU get(String device, String... oids) throws IOException {
        return client.send(client.v2c(named(device).address(), device), PDU.GET, oids);
    }

    private static PDU next(String device, String oid) throws IOException {
        return client.send(client.v2c(named(device).address(), device), PDU.GETNEXT, oid);
    }

    @Test
    void lossDropsRequestsAndCountsThem() throws IOException {
        assertNull(get("lossy", ProtocolTest.SYS_DESCR));
        assertEquals(1, named("lossy").statistics().droppedByFault());
        assertEquals(0, named("lossy").statistics().packetsOut());
    }

    @Test
    void latencyDelaysEveryResponse() throws IOException {
        long start = System.nanoTime();
        try (TestClient patient = new TestClient(2000)) {
            assertNotNull(patient.send(patient.v2c(named("slow").address(), "slow"), PDU.GET, ProtocolTest.SYS_DESCR));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 200, millis + " ms");
    }

    @Test
    void truncatedResponsesCannotBeDecoded() throws IOException {
        byte[] request = RawClient.v2cGet("truncating", 7, ProtocolTest.SYS_DESCR);
        byte[] answer = raw.exchange(named("truncating").address(), request);
        byte[] healthy = raw.exchange(named("healthy").address(), RawClient.v2cGet("healthy", 7, ProtocolTest.SYS_DESCR));
        assertNotNull(answer);
        assertTrue(answer.length < healthy.length);
        assertThrows(IOException.class, () -> RawClient.decode(answer));
        assertEquals(1, named("truncating").statistics().malformedResponses());
    }

    @Test
    void garbageResponsesHaveTheLengthButNotTheContent() throws IOException {
        byte[] answer = raw.exchange(named("garbling").address(), RawClient.v2cGet("garbling", 8, ProtocolTest.SYS_DESCR));
        byte[] healthy = raw.exchange(named("healthy").address(), RawClient.v2cGet("garbling", 8, ProtocolTest.SYS_DESCR));
        assertNull(healthy, "the healthy device does not know the community 'garbling'");
        byte[] expected = raw.exchange(named("healthy").address(), RawClient.v2cGet("healthy", 8, ProtocolTest.SYS_DESCR));
        assertNotNull(answer);
        assertEquals(expected.length + "garbling".length() - "healthy".length(), answer.length);
        assertFalse(Arrays.equals(expected, answer));
    }

    @Test
    void wrongRequestIdsDoNotMatchTheRequest() throws IOException {
        byte[] answer = raw.exchange(named("confused").address(), RawClient.v2cGet("confused", 4711, ProtocolTest.SYS_DESCR));
        PDU response = RawClient.decode(answer);
        assertNotEquals(4711, response.getRequestID().getValue());
        assertEquals(new OctetString("Test Printer"), response.get(0).getVariable());
        assertNull(get("confused", ProtocolTest.SYS_DESCR), "SNMP4J cannot match the response");
    }

    @Test
    void wrongTypesAnswerValuesUnderAnotherSyntax() throws IOException {
        PDU response = get("mistyped", ProtocolTest.SYS_DESCR, "1.3.6.1.2.1.1.3.0", "1.3.6.1.2.1.1.2.0",
                "1.3.6.1.2.1.1.99.0");
        assertEquals(new Integer32("Test Printer".length()), response.get(0).getVariable());
        assertEquals(new OctetString("12345"), response.get(1).getVariable());
        assertEquals(new OctetString("1.3.6.1.4.1.99"), response.get(2).getVariable());
        assertEquals(Null.noSuchObject, response.get(3).getVariable(), "exceptions stay exceptions");
    }

    @Test
    void aWalkLoopRepeatsTheOidFromTheLoopPointOn() throws IOException {
        assertEquals(new OID(ProtocolTest.IF_INDEX + ".2"), next("looping", ProtocolTest.IF_INDEX + ".1").get(0).getOid());
        assertEquals(new OID(ProtocolTest.IF_DESCR + ".1"), next("looping", ProtocolTest.IF_INDEX + ".2").get(0).getOid());
        VariableBinding stuck = next("looping", ProtocolTest.IF_DESCR + ".1").get(0);
        assertEquals(new OID(ProtocolTest.IF_DESCR + ".1"), stuck.getOid(), "GETNEXT does not move forward");
        assertTrue(next("looping", ProtocolTest.IF_DESCR + ".1.7").get(0).getOid()
                .compareTo(new OID(ProtocolTest.IF_DESCR + ".1.7")) <= 0);
        PDU bulk = client.bulk(client.v2c(named("looping").address(), "looping"), 0, 5, ProtocolTest.IF_DESCR + ".2");
        assertEquals(5, bulk.size());
        bulk.getVariableBindings().forEach(b -> assertEquals(new OID(ProtocolTest.IF_DESCR + ".2"), b.getOid()));
    }

    @Test
    void aSyntheticTableServesItsRowsWithoutStoringThem() throws IOException {
        PDU last = get("huge", TABLE + ".1.2.100000", TABLE + ".1.2.100001", TABLE + ".1.1.5", TABLE + ".1.3.5");
        assertEquals(new OctetString("synthetic row 100000"), last.get(0).getVariable());
        assertEquals(Null.noSuchInstance, last.get(1).getVariable());
        assertEquals(new Integer32(5), last.get(2).getVariable());
        assertEquals(50L, last.get(3).getVariable().toLong());
        assertEquals(new OID(TABLE + ".1.1.1"), next("huge", ProtocolTest.MARKER_LIFE_COUNT).get(0).getOid());
        assertEquals(new OID(TABLE + ".1.2.1"), next("huge", TABLE + ".1.1.100000").get(0).getOid());
        assertEquals(Null.endOfMibView, next("huge", TABLE + ".1.3.100000").get(0).getVariable());

        int rows = 0;
        OID cursor = new OID(TABLE + ".1.1");
        OID column = new OID(TABLE + ".1.1");
        walk:
        while (true) {
            PDU response = client.bulk(client.v2c(named("huge").address(), "huge"), 0, 64, cursor.toDottedString());
            for (VariableBinding binding : response.getVariableBindings()) {
                if (!binding.getOid().startsWith(column)) {
                    break walk;
                }
                assertTrue(binding.getOid().compareTo(cursor) > 0);
                cursor = binding.getOid();
                rows++;
            }
        }
        assertEquals(100_000, rows);
    }

    @Test
    void theSameSeedGivesTheSameFaults() throws IOException {
        assertEquals(truncationPattern(42), truncationPattern(42));
        assertNotEquals(truncationPattern(42), truncationPattern(43));
    }

    /** Which of 32 answers came back truncated, with truncation at 50%. */
    private static List<Boolean> truncationPattern(long seed) throws IOException {
        try (Simulator seeded = Simulator.builder()
                .device(ANY_PORT, ProtocolTest.smallPrinter(), "coin", Faults.NONE.withTruncation(0.5))
                .seed(seed).start()) {
            List<Boolean> truncated = new ArrayList<>();
            byte[] request = RawClient.v2cGet("coin", 1, ProtocolTest.SYS_DESCR);
            byte[] whole = raw.exchange(named("healthy").address(), RawClient.v2cGet("healthy", 1, ProtocolTest.SYS_DESCR));
            for (int i = 0; i < 32; i++) {
                byte[] answer = raw.exchange(seeded.devices().get(0).address(), request);
                truncated.add(answer.length < whole.length + "coin".length() - "healthy".length());
            }
            return truncated;
        }
    }

    @Test
    void faultsChangeAtRunTimePerDevice() throws IOException {
        try (Simulator pair = Simulator.builder().device(ANY_PORT, ProtocolTest.smallPrinter(), "a")
                .device(ANY_PORT, ProtocolTest.smallPrinter(), "b").start()) {
            SimulatedDevice a = pair.devices().get(0);
            SimulatedDevice b = pair.devices().get(1);
            a.setFaults(Faults.NONE.withLoss(1));
            assertNull(client.send(client.v2c(a.address(), "a"), PDU.GET, ProtocolTest.SYS_DESCR));
            assertNotNull(client.send(client.v2c(b.address(), "b"), PDU.GET, ProtocolTest.SYS_DESCR));
            a.setFaults(Faults.NONE);
            assertNotNull(client.send(client.v2c(a.address(), "a"), PDU.GET, ProtocolTest.SYS_DESCR));
            pair.setFaults(Faults.NONE.withLoss(1));
            assertNull(client.send(client.v2c(b.address(), "b"), PDU.GET, ProtocolTest.SYS_DESCR));
            assertEquals(Faults.NONE.withLoss(1), a.faults());
        }
    }

    @Test
    void faultSettingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Faults.NONE.withLoss(1.5));
        assertThrows(IllegalArgumentException.class, () -> Faults.NONE.withLatency(Duration.ofMillis(-1), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new Faults.SyntheticTable(Oid.parse("1.3"), 0));
    }
}
