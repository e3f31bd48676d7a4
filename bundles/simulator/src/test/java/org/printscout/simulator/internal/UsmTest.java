package org.printscout.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.printscout.api.snmp.AuthProtocol;
import org.printscout.api.snmp.Credential;
import org.printscout.api.snmp.PrivProtocol;
import org.printscout.api.snmp.SecurityLevel;
import org.printscout.simulator.DeviceAddresses;
import org.printscout.simulator.Recording;
import org.printscout.simulator.SimulatedDevice;
import org.printscout.simulator.Simulator;
import org.snmp4j.PDU;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;

/** SNMPv3: users with every family of auth and privacy protocol, and per-device engine ids. */
class UsmTest {

    static final List<Credential.Usm> USERS = List.of(
            Simulator.DEFAULT_USM_USER,
            user("sha-aes", AuthProtocol.SHA1, PrivProtocol.AES128),
            user("sha224-3des", AuthProtocol.SHA224, PrivProtocol.TRIPLE_DES),
            user("sha256-aes192", AuthProtocol.SHA256, PrivProtocol.AES192),
            user("sha384-aes256", AuthProtocol.SHA384, PrivProtocol.AES256),
            user("sha512-aes256c", AuthProtocol.SHA512, PrivProtocol.AES256_3DES_KEY),
            user("sha-aes192c", AuthProtocol.SHA1, PrivProtocol.AES192_3DES_KEY),
            new Credential.Usm("md5-auth", SecurityLevel.AUTH_NO_PRIV, AuthProtocol.MD5, "authpass1", null, null, ""),
            new Credential.Usm("noauth", SecurityLevel.NO_AUTH_NO_PRIV, null, null, null, null, ""));

    private static Simulator simulator;
    private static TestClient client;

    static Credential.Usm user(String name, AuthProtocol auth, PrivProtocol priv) {
        return new Credential.Usm(name, SecurityLevel.AUTH_PRIV, auth, "authpass-" + name, priv, "privpass-" + name, "");
    }

    @BeforeAll
    static void start() throws IOException {
        Simulator.Builder builder = Simulator.builder().fleet(
                List.of(Recording.of("small", ProtocolTest.smallPrinter())),
                DeviceAddresses.successivePorts(InetAddress.getLoopbackAddress(), 0, 2));
        USERS.stream().filter(u -> u != Simulator.DEFAULT_USM_USER).forEach(builder::usmUser);
        simulator = builder.start();
        client = new TestClient();
        USERS.forEach(client::addUser);
    }

    @AfterAll
    static void stop() throws IOException {
        client.close();
        simulator.close();
    }

    @Test
    void everyUserReadsWithItsProtocols() throws IOException {
        SimulatedDevice device = simulator.devices().get(0);
        for (Credential.Usm user : USERS) {
            PDU response = client.send(client.v3(device.address(), user), PDU.GET, ProtocolTest.SYS_DESCR);
            assertNotNull(response, user.toString());
            assertEquals(0, response.getErrorStatus(), user.toString());
            assertEquals(new OctetString("Test Printer"), response.get(0).getVariable(), user.toString());
        }
        PDU bulk = client.bulk(client.v3(device.address(), USERS.get(5)), 0, 10, ProtocolTest.IF_INDEX);
        assertEquals(7, bulk.size());
    }

    @Test
    void everyDeviceHasItsOwnEngineId() {
        SimulatedDevice first = simulator.devices().get(0);
        SimulatedDevice second = simulator.devices().get(1);
        byte[] discoveredFirst = client.snmp.discoverAuthoritativeEngineID(TestClient.udp(first.address()), 1500);
        byte[] discoveredSecond = client.snmp.discoverAuthoritativeEngineID(TestClient.udp(second.address()), 1500);
        assertArrayEquals(first.engineId(), discoveredFirst);
        assertArrayEquals(second.engineId(), discoveredSecond);
        assertFalse(Arrays.equals(discoveredFirst, discoveredSecond));
        assertTrue(first.statistics().engineIdDiscoveries() > 0);
    }

    @Test
    void aWrongPassPhraseOrUnknownUserGetsNoData() throws IOException {
        SimulatedDevice device = simulator.devices().get(1);
        long before = device.statistics().securityFailures();
        try (TestClient wrong = new TestClient(400)) {
            Credential.Usm wrongKey = new Credential.Usm("sha-aes", SecurityLevel.AUTH_PRIV, AuthProtocol.SHA1,
                    "not-the-pass-phrase", PrivProtocol.AES128, "privpass-sha-aes", "");
            Credential.Usm stranger = user("stranger", AuthProtocol.SHA1, PrivProtocol.AES128);
            wrong.addUser(wrongKey);
            wrong.addUser(stranger);
            PDU wrongKeyResponse = wrong.send(wrong.v3(device.address(), wrongKey), PDU.GET, ProtocolTest.SYS_DESCR);
            assertTrue(wrongKeyResponse == null || wrongKeyResponse.getType() == PDU.REPORT);
            PDU strangerResponse = wrong.send(wrong.v3(device.address(), stranger), PDU.GET, ProtocolTest.SYS_DESCR);
            assertTrue(strangerResponse == null || strangerResponse.getType() == PDU.REPORT);
        }
        assertTrue(device.statistics().securityFailures() >= before + 2);
    }

    @Test
    void v3SetIsRefusedToo() throws IOException {
        SimulatedDevice device = simulator.devices().get(0);
        PDU pdu = TestClient.pduFor(client.v3(device.address(), USERS.get(1)));
        pdu.setType(PDU.SET);
        pdu.add(new VariableBinding(new OID(ProtocolTest.SYS_DESCR), new OctetString("x")));
        PDU response = client.send(client.v3(device.address(), USERS.get(1)), pdu);
        assertEquals(SnmpConstants.SNMP_ERROR_NOT_WRITEABLE, response.getErrorStatus());
    }
}
