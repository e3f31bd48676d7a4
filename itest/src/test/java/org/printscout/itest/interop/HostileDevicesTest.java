package org.printscout.itest.interop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.printscout.api.snmp.Oid;
import org.printscout.itest.AgentHome;
import org.printscout.simulator.Faults;
import org.printscout.simulator.Recording;
import org.printscout.simulator.Simulator;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Devices that answer badly — walks that go backwards, a 100 000-row table, values of the wrong
 * type, garbage or truncated packets — cost the running agent a bounded time and give a clear
 * error for that device, never a hang or a stack trace.
 */
public class HostileDevicesTest {

    private static final Oid SUPPLY_DESCRIPTIONS = Oid.parse("1.3.6.1.2.1.43.11.1.1.6");
    private static final List<String> NAMES = List.of("loop", "huge", "wrongTypes", "garbage", "truncated");
    private static Simulator simulator;
    private static AgentHome agent;

    @BeforeClass
    public static void start() throws Exception {
        Recording hp = Recording.load(Snmpsim.recordings().resolve("jetdirect_m130nw.snmprec"));
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        simulator = Simulator.builder().community("public").seed(7)
                .device(any, hp.snapshot(), "loop", Faults.NONE.withWalkLoopFrom(SUPPLY_DESCRIPTIONS))
                .device(any, hp.snapshot(), "huge", Faults.NONE.withSyntheticTable(new Faults.SyntheticTable(SUPPLY_DESCRIPTIONS, 100_000)))
                .device(any, hp.snapshot(), "wrongTypes", Faults.NONE.withWrongTypes(1.0))
                .device(any, hp.snapshot(), "garbage", Faults.NONE.withGarbage(1.0))
                .device(any, hp.snapshot(), "truncated", Faults.NONE.withTruncation(1.0))
                .start();
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

    private static String host(String name) {
        return "127.0.0.1:" + simulator.devices().get(NAMES.indexOf(name)).address().getPort();
    }

    private static AgentHome.Run timedRead(String name) throws Exception {
        long start = System.nanoTime();
        AgentHome.Run run = agent.exec("scout:read " + host(name) + " -c public -t 1 -r 1 --json");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(name + ": bounded, took " + millis + " ms", millis < 30_000);
        assertFalse(name + ": no stack trace: " + run.err(), run.err().contains("\tat ") || run.out().contains("\tat "));
        return run;
    }

    @Test
    public void aWalkThatGoesBackwardsIsCutWithTheReason() throws Exception {
        AgentHome.Run run = timedRead("loop");
        assertEquals(run.describe(), 0, run.status());
        JsonObject reading = JsonParser.parseString(run.out()).getAsJsonObject();
        assertTrue(reading.get("problems").toString(), reading.get("problems").toString().contains("answered"));
        assertEquals("VNCRC48198", reading.getAsJsonObject("identity").get("serialNumber").getAsString());
    }

    @Test
    public void aHundredThousandRowTableStopsAtTheRowLimit() throws Exception {
        AgentHome.Run run = timedRead("huge");
        assertEquals(run.describe(), 0, run.status());
        JsonObject reading = JsonParser.parseString(run.out()).getAsJsonObject();
        assertTrue(reading.get("problems").toString(), reading.get("problems").toString().contains("more than"));
        assertEquals("VNCRC48198", reading.getAsJsonObject("identity").get("serialNumber").getAsString());
    }

    @Test
    public void valuesOfTheWrongTypeDoNotBreakTheMappers() throws Exception {
        AgentHome.Run run = timedRead("wrongTypes");
        assertEquals(run.describe(), 0, run.status());
        JsonObject reading = JsonParser.parseString(run.out()).getAsJsonObject();
        assertFalse("no mapper failed: " + reading.get("problems"), reading.get("problems").toString().contains("failed"));
    }

    @Test
    public void garbageRepliesEndWithAClearError() throws Exception {
        AgentHome.Run run = timedRead("garbage");
        assertEquals(run.describe(), 1, run.status());
        assertTrue(run.err(), run.err().contains(host("garbage")));
    }

    @Test
    public void truncatedRepliesEndWithAClearError() throws Exception {
        AgentHome.Run run = timedRead("truncated");
        assertEquals(run.describe(), 1, run.status());
        assertTrue(run.err(), run.err().contains(host("truncated")));
    }
}
