package org.printscout.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Drives a copy of the assembled layout through bin/printscout the way an administrator does:
 * start, exec, status, stop, and a second start after stop.
 */
public class LauncherTest {

    private AgentHome agent;

    @Before
    public void copyLayout() throws IOException {
        agent = AgentHome.copyOfDistribution();
    }

    @After
    public void stopAgent() throws Exception {
        agent.close();
    }

    @Test
    public void startExecStatusStop() throws Exception {
        long t0 = System.nanoTime();
        AgentHome.Run start = printscout("start");
        long startMillis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(start.err(), 0, start.status());
        assertTrue(start.out(), start.out().contains("started"));
        System.out.println("bin/printscout start answered after " + startMillis + " ms");

        AgentHome.Run status = printscout("exec", "scout:status");
        assertEquals(status.err(), 0, status.status());
        assertTrue(status.out(), status.out().contains("org.printscout.shell") && status.out().contains("ACTIVE"));
        assertTrue(status.out(), !status.out().contains("INSTALLED") && !status.out().contains("RESOLVED"));

        AgentHome.Run features = printscout("exec", "scout:features");
        assertEquals(features.err(), 0, features.status());
        assertTrue(features.out(), features.out().lines().anyMatch(l -> l.startsWith("core") && l.endsWith("active")));

        AgentHome.Run bad = printscout("exec", "scout:config org.printscout.logging mode=loud");
        assertEquals("a refused command exits non-zero", 1, bad.status());
        assertTrue(bad.err(), bad.err().contains("mode") && bad.err().contains("'loud' is not one of normal, debug"));

        AgentHome.Run unknown = printscout("exec", "scout:nosuchcommand");
        assertTrue("an unknown command exits non-zero", unknown.status() != 0);

        AgentHome.Run again = printscout("start");
        assertEquals(0, again.status());
        assertTrue(again.out(), again.out().contains("already running"));

        AgentHome.Run running = printscout("status");
        assertEquals(0, running.status());
        assertTrue(running.out(), running.out().contains("running (pid"));

        AgentHome.Run stop = printscout("stop");
        assertEquals(stop.err(), 0, stop.status());
        AgentHome.Run stopped = printscout("status");
        assertEquals("status of a stopped agent", 3, stopped.status());
        AgentHome.Run execStopped = printscout("exec", "scout:status");
        assertEquals("exec against a stopped agent", 3, execStopped.status());
        assertTrue(execStopped.err(), execStopped.err().contains("not running"));

        AgentHome.Run restart = printscout("start");
        assertEquals(restart.err(), 0, restart.status());
    }

    @Test
    public void startFailsWithTheReasonWhenTheAgentCannotStart() throws Exception {
        Files.writeString(agent.path().resolve("etc/framework.properties"), "org.osgi.framework.storage=/proc/forbidden/cache\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        AgentHome.Run start = printscout("start");
        assertTrue("start must fail", start.status() != 0);
        assertTrue(start.err(), start.err().contains("exited during start-up") || start.err().contains("did not answer"));
    }

    private AgentHome.Run printscout(String... args) throws Exception {
        return agent.printscout(args);
    }
}
