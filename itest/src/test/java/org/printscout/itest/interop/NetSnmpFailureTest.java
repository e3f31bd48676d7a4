package org.printscout.itest.interop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.printscout.itest.AgentHome;

/**
 * Wrong credentials against net-snmp's snmpd end quickly with a message naming the cause, never a
 * hang, a stack trace or a secret.
 */
public class NetSnmpFailureTest {

    private static Daemon snmpd;
    private static AgentHome agent;
    private static int port;

    @BeforeClass
    public static void startSnmpdAndAgent() throws Exception {
        Daemon.requireProgram("/usr/sbin/snmpd");
        Path dir = Files.createTempDirectory("snmpd");
        port = Daemon.freeUdpPort();
        Files.writeString(dir.resolve("snmpd.conf"), "agentAddress udp:127.0.0.1:" + port + "\n"
                + "sysDescr " + NetSnmpInteropTest.SYS_DESCR + "\n"
                + "createUser alice SHA-256 alice-auth-pass AES-128 alice-priv-pass\nrouser alice priv\n"
                + "createUser bob SHA-256 bob-auth-pass\nrouser bob auth\n");
        snmpd = Daemon.start("snmpd", List.of("/usr/sbin/snmpd", "-f", "-Lo", "-C", "-c", dir.resolve("snmpd.conf").toString()),
                Map.of("MIBS", "", "SNMP_PERSISTENT_DIR", dir.resolve("persist").toString()), dir).awaitUdp(port, 10_000);
        agent = AgentHome.copyOfDistribution();
        agent.start();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (snmpd != null) {
            snmpd.close();
        }
    }

    private AgentHome.Run read(String options) throws Exception {
        long start = System.nanoTime();
        AgentHome.Run run = agent.exec("scout:read 127.0.0.1:" + port + " " + options + " -t 1 -r 1");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue("bounded: took " + millis + " ms", millis < 15_000);
        assertEquals(run.describe(), 1, run.status());
        assertFalse("no stack trace: " + run.err(), run.err().contains("\tat ") || run.err().contains("Exception:"));
        assertFalse("no secret: " + run.err(), run.err().contains("-pass"));
        assertTrue("names the device: " + run.err(), run.err().contains("127.0.0.1:" + port));
        return run;
    }

    @Test
    public void unknownUser() throws Exception {
        assertTrue(read("-v3 -u mallory -l authPriv -a SHA-256 -A mallory-auth-pass -x AES -X mallory-priv-pass").err()
                .contains("unknown user name"));
    }

    @Test
    public void wrongAuthPassphrase() throws Exception {
        assertTrue(read("-v3 -u alice -l authPriv -a SHA-256 -A not-alice-pass -x AES -X alice-priv-pass").err()
                .contains("wrong digest"));
    }

    @Test
    public void wrongAuthProtocol() throws Exception {
        assertTrue(read("-v3 -u alice -l authPriv -a SHA-512 -A alice-auth-pass -x AES -X alice-priv-pass").err()
                .contains("wrong digest"));
    }

    @Test
    public void wrongPrivPassphrase() throws Exception {
        AgentHome.Run run = read("-v3 -u alice -l authPriv -a SHA-256 -A alice-auth-pass -x AES -X not-alice-priv");
        assertTrue(run.err(), run.err().contains("decryption error") || run.err().contains("no answer"));
    }

    @Test
    public void securityLevelTheUserDoesNotHave() throws Exception {
        AgentHome.Run run = read("-v3 -u bob -l authPriv -a SHA-256 -A bob-auth-pass -x AES -X bob-priv-pass");
        assertTrue(run.err(), run.err().contains("unsupported security level") || run.err().contains("decryption error"));
    }

    @Test
    public void nobodyListening() throws Exception {
        int silent = Daemon.freeUdpPort();
        long start = System.nanoTime();
        AgentHome.Run run = agent.exec("scout:read 127.0.0.1:" + silent + " -v2c -c public -t 1 -r 1");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(run.describe(), 1, run.status());
        assertTrue(run.err(), run.err().contains("no answer") || run.err().contains("timeout"));
        assertTrue("took " + millis + " ms", millis < 10_000);
    }
}
