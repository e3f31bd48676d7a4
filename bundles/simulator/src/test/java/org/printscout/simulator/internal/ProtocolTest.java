package org.printscout.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpType;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.api.snmp.SnmpVersion;
import org.printscout.simulator.PduKind;
import org.printscout.simulator.RequestRecord;
import org.printscout.simulator.SimulatedDevice;
import org.printscout.simulator.Simulator;
import org.printscout.simulator.TrafficStatistics;
import org.snmp4j.PDU;
import org.snmp4j.Target;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;

/** SNMP semantics per version, checked against a small hand-made device. */
class ProtocolTest {

    static final String SYS_DESCR = "1.3.6.1.2.1.1.1.0";
    static final String IF_INDEX = "1.3.6.1.2.1.2.2.1.1";
    static final String IF_DESCR = "1.3.6.1.2.1.2.2.1.2";
    static final String HC_IN_OCTETS_1 = "1.3.6.1.2.1.31.1.1.1.6.1";
    static final String MARKER_LIFE_COUNT = "1.3.6.1.2.1.43.10.2.1.4.1.1";

    private static final List<RequestRecord> requests = new CopyOnWriteArrayList<>();
    private static Simulator simulator;
    private static SimulatedDevice device;
    private static TestClient client;
    private static TestClient impatientClient;

    static Snapshot smallPrinter() {
        Map<Oid, SnmpValue> values = new TreeMap<>();
        values.put(Oid.parse(SYS_DESCR), SnmpValue.text("Test Printer"));
        values.put(Oid.parse("1.3.6.1.2.1.1.2.0"), SnmpValue.objectId(Oid.parse("1.3.6.1.4.1.99")));
        values.put(Oid.parse("1.3.6.1.2.1.1.3.0"), SnmpValue.number(SnmpType.TIMETICKS, 12345));
        values.put(Oid.parse(IF_INDEX + ".1"), SnmpValue.integer(1));
        values.put(Oid.parse(IF_INDEX + ".2"), SnmpValue.integer(2));
        values.put(Oid.parse(IF_DESCR + ".1"), SnmpValue.text("eth0"));
        values.put(Oid.parse(IF_DESCR + ".2"), SnmpValue.text("lo"));
        values.put(Oid.parse(HC_IN_OCTETS_1), SnmpValue.number(SnmpType.COUNTER64, 123_456_789_012L));
        values.put(Oid.parse(MARKER_LIFE_COUNT), SnmpValue.number(SnmpType.COUNTER32, 4242));
        return Snapshot.of(values);
    }

