package org.printscout.itest.interop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.printscout.api.mapper.OidPlan;
import org.printscout.api.snmp.AuthProtocol;
import org.printscout.api.snmp.Credential;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.PrivProtocol;
import org.printscout.api.snmp.SecurityLevel;
import org.printscout.itest.AgentHome;
import org.printscout.simulator.PduKind;
import org.printscout.simulator.Recording;
import org.printscout.simulator.RequestRecord;
import org.printscout.simulator.Simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/**
 * What the running agent sends to a device, seen from the device (the project's simulator logs
 * every request): never a SET, and while reading, nothing but the OIDs the collector and the
 * applicable mappers declare. Walk MIB (scout:walk) is the one, explicit, exception to the second.
 */
public class ReadOnlyTest {

    /** The collector's own scalars: sysDescr, sysObjectID, sysName. */
    private static final OidPlan COLLECTOR_PLAN = OidPlan.builder().scalar("1.3.6.1.2.1.1.1.0")
            .scalar("1.3.6.1.2.1.1.2.0").scalar("1.3.6.1.2.1.1.5.0").build();

    private static final List<RequestRecord> requests = new CopyOnWriteArrayList<>();
    private static Simulator simulator;
    private static AgentHome agent;
    private static String hp;

    @BeforeClass
    public static void start() throws Exception {
        Path recordings = Snmpsim.recordings();
        simulator = Simulator.builder()
                .device(new InetSocketAddress("127.0.0.1", 0), Recording.load(recordings.resolve("jetdirect_m130nw.snmprec")))
                .community("public")
                .usmUser(new Credential.Usm("reader", SecurityLevel.AUTH_PRIV, AuthProtocol.SHA256, "reader-auth-pass",
                        PrivProtocol.AES128, "reader-priv-pass", null))
                .onRequest(requests::add)
                .start();
        InetSocketAddress address = simulator.devices().get(0).address();
        hp = address.getHostString() + ":" + address.getPort();
        agent = AgentHome.copyOfDistribution();
        agent.start();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Before
    public void forgetEarlierRequests() {
        requests.clear();
    }

    @Test
    public void readingRequestsOnlyDeclaredOidsAndNeverSets() throws Exception {
        for (String credentials : List.of("-v1 -c public", "-v2c -c public",
                "-v3 -u reader -l authPriv -a SHA-256 -A reader-auth-pass -x AES -X reader-priv-pass")) {
            AgentHome.Run run = agent.exec("scout:read " + hp + " " + credentials + " --json");
            assertEquals(run.describe(), 0, run.status());
            assertTrue(run.out(), run.out().contains("VNCRC48198"));
        }
        OidPlan declared = declaredByTheAgentsMappers();
        assertFalse("the simulator saw the reads", requests.isEmpty());
        for (RequestRecord r : requests) {
            assertTrue("only reads: " + r, r.kind() == PduKind.GET || r.kind() == PduKind.GETNEXT || r.kind() == PduKind.GETBULK);
            for (Oid oid : r.oids()) {
                assertTrue(r.kind() + " of " + oid + " which no mapper declared", declared.covers(oid));
            }
        }
        assertEquals("SETs refused by the simulator", 0, simulator.statistics().setsRefused());
    }

    /** The collector's own OIDs and every OID the installed mappers declare, as scout:mappers lists them. */
    private static OidPlan declaredByTheAgentsMappers() throws Exception {
        AgentHome.Run run = agent.exec("scout:mappers --oids --json");
        assertEquals(run.describe(), 0, run.status());
        OidPlan.Builder plan = OidPlan.builder();
        JsonArray mappers = JsonParser.parseString(run.out()).getAsJsonArray();
        assertTrue("the standard mapper is installed: " + run.out(), run.out().contains("\"standard\""));
        for (JsonElement m : mappers) {
            m.getAsJsonObject().getAsJsonArray("scalars").forEach(o -> plan.scalar(o.getAsString()));
            m.getAsJsonObject().getAsJsonArray("columns").forEach(o -> plan.column(o.getAsString()));
        }
        return OidPlan.merge(List.of(COLLECTOR_PLAN, plan.build()));
    }

    @Test
    public void aWalkWrittenToAFileReplaysAsTheLiveReading() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempDirectory("walk").resolve("hp.snmprec");
        AgentHome.Run walk = agent.exec("scout:walk " + hp + " -v2c -c public --out " + file);
        assertEquals(walk.describe(), 0, walk.status());
        assertTrue(walk.out(), walk.out().contains("written to " + file) && walk.out().contains("complete"));
        AgentHome.Run live = agent.exec("scout:read " + hp + " -v2c -c public --json");
        AgentHome.Run replay = agent.exec("scout:replay " + file + " --json");
        assertEquals(replay.describe(), 0, replay.status());
        assertEquals(RecordingsOverTheNetworkTest.comparable(live.out()), RecordingsOverTheNetworkTest.comparable(replay.out()));
    }

    @Test
    public void walkMibReadsEverythingButStillNeverSets() throws Exception {
        AgentHome.Run run = agent.exec("scout:walk " + hp + " -v2c -c public");
        assertEquals(run.describe(), 0, run.status());
        assertTrue(run.out(), run.out().contains("1.3.6.1.2.1.43.5.1.1.17.1|4|VNCRC48198"));
        for (RequestRecord r : requests) {
            assertTrue("only reads: " + r, r.kind() == PduKind.GETNEXT || r.kind() == PduKind.GETBULK);
        }
        assertEquals(0, simulator.statistics().setsRefused());
    }
}
