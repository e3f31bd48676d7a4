package org.printscout.itest.hostile;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.Rule;
import org.junit.Test;
import org.printscout.itest.AgentHome;
import org.printscout.itest.Await;
import org.printscout.itest.Started;

/**
 * The agent against a portal that sends what a compromised one would (issue 11, item 1): the
 * assembled agent, its real metatype, a portal on loopback that serves hostile site configurations
 * and asks for the logs. A refused document changes nothing and its reason (PID, key, why) reaches
 * the portal; Upload Log Files sends the agent's own log files and nothing else.
 */
public class HostilePortalTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Rule
    public final Started started = new Started();

    private FakePortal portal;
    private AgentHome agent;

    private void startAgent() throws Exception {
        portal = started.add(new FakePortal());
        agent = started.add(AgentHome.copyOfDistribution());
        Files.writeString(agent.path().resolve("etc/org.printscout.upload.cfg"), "portalUrl = " + portal.url()
                + "\nactivationKey = ACT-HOSTILE-1\nuploadIntervalSeconds = 1\nconfigPollSeconds = 10\nretryBaseSeconds = 1\nretryMaxSeconds = 2\n");
        agent.start();
    }

    /** Serves a document and waits for the agent's verdict on it. */
    private String verdictOn(String document) throws Exception {
        int before = portal.configStatuses.size();
        portal.document = document;
        Await.until("the agent's verdict on " + document, WAIT, () -> portal.configStatuses.size() > before);
        return portal.configStatuses.get(portal.configStatuses.size() - 1);
    }

    private String log() throws Exception {
        return Files.readString(agent.path().resolve("data/log/printscout.log"));
    }

    @Test
    public void thePortalCannotSetPathsCommandLinesOrValuesTheMetatypeRefusesAndARefusalChangesNothing() throws Exception {
        startAgentWithPollOf(2);

        String paths = verdictOn("{\"configurations\":{\"org.printscout.logging\":{\"mode\":\"debug\",\"directory\":\"/etc\"}}}");
        assertTrue(paths, paths.contains("\"applied\":false") && paths.contains("org.printscout.logging: key 'directory' refused"));

        String ping = verdictOn("{\"configurations\":{\"org.printscout.discovery\":{\"ping\":\"COMMAND\",\"pingCommand\":\"/bin/touch /tmp/pwned\"}}}");
        assertTrue(ping, ping.contains("\"applied\":false") && ping.contains("org.printscout.discovery: key 'pingCommand' refused"));

        // checked against the real metatype of the installed bundles, the whole document before any of it
        String range = verdictOn("{\"configurations\":{\"org.printscout.logging\":{\"mode\":\"debug\"},"
                + "\"org.printscout.discovery.site~hq\":{\"ranges\":[\"10.0.0.0/24\"],\"port\":70000}}}");
        assertTrue(range, range.contains("\"applied\":false") && range.contains("org.printscout.discovery.site~hq: key 'port'")
                && range.contains("70000"));

        String logging = agent.ok("scout:config org.printscout.logging");
        assertTrue(logging, logging.contains("mode ") && logging.lines().anyMatch(l -> l.startsWith("mode") && l.contains("normal")));
        assertTrue(logging, logging.lines().anyMatch(l -> l.startsWith("directory") && l.contains("data/log")));
        assertFalse("nothing of a refused document reached ConfigAdmin", agent.ok("scout:status").lines()
                .anyMatch(l -> l.matches("\\s+org\\.printscout\\.discovery\\.site~hq\\s.*")));
        assertFalse("the ping command was never run", Files.exists(Path.of("/tmp/pwned")));
        assertTrue(log(), log().contains("site configuration") && log().contains("refused: org.printscout.logging: key 'directory' refused"));

        String good = verdictOn("{\"configurations\":{\"org.printscout.logging\":{\"mode\":\"debug\"},"
                + "\"org.printscout.scheduler\":{\"commandPollSeconds\":2,\"statusIntervalMinutes\":0,\"meterScanEnabled\":false},"
                + "\"org.printscout.remoteui\":{\"enabled\":true}}}");
        assertTrue(good, good.contains("\"applied\":true"));
        // the remote UI's switch reaches the remoteui bundle (which describes the PID since issue 15)
        Await.until("the remote UI switch applied", WAIT, () -> agent.ok("scout:config org.printscout.remoteui").lines()
                .anyMatch(l -> l.startsWith("enabled") && l.contains("true")));
        Await.until("debug mode applied", WAIT, () -> agent.ok("scout:config org.printscout.logging").lines()
                .anyMatch(l -> l.startsWith("mode") && l.contains("debug")));
    }

    @Test
    public void uploadLogFilesSendsTheAgentsOwnLogFilesAndNothingElse() throws Exception {
        startAgentWithPollOf(1);
        Path logDir = agent.path().resolve("data/log");
        Files.writeString(logDir.resolve("org.printscout.snmp.profile~office.cfg"), "community = s3cret-community\n");
        Files.createSymbolicLink(logDir.resolve("printscout.log.7"), agent.path().resolve("etc/org.printscout.upload.cfg"));
        Files.createSymbolicLink(logDir.resolve("console.log.1"), agent.path().resolve("data/control"));
        portal.queue("501", 3, "");
        Await.until("the log files", WAIT, () -> portal.commandResults.containsKey("501"));
        assertTrue(portal.commandResults.get("501"), portal.commandResults.get("501").contains("\"outcome\":\"done\""));
        List<String> names = new ArrayList<>();
        StringBuilder content = new StringBuilder();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(portal.commandFiles.get("501")))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                names.add(e.getName());
                content.append(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertTrue(names.toString(), names.stream().allMatch(n -> n.matches("(.*/)?(printscout\\.log(\\.\\d+)?|console\\.log)")));
        assertTrue(names.toString(), names.stream().anyMatch(n -> n.endsWith("printscout.log")));
        assertFalse("no configuration", content.toString().contains("s3cret-community"));
        assertFalse("no activation key through a link", content.toString().contains("ACT-HOSTILE-1"));
    }

    private void startAgentWithPollOf(int seconds) throws Exception {
        startAgent();
        // the scheduler's poll interval is the portal's to set; the first document sets it
        portal.document = "{\"configurations\":{\"org.printscout.scheduler\":{\"commandPollSeconds\":" + seconds
                + ",\"statusIntervalMinutes\":0,\"meterScanEnabled\":false}}}";
        Await.until("the first document applied", WAIT, () -> portal.configStatuses.stream().anyMatch(s -> s.contains("\"applied\":true")));
    }
}