    @BeforeAll
    static void start() throws IOException {
        simulator = Simulator.builder()
                .device(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), smallPrinter(), "small")
                .community("public")
                .onRequest(requests::add)
                .start();
        device = simulator.devices().get(0);
        client = new TestClient();
        impatientClient = new TestClient(300);
    }

    @AfterAll
    static void stop() throws IOException {
        client.close();
        impatientClient.close();
        simulator.close();
    }

    private static Target<UdpAddress> v2c() {
        return client.v2c(device.address(), "small");
    }

    private static Target<UdpAddress> v1() {
        return client.v1(device.address(), "small");
    }

    private static String oid(PDU response, int index) {
        return response.get(index).getOid().toDottedString();
    }

    @Test
    void getTellsMissingInstancesFromMissingObjects() throws IOException {
        PDU response = client.send(v2c(), PDU.GET, SYS_DESCR, "1.3.6.1.2.1.1.1.1", "1.3.6.1.2.1.1.99.0",
                IF_DESCR + ".3", "1.3.6.1.4.1.1.0");
        assertEquals(0, response.getErrorStatus());
        assertEquals(new OctetString("Test Printer"), response.get(0).getVariable());
        assertEquals(Null.noSuchInstance, response.get(1).getVariable(), "sysDescr.1 next to sysDescr.0");
        assertEquals(Null.noSuchObject, response.get(2).getVariable(), "nothing recorded in system.99");
        assertEquals(Null.noSuchInstance, response.get(3).getVariable(), "a missing row of ifDescr");
        assertEquals(Null.noSuchObject, response.get(4).getVariable());
    }

    @Test
    void getNextMovesInLexicographicOrderAndEndsWithEndOfMibView() throws IOException {
        PDU response = client.send(v2c(), PDU.GETNEXT, "1.3.6.1.2.1.1", IF_INDEX + ".2", IF_DESCR + ".1.5",
                MARKER_LIFE_COUNT, "1.4");
        assertEquals(SYS_DESCR, oid(response, 0));
        assertEquals(IF_DESCR + ".1", oid(response, 1));
        assertEquals(IF_DESCR + ".2", oid(response, 2), "an OID between instances");
        assertEquals(MARKER_LIFE_COUNT, oid(response, 3));
        assertEquals(Null.endOfMibView, response.get(3).getVariable());
        assertEquals(Null.endOfMibView, response.get(4).getVariable());
    }

    @Test
    void v1GetOfAMissingObjectIsNoSuchNameAtItsIndex() throws IOException {
        PDU response = client.send(v1(), PDU.GET, SYS_DESCR, "1.3.6.1.2.1.1.99.0");
        assertEquals(SnmpConstants.SNMP_ERROR_NO_SUCH_NAME, response.getErrorStatus());
        assertEquals(2, response.getErrorIndex());
        assertEquals(2, response.size(), "v1 echoes the request's bindings");
        assertEquals(SYS_DESCR, oid(response, 0));
    }

    @Test
    void v1HasNoCounter64() throws IOException {
        PDU get = client.send(v1(), PDU.GET, HC_IN_OCTETS_1);
        assertEquals(SnmpConstants.SNMP_ERROR_NO_SUCH_NAME, get.getErrorStatus());
        PDU next = client.send(v1(), PDU.GETNEXT, IF_DESCR + ".2");
        assertEquals(0, next.getErrorStatus());
        assertEquals(MARKER_LIFE_COUNT, oid(next, 0), "the Counter64 in between is skipped");
        PDU end = client.send(v1(), PDU.GETNEXT, MARKER_LIFE_COUNT);
        assertEquals(SnmpConstants.SNMP_ERROR_NO_SUCH_NAME, end.getErrorStatus());
        assertEquals(1, end.getErrorIndex());
    }

    @Test
    void getBulkAnswersNonRepeatersOnceThenRowsOfRepeaters() throws IOException {
        PDU response = client.bulk(v2c(), 1, 3, "1.3.6.1.2.1.1.1", IF_INDEX, IF_DESCR);
        assertEquals(0, response.getErrorStatus());
        assertEquals(List.of(SYS_DESCR, IF_INDEX + ".1", IF_DESCR + ".1", IF_INDEX + ".2", IF_DESCR + ".2",
                        IF_DESCR + ".1", HC_IN_OCTETS_1),
                response.getVariableBindings().stream().map(b -> b.getOid().toDottedString()).toList());
    }

    @Test
    void getBulkStopsAfterARowThatIsAllEndOfMibView() throws IOException {
        PDU response = client.bulk(v2c(), 0, 10, HC_IN_OCTETS_1, MARKER_LIFE_COUNT);
        assertEquals(4, response.size());
        assertEquals(MARKER_LIFE_COUNT, oid(response, 0));
        assertEquals(Null.endOfMibView, response.get(1).getVariable());
        assertEquals(Null.endOfMibView, response.get(2).getVariable());
        assertEquals(Null.endOfMibView, response.get(3).getVariable());
    }

    @Test
    void answersItsRecordingsNameAndTheExtraCommunityOnly() throws IOException {
        long before = device.statistics().badCommunity();
        assertNotNull(client.send(client.v2c(device.address(), "public"), PDU.GET, SYS_DESCR));
        assertNull(impatientClient.send(impatientClient.v2c(device.address(), "private"), PDU.GET, SYS_DESCR));
        assertNull(impatientClient.send(impatientClient.v1(device.address(), "brother"), PDU.GET, SYS_DESCR));
        assertEquals(before + 2, device.statistics().badCommunity());
    }

    @Test
    void refusesEverySetAndCountsIt() throws IOException {
        long before = device.statistics().setsRefused();
        PDU existing = set(v2c(), SYS_DESCR);
        assertEquals(SnmpConstants.SNMP_ERROR_NOT_WRITEABLE, existing.getErrorStatus());
        assertEquals(1, existing.getErrorIndex());
        PDU missing = set(v2c(), "1.3.6.1.4.1.9.9.0");
        assertEquals(SnmpConstants.SNMP_ERROR_NO_ACCESS, missing.getErrorStatus());
        PDU v1 = set(v1(), SYS_DESCR);
        assertEquals(SnmpConstants.SNMP_ERROR_NO_SUCH_NAME, v1.getErrorStatus());
        assertEquals(1, v1.getErrorIndex());
        assertEquals(before + 3, device.statistics().setsRefused());
        assertEquals(new OctetString("Test Printer"), client.send(v2c(), PDU.GET, SYS_DESCR).get(0).getVariable());
    }

    private static PDU set(Target<UdpAddress> target, String oid) throws IOException {
        PDU pdu = TestClient.pduFor(target);
        pdu.setType(PDU.SET);
        pdu.add(new VariableBinding(new OID(oid), new OctetString("overwritten")));
        return client.send(target, pdu);
    }

    @Test
    void countsRequestsByTypeAndLogsTheOidsAsked() throws IOException {
        TrafficStatistics before = device.statistics();
        requests.clear();
        client.send(v2c(), PDU.GET, SYS_DESCR, IF_DESCR + ".1");
        client.send(v2c(), PDU.GETNEXT, IF_INDEX);
        client.bulk(v2c(), 0, 5, IF_DESCR);
        TrafficStatistics after = device.statistics();
        assertEquals(1, after.getRequests() - before.getRequests());
        assertEquals(1, after.getNextRequests() - before.getNextRequests());
        assertEquals(1, after.getBulkRequests() - before.getBulkRequests());
        assertEquals(4, after.varbindsRequested() - before.varbindsRequested());
        assertEquals(2 + 1 + 5, after.varbindsAnswered() - before.varbindsAnswered());
        assertEquals(3, after.packetsIn() - before.packetsIn());
        assertEquals(3, after.packetsOut() - before.packetsOut());
        assertTrue(after.bytesOut() > before.bytesOut());

        assertEquals(3, requests.size(), requests.toString());
        RequestRecord get = requests.get(0);
        assertEquals(PduKind.GET, get.kind());
        assertEquals(SnmpVersion.V2C, get.version());
        assertEquals("small", get.device());
        assertEquals(device.address(), get.deviceAddress());
        assertEquals(List.of(Oid.parse(SYS_DESCR), Oid.parse(IF_DESCR + ".1")), get.oids());
        assertEquals(PduKind.GETNEXT, requests.get(1).kind());
        assertEquals(List.of(Oid.parse(IF_INDEX)), requests.get(1).oids());
        assertEquals(PduKind.GETBULK, requests.get(2).kind());
    }
}
