package org.printscout.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SnmpType;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.simulator.DeviceAddresses;
import org.printscout.simulator.Recording;
import org.printscout.simulator.SimulatedDevice;
import org.printscout.simulator.Simulator;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;

/** Every recording of the shared test data, served and read back by walk, bulk walk and GET. */
class RecordingsServedTest {

    private static List<Recording> recordings;
    private static Simulator simulator;
    private static TestClient client;

    @BeforeAll
    static void start() throws IOException {
        recordings = Recording.loadAll(List.of(TestData.printers()));
        simulator = Simulator.builder()
                .fleet(recordings, DeviceAddresses.successivePorts(InetAddress.getLoopbackAddress(), 0, recordings.size()))
                .start();
        client = new TestClient();
    }

    @AfterAll
    static void stop() throws IOException {
        client.close();
        simulator.close();
    }

    @Test
    void everyRecordingIsLoadedAndOnlyDamagedLinesAreLeftOut() {
        assertEquals(57, recordings.size());
        for (Recording recording : recordings) {
            assertFalse(recording.snapshot().isEmpty(), recording.name());
        }
        Recording oki = recordings.stream().filter(r -> r.name().equals("okilan_9450g")).findFirst().orElseThrow();
        assertEquals(1, oki.skippedLines().size(), "the corrupted Counter32 '6git3159' is the one bad line");
        assertTrue(oki.skippedLines().get(0).contains(":23:"), oki.skippedLines().get(0));
        assertEquals(1, recordings.stream().mapToInt(r -> r.skippedLines().size()).sum());
    }

    @Test
    void getNextWalkReturnsEveryRecordedValueInOrder() throws IOException {
        for (SimulatedDevice device : simulator.devices()) {
            Map<Oid, SnmpValue> walked = client.walk(client.v2c(device.address(), device.name()), 0);
            assertSameValues(device.served().asMap(), walked, device.name());
        }
    }

    @Test
    void getBulkWalkReturnsEveryRecordedValueInOrder() throws IOException {
        for (SimulatedDevice device : simulator.devices()) {
            Map<Oid, SnmpValue> walked = client.walk(client.v2c(device.address(), device.name()), 25);
            assertSameValues(device.served().asMap(), walked, device.name());
        }
    }

    @Test
    void getReturnsEveryRecordedValue() throws IOException {
        for (SimulatedDevice device : simulator.devices()) {
            CommunityTarget<UdpAddress> target = client.v2c(device.address(), device.name());
            List<String> oids = device.served().asMap().keySet().stream().map(Oid::toString).toList();
            Map<Oid, SnmpValue> got = new TreeMap<>();
            for (int from = 0; from < oids.size(); from += 30) {
                List<String> batch = oids.subList(from, Math.min(oids.size(), from + 30));
                PDU response = client.send(target, PDU.GET, batch.toArray(String[]::new));
                assertNotNull(response, device.name());
                assertEquals(0, response.getErrorStatus(), device.name());
                for (VariableBinding binding : response.getVariableBindings()) {
                    got.put(Oid.of(binding.getOid().getValue()), TestClient.value(binding.getVariable()));
                }
            }
            assertSameValues(device.served().asMap(), got, device.name());
        }
    }

    @Test
    void v1WalkSkipsCounter64ValuesAndEndsWithNoSuchName() throws IOException {
        SimulatedDevice jetdirect = simulator.devices().stream().filter(d -> d.name().equals("jetdirect_m130nw"))
                .findFirst().orElseThrow();
        Map<Oid, SnmpValue> expected = new TreeMap<>(jetdirect.served().asMap());
        List<Oid> counter64 = new ArrayList<>();
        expected.forEach((oid, value) -> {
            if (value.type() == SnmpType.COUNTER64) {
                counter64.add(oid);
            }
        });
        assertFalse(counter64.isEmpty(), "the recording has Counter64 values to skip");
        counter64.forEach(expected::remove);
        assertSameValues(expected, client.walk(client.v1(jetdirect.address(), jetdirect.name()), 0), jetdirect.name());
    }

    /**
     * Names the first difference instead of printing two thousand values. A recorded OID value with
     * one arc ("0" in zebra's hrDeviceID) cannot travel: BER packs the first two arcs into one
     * sub-identifier, so it arrives as "0.0".
     */
    static void assertSameValues(Map<Oid, SnmpValue> expected, Map<Oid, SnmpValue> actual, String device) {
        for (Map.Entry<Oid, SnmpValue> entry : expected.entrySet()) {
            SnmpValue value = entry.getValue();
            if (value.type() == SnmpType.OBJECT_IDENTIFIER && value.asOid().orElseThrow().size() == 1) {
                value = SnmpValue.objectId(value.asOid().orElseThrow().append(0));
            }
            assertEquals(value, actual.get(entry.getKey()), device + " " + entry.getKey());
        }
        for (Oid oid : actual.keySet()) {
            assertTrue(expected.containsKey(oid), device + ": unexpected " + oid);
        }
    }
}
