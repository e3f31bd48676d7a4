package org.printscout.itest.interop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.printscout.itest.AgentHome;

import com.google.gson.JsonParser;

/**
 * What net-snmp lacks, against snmpsim (pysnmp): 3DES, and AES-192/256 with the 3DES-style key
 * extension ("AES-192C"/"AES-256C"). The key extensions only differ when the auth digest is shorter
 * than the AES key (MD5 and SHA-1 with AES-192/256), so the users here pair them that way, and the
 * wrong variant must fail.
 */
public class SnmpsimV3InteropTest {

    private static Daemon snmpsim;
    private static AgentHome agent;
    private static int port;

    @BeforeClass
    public static void start() throws Exception {
        port = Daemon.freeUdpPort();
        snmpsim = Snmpsim.start(port, List.of(
                new Snmpsim.User("sim3des", "SHA", "auth-sim3des", "3DES", "priv-sim3des"),
                new Snmpsim.User("simaes192c", "SHA", "auth-simaes192c", "AES192", "priv-simaes192c"),
                new Snmpsim.User("simaes256c", "MD5", "auth-simaes256c", "AES256", "priv-simaes256c"),
                new Snmpsim.User("simaes256b", "SHA", "auth-simaes256b", "AES256BLMT", "priv-simaes256b"),
                new Snmpsim.User("simaes192b", "MD5", "auth-simaes192b", "AES192BLMT", "priv-simaes192b")));
        agent = AgentHome.copyOfDistribution();
        agent.start();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (snmpsim != null) {
            snmpsim.close();
        }
    }

    private AgentHome.Run read(String user, String auth, String priv) throws Exception {
        return agent.exec("scout:read 127.0.0.1:" + port + " -v3 -u " + user + " -l authPriv -a " + auth + " -A auth-" + user
                + " -x " + priv + " -X priv-" + user + " -n utax -t 2 -r 1 --json");
    }

    private static void assertUtax(AgentHome.Run run) {
        assertEquals(run.describe(), 0, run.status());
        assertEquals("TA_UTAX Printing System", JsonParser.parseString(run.out()).getAsJsonObject()
                .getAsJsonObject("identity").get("sysDescr").getAsString());
    }

    @Test
    public void tripleDes() throws Exception {
        assertUtax(read("sim3des", "SHA", "3DES"));
    }

    @Test
    public void aes192WithTheTripleDesKeyExtension() throws Exception {
        assertUtax(read("simaes192c", "SHA", "AES-192C"));
    }

    @Test
    public void aes256WithTheTripleDesKeyExtension() throws Exception {
        assertUtax(read("simaes256c", "MD5", "AES-256C"));
    }

    @Test
    public void aes256AndAes192InTheBlumenthalVariant() throws Exception {
        assertUtax(read("simaes256b", "SHA", "AES-256"));
        assertUtax(read("simaes192b", "MD5", "AES-192"));
    }

    @Test
    public void theWrongKeyExtensionFailsWithAClearCause() throws Exception {
        AgentHome.Run wrong = read("simaes256c", "MD5", "AES-256");
        assertNotEquals(wrong.describe(), 0, wrong.status());
        assertTrue(wrong.err(), wrong.err().contains("decryption error") || wrong.err().contains("no answer"));
    }
}
