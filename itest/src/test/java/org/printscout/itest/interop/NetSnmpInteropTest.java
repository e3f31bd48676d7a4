package org.printscout.itest.interop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;
import org.printscout.itest.AgentHome;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The running agent reads net-snmp's snmpd (Debian's 5.9.3) through {@code bin/printscout exec
 * 'scout:read ...'} with one SNMPv3 user per auth × priv combination snmpd supports, plus v1, v2c
 * and noAuthNoPriv.
 */
@RunWith(Parameterized.class)
public class NetSnmpInteropTest {

    static final String SYS_DESCR = "PrintScout interop snmpd";
    private static final List<String> AUTHS = List.of("MD5", "SHA", "SHA-224", "SHA-256", "SHA-384", "SHA-512");
    private static final List<String> PRIVS = List.of("", "DES", "AES", "AES-192", "AES-256");

    private static Daemon snmpd;
    private static AgentHome agent;
    private static int port;

    /** One way of talking to snmpd: a name and the scout:read options. */
    public record Way(String name, String options) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Parameters(name = "{0}")
    public static List<Way> ways() {
        List<Way> ways = new ArrayList<>();
        ways.add(new Way("v1", "-v 1 -c public"));
        ways.add(new Way("v2c", "-v2c -c public"));
        ways.add(new Way("v3 noAuthNoPriv", "-v 3 -u noauth -l noAuthNoPriv"));
        for (String auth : AUTHS) {
            for (String priv : PRIVS) {
                String user = user(auth, priv);
                ways.add(new Way("v3 " + auth + (priv.isEmpty() ? " authNoPriv" : " " + priv),
                        "-v 3 -u " + user + " -l " + (priv.isEmpty() ? "authNoPriv" : "authPriv") + " -a " + auth
                                + " -A auth-" + user + (priv.isEmpty() ? "" : " -x " + priv + " -X priv-" + user)));
            }
        }
        return ways;
    }

    static String user(String auth, String priv) {
        return ("u_" + auth + (priv.isEmpty() ? "" : "_" + priv)).replace("-", "").toLowerCase();
    }

    @BeforeClass
    public static void startSnmpdAndAgent() throws Exception {
        Daemon.requireProgram("/usr/sbin/snmpd");
        Path dir = Files.createTempDirectory("snmpd");
        port = Daemon.freeUdpPort();
        StringBuilder conf = new StringBuilder();
        conf.append("agentAddress udp:127.0.0.1:").append(port).append('\n');
        conf.append("sysDescr ").append(SYS_DESCR).append('\n');
        conf.append("rocommunity public 127.0.0.1\n");
        conf.append("createUser noauth\nrouser noauth noauth\n");
        for (String auth : AUTHS) {
            for (String priv : PRIVS) {
                String user = user(auth, priv);
                conf.append("createUser ").append(user).append(' ').append(auth).append(" auth-").append(user);
                if (!priv.isEmpty()) {
                    conf.append(' ').append(priv).append(" priv-").append(user);
                }
                conf.append("\nrouser ").append(user).append(priv.isEmpty() ? " auth\n" : " priv\n");
            }
        }
        Files.writeString(dir.resolve("snmpd.conf"), conf);
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

    private final Way way;

    public NetSnmpInteropTest(Way way) {
        this.way = way;
    }

    @Test
    public void readsSysDescrAndAFullReading() throws Exception {
        AgentHome.Run run = agent.exec("scout:read 127.0.0.1:" + port + " " + way.options() + " -t 2 -r 1 --json");
        assertEquals(run.describe(), 0, run.status());
        JsonObject reading = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(SYS_DESCR, reading.getAsJsonObject("identity").get("sysDescr").getAsString());
        assertTrue("snmpd's sysObjectID is net-snmp's: " + run.out(),
                reading.getAsJsonObject("identity").get("sysObjectId").getAsString().startsWith("1.3.6.1.4.1.8072."));
        assertEquals("problems: " + reading.get("problems"), 0, reading.getAsJsonArray("problems").size());
        assertTrue("secrets are not echoed", !run.out().contains("auth-u_") && !run.err().contains("auth-u_"));
    }
}
