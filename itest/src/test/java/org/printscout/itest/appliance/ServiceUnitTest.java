package org.printscout.itest.appliance;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.printscout.itest.Await;

/**
 * bin/printscout install-service / uninstall-service on a copy of the agent layout, as root: the unit
 * passes systemd-analyze verify without a single warning, carries the hardening the issue asks for, and
 * the agent started the way the unit starts it runs as the unit's unprivileged user with CAP_NET_RAW
 * only, answers, and stops cleanly on SIGTERM. uninstall-service puts the machine back.
 */
public class ServiceUnitTest {

    private static final String USER = "printscout-it";

    private Layout layout;
    private Path unitDir;

    @Before
    public void copyLayout() throws Exception {
        Machine.requireRoot();
        layout = Layout.copyOf(Path.of(System.getProperty("printscout.distribution")));
        unitDir = Files.createTempDirectory("printscout-units");
    }

    @After
    public void putMachineBack() throws Exception {
        if (layout != null) {
            layout.stopService();
            Machine.run(Map.of("PRINTSCOUT_UNIT_DIR", unitDir.toString()), layout.path().resolve("bin/printscout").toString(),
                    "uninstall-service", USER);
            Machine.run(Map.of(), "userdel", USER);
            layout.delete();
            Machine.deleteTree(unitDir);
        }
    }

    @Test
    public void installedUnitVerifiesRunsTheAgentAsItsUserAndUninstallsCleanly() throws Exception {
        Machine.Result install = Machine.run(Map.of("PRINTSCOUT_UNIT_DIR", unitDir.toString()),
                layout.path().resolve("bin/printscout").toString(), "install-service", USER);
        assertEquals(install.describe(), 0, install.status());
        Path unitFile = unitDir.resolve("printscout.service");
        assertTrue(install.describe(), Files.isRegularFile(unitFile));

        Machine.Result verify = Machine.verifyUnit(unitFile);
        assertEquals(verify.describe(), 0, verify.status());
        assertEquals("systemd-analyze verify says nothing about a good unit: " + verify.describe(), "", verify.out() + verify.err());
        Path broken = unitDir.resolve("broken.service");
        Files.writeString(broken, Files.readString(unitFile).replace("ProtectSystem=strict", "ProtectSystem=strikt"));
        assertTrue("the check catches a misspelt value", (Machine.verifyUnit(broken).out() + Machine.verifyUnit(broken).err()).contains("strikt"));
        Files.delete(broken);

        SystemdUnit unit = SystemdUnit.read(unitFile);
        assertEquals(USER, unit.user());
        assertEquals("on-failure", unit.value("Restart"));
        assertEquals("strict", unit.value("ProtectSystem"));
        assertEquals("CAP_NET_RAW", unit.value("AmbientCapabilities"));
        assertEquals("CAP_NET_RAW", unit.value("CapabilityBoundingSet"));
        assertEquals("journal", unit.value("StandardOutput"));
        assertEquals(layout.path() + "/data " + layout.path() + "/etc " + layout.path() + "/deploy", unit.value("ReadWritePaths"));
        assertEquals(layout.path() + "/bin/printscout service", unit.value("ExecStart"));
        assertEquals(USER, Machine.owner(layout.path().resolve("data")));
        assertEquals(USER, Machine.owner(layout.path().resolve("etc")));

        Process agent = layout.startAsUnit(unit, Map.of());
        Await.until("the agent started as the unit starts it answers scout:status", Duration.ofSeconds(60),
                () -> layout.exec("scout:status").status() == 0, layout::console);
        String status = Files.readString(Path.of("/proc/" + agent.pid() + "/status"));
        String uid = Machine.uid(USER);
        assertTrue(status, status.lines().anyMatch(l -> l.startsWith("Uid:") && l.contains("\t" + uid + "\t")));
        assertTrue("CAP_NET_RAW (bit 13) is the one ambient capability: " + status,
                status.lines().anyMatch(l -> l.equals("CapAmb:\t0000000000002000")));
        try (var files = Files.walk(layout.path().resolve("data"))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                assertEquals(p.toString(), USER, Machine.owner(p));
            }
        }
        assertFalse("nothing the agent writes is readable by others", Machine.mode(layout.path().resolve("data/control")).matches(".*r.*r.*"));

        agent.destroy();
        assertTrue("the agent stops on SIGTERM", agent.waitFor(40, TimeUnit.SECONDS));
        assertTrue("the exit status on SIGTERM is one the unit counts as success: " + agent.exitValue(),
                List.of(unit.value("SuccessExitStatus").split("\\s+")).contains(Integer.toString(agent.exitValue())) || agent.exitValue() == 0);

        Machine.Result uninstall = Machine.run(Map.of("PRINTSCOUT_UNIT_DIR", unitDir.toString()),
                layout.path().resolve("bin/printscout").toString(), "uninstall-service");
        assertEquals(uninstall.describe(), 0, uninstall.status());
        assertFalse(Files.exists(unitFile));
        assertTrue(uninstall.describe(), Machine.run(Map.of(), "id", "-u", USER).status() != 0);
        assertEquals("root", Machine.owner(layout.path().resolve("data")));
    }

    @Test
    public void installServiceRefusesALayoutThePrivateTmpWouldHide() throws Exception {
        Path tmpCopy = Files.createTempDirectory(Path.of("/tmp"), "printscout-tmp-layout");
        try {
            Machine.run(Map.of(), "cp", "-a", layout.path() + "/.", tmpCopy.toString());
            Machine.Result refused = Machine.run(Map.of("PRINTSCOUT_UNIT_DIR", unitDir.toString()),
                    tmpCopy.resolve("bin/printscout").toString(), "install-service", USER);
            assertEquals(refused.describe(), 1, refused.status());
            assertTrue(refused.describe(), refused.err().contains("PrivateTmp"));
            assertTrue("no user was created", Machine.run(Map.of(), "id", "-u", USER).status() != 0);
        } finally {
            Machine.deleteTree(tmpCopy);
        }
    }
}
