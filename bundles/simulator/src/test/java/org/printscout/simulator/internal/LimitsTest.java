package org.printscout.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.simulator.SimulatedDevice;
import org.printscout.simulator.Simulator;
import org.printscout.simulator.TrafficStatistics;
import org.snmp4j.PDU;
import org.snmp4j.mp.SnmpConstants;

/** tooBig and cut GETBULK answers, by varbind count and by message size. */
class LimitsTest {

    static final String DESCRIPTIONS = "1.3.6.1.2.1.43.11.1.1.6.1";

    private static Simulator simulator;
    private static SimulatedDevice byCount;
    private static SimulatedDevice bySize;
    private static TestClient client;

    /** Twenty supplies with 100-character descriptions: four of them do not fit in 484 bytes. */
    static Snapshot longDescriptions() {
        Map<Oid, SnmpValue> values = new TreeMap<>();
        for (int i = 1; i <= 20; i++) {
            values.put(Oid.parse(DESCRIPTIONS + "." + i), SnmpValue.text(String.format("%-100s", "Supply " + i)));
        }
        return Snapshot.of(values);
    }

    @BeforeAll
    static void start() throws IOException {
        InetSocketAddress anyPort = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        simulator = Simulator.builder()
                .device(anyPort, longDescriptions(), "supplies")
                .maxResponseVarbinds(4)
                .start();
        byCount = simulator.devices().get(0);
        bySize = Simulator.builder().device(anyPort, longDescriptions(), "supplies").maxMessageSize(484).start()
                .devices().get(0);
        client = new TestClient();
    }

    @AfterAll
    static void stop() throws IOException {
        client.close();
        simulator.close();
    }

    private static String[] supplies(int count) {
        String[] oids = new String[count];
        for (int i = 0; i < count; i++) {
            oids[i] = DESCRIPTIONS + "." + (i + 1);
        }
        return oids;
    }

    @Test
    void aGetWithMoreVarbindsThanTheLimitIsTooBig() throws IOException {
        long before = byCount.statistics().tooBigResponses();
        assertEquals(0, client.send(client.v2c(byCount.address(), "supplies"), PDU.GET, supplies(4)).getErrorStatus());
        PDU response = client.send(client.v2c(byCount.address(), "supplies"), PDU.GET, supplies(5));
        assertEquals(SnmpConstants.SNMP_ERROR_TOO_BIG, response.getErrorStatus());
        assertEquals(0, response.size(), "a v2c tooBig carries no bindings");
        assertEquals(before + 1, byCount.statistics().tooBigResponses());
        PDU v1 = client.send(client.v1(byCount.address(), "supplies"), PDU.GETNEXT, supplies(5));
        assertEquals(SnmpConstants.SNMP_ERROR_TOO_BIG, v1.getErrorStatus());
        assertEquals(5, v1.size(), "a v1 tooBig echoes the request");
    }

    @Test
    void aGetBulkIsCutToTheVarbindLimit() throws IOException {
        PDU response = client.bulk(client.v2c(byCount.address(), "supplies"), 0, 50, DESCRIPTIONS);
        assertEquals(0, response.getErrorStatus());
        assertEquals(4, response.size());
    }

    @Test
    void aResponseLargerThanTheMessageLimitIsTooBig() throws IOException {
        PDU response = client.send(client.v2c(bySize.address(), "supplies"), PDU.GET, supplies(4));
        assertEquals(SnmpConstants.SNMP_ERROR_TOO_BIG, response.getErrorStatus());
        assertEquals(0, client.send(client.v2c(bySize.address(), "supplies"), PDU.GET, supplies(3)).getErrorStatus());
    }

    @Test
    void aGetBulkIsCutToFitTheMessageLimit() throws IOException {
        TrafficStatistics before = bySize.statistics();
        PDU response = client.bulk(client.v2c(bySize.address(), "supplies"), 0, 20, DESCRIPTIONS);
        TrafficStatistics after = bySize.statistics();
        assertEquals(0, response.getErrorStatus());
        assertEquals(3, response.size());
        long sent = after.bytesOut() - before.bytesOut();
        assertTrue(sent <= 484, "response of " + sent + " bytes");
    }
}
