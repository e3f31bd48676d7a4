package org.printscout.itest.interop;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;
import org.printscout.itest.AgentHome;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Every recording, served over the network by snmpsim and read by the running agent with
 * {@code scout:read}, gives the same reading as the recording replayed offline with
 * {@code scout:replay}: what the mapper tests prove offline holds on the wire.
 */
@RunWith(Parameterized.class)
public class RecordingsOverTheNetworkTest {

    private static Daemon snmpsim;
    private static AgentHome agent;
    private static int port;

    @Parameters(name = "{0}")
    public static List<String> recordings() throws Exception {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(Snmpsim.recordings())) {
            files.map(f -> f.getFileName().toString().replace(".snmprec", "")).sorted().forEach(names::add);
        }
        return names;
    }

    @BeforeClass
    public static void start() throws Exception {
        port = Daemon.freeUdpPort();
        snmpsim = Snmpsim.start(port, List.of());
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

    private final String recording;

    public RecordingsOverTheNetworkTest(String recording) {
        this.recording = recording;
    }

    @Test
    public void snmpsimReadEqualsOfflineReplay() throws Exception {
        AgentHome.Run live = agent.exec("scout:read 127.0.0.1:" + port + " -v2c -c " + recording + " -t 2 -r 1 --json");
        assertEquals(live.describe(), 0, live.status());
        Path file = Snmpsim.recordings().resolve(recording + ".snmprec");
        AgentHome.Run replay = agent.exec("scout:replay " + file + " --json");
        assertEquals(replay.describe(), 0, replay.status());
        assertEquals(comparable(replay.out()), comparable(live.out()));
    }

    /** The reading without what differs by nature between two reads: time and the address read from. */
    static String comparable(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        o.remove("readAt");
        o.getAsJsonObject("identity").remove("address");
        JsonElement pretty = o;
        return new com.google.gson.GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(pretty);
    }
}
