package org.printscout.itest.appliance;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.printscout.itest.Await;
import org.printscout.itest.PortalProcess;

/**
 * Restart Agent (command 1) under the systemd unit (issue 14 item 1): the agent, installed with
 * install-service and started exactly as the unit starts it (its user, capabilities, environment and
 * ExecStart), is activated against a real portal; the command queued there restarts the OSGi
 * framework inside the unit's process (same pid, same user: systemd sees no exit), and the restarted
 * agent polls and answers the next command.
 */
public class RestartAgentUnderUnitTest {

    private static final String USER = "printscout-rs";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private Layout layout;
    private Path unitDir;
    private PortalProcess portal;

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
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    public void restartAgentRestartsTheFrameworkInTheUnitsProcess() throws Exception {
        portal = PortalProcess.provisioned();
        portal.ok("portal:siteconfig s1 '{\"configurations\":{\"org.printscout.scheduler\":{\"commandPollSeconds\":2}}}'");
        Files.writeString(layout.path().resolve("etc/org.printscout.upload.cfg"), "portalUrl = " + portal.url()
                + "\nactivationKey = " + portal.activationKey() + "\nconfigPollSeconds = 10\nretryBaseSeconds = 1\nretryMaxSeconds = 2\n");
        Machine.Result install = Machine.run(Map.of("PRINTSCOUT_UNIT_DIR", unitDir.toString()),
                layout.path().resolve("bin/printscout").toString(), "install-service", USER);
        assertEquals(install.describe(), 0, install.status());
        SystemdUnit unit = SystemdUnit.read(unitDir.resolve("printscout.service"));

        Process agent = layout.startAsUnit(unit, Map.of());
        Await.until("the agent activated against the portal", WAIT,
                () -> layout.exec("scout:status").out().contains("running as agent "),
                () -> "\n" + layout.exec("scout:status").describe() + layout.console());
        Matcher activated = Pattern.compile("running as agent (agent-\\S+)").matcher(layout.ok("scout:status"));
        assertTrue(activated.find());
        String agentId = activated.group(1);
        Path log = layout.path().resolve("data/log/printscout.log");

        long restart = queue(agentId, "1");
        Await.until("Restart Agent answered", WAIT, () -> line(agentId, restart).contains("\tdone\t"),
                () -> "\n" + portal.ok("portal:commands " + agentId) + layout.console());
        Await.until("the framework started again in the unit's process", WAIT, () -> {
            String text = read(log);
            int planned = text.indexOf("restarting the agent (Restart Agent command)");
            // every bundle starts again: the control channel opens again (normal log mode: no framework events in the file)
            return planned >= 0 && text.indexOf("control channel on ", planned) > planned;
        }, () -> "\nalive: " + agent.isAlive() + "\n" + read(log).lines()
                .filter(l -> l.contains("ERROR") || l.contains("restart") || l.contains("control channel"))
                .collect(Collectors.joining("\n")) + layout.console());
        assertTrue("the unit's process lives on: systemd sees no exit" + layout.console(), agent.isAlive());
        String status = Files.readString(Path.of("/proc/" + agent.pid() + "/status"));
        String uid = Machine.uid(USER);
        assertTrue(status, status.lines().anyMatch(l -> l.startsWith("Uid:") && l.contains("\t" + uid + "\t")));

        long after = queue(agentId, "78");
        Await.until("a command answered after the restart", WAIT, () -> line(agentId, after).contains("\tunsupported\t"),
                () -> "\n" + portal.ok("portal:commands " + agentId) + "\n" + read(log).lines()
                        .filter(l -> l.contains("ERROR") || l.contains("restart")).collect(Collectors.joining("\n")));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private long queue(String agentId, String codeAndParameter) {
        Matcher id = Pattern.compile("command (\\d+) ").matcher(portal.ok("portal:command " + agentId + " " + codeAndParameter));
        assertTrue(id.find());
        return Long.parseLong(id.group(1));
    }

    private String line(String agentId, long id) {
        return portal.ok("portal:commands " + agentId).lines().filter(l -> l.startsWith(id + "\t")).findFirst().orElse("");
    }
}
