package org.printscout.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.Rule;
import org.junit.Test;
import org.printscout.simulator.Recording;
import org.printscout.simulator.Simulator;

/**
 * Commands queued on the reference portal run in the assembled agent and come back with their
 * results and files: the agent polls every 2 s (a site configuration from the portal), Walk MIB of a
 * known printer returns a zip whose walk holds the recording's values, unknown codes are answered
 * "unsupported", Set Log Mode changes the agent's logging, a walk of an address the agent does not
 * know is refused, and after Restart Agent the agent answers the next command.
 */
public class RemoteCommandsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NET = "127.79.3.";

    @Rule
    public final Started running = new Started();

    @Test
    public void queuedCommandsRunInTheAgentAndTheirResultsAndFilesReachThePortal() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0)) {
            port = probe.getLocalPort();
        }
        Path recording = Path.of(System.getProperty("printscout.testdata"), "printers", "snmprec", "jetdirect_m130nw.snmprec");
        Simulator printers = Simulator.builder().community("public").device(new InetSocketAddress(NET + 1, port), Recording.load(recording))
                .start();
        running.add(printers::close);
        PortalProcess portal = PortalProcess.provisioned();
        running.add(portal);
        AgentHome agent = portal.startAgent(portal.url(), PortalProcess.siteConfig(NET + "1", port, "\"commandPollSeconds\":2"));
        running.add(agent);
        Await.until("the printer known to the agent", WAIT, () -> devicesOf(agent).contains(NET + 1));
        Matcher activated = Pattern.compile("running as agent (agent-\\S+)").matcher(status(agent));
        assertTrue(status(agent), activated.find());
        String agentId = activated.group(1);

        long walk = queue(portal, agentId, "6 " + NET + 1);
        long unknown = queue(portal, agentId, "77");
        long stranger = queue(portal, agentId, "6 127.79.3.99");
        long debug = queue(portal, agentId, "5 debug");
        Await.until("four commands answered", WAIT, () -> portal.ok("portal:commands " + agentId).lines()
                .filter(line -> line.matches("\\d+\t\\d+\t(done|failed|unsupported)\t.*")).count() == 4,
                () -> "\n" + portal.ok("portal:commands " + agentId));
        String commands = portal.ok("portal:commands " + agentId);
        assertTrue(commands, line(commands, walk).matches(walk + "\t6\tdone\t.*\tfile \\d+ bytes"));
        assertTrue(commands, line(commands, unknown).matches(unknown + "\t77\tunsupported\t.*no handler for code 77.*"));
        assertTrue(commands, line(commands, stranger).matches(stranger + "\t6\tfailed\t.*not a device this agent knows.*"));
        assertTrue(commands, line(commands, debug).matches(debug + "\t5\tdone\t.*"));
        Await.until("the agent's log mode in etc/", WAIT, () -> read(agent.path().resolve("etc/org.printscout.logging.cfg")).contains("debug"));

        PortalBrowser person = PortalBrowser.signedIn(portal.url().replaceAll("/$", ""), PortalProcess.USER, PortalProcess.PASSWORD);
        HttpResponse<byte[]> file = person.http.send(HttpRequest.newBuilder(URI.create(portal.url() + "commands/" + walk + "/file")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, file.statusCode());
        String walked = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file.body()))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.getName().endsWith(".snmprec")) {
                    walked = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertTrue("the zip holds the walk", walked != null);
        String sysDescr = Files.readAllLines(recording).stream().filter(l -> l.startsWith("1.3.6.1.2.1.1.1.0|")).findFirst().orElseThrow();
        assertTrue("the walk holds the printer's sysDescr " + sysDescr, walked.contains(sysDescr));

        Path log = agent.path().resolve("data/log/printscout.log");
        long restart = queue(portal, agentId, "1");
        Await.until("Restart Agent answered", WAIT, () -> line(portal.ok("portal:commands " + agentId), restart).contains("\tdone\t"));
        // the framework stops every bundle and starts them again: its STARTED event follows the handler's line
        Await.until("the agent restarted", WAIT, () -> {
            String text = read(log);
            int planned = text.indexOf("restarting the agent (Restart Agent command)");
            return planned >= 0 && text.indexOf("FrameworkEvent STARTED", planned) > planned;
        }, () -> "\n" + read(log).lines().filter(l -> l.contains("restart") || l.contains("FrameworkEvent") || l.contains("ERROR"))
                .collect(Collectors.joining("\n")));
        long after = queue(portal, agentId, "78");
        Await.until("a command answered after the restart", WAIT,
                () -> line(portal.ok("portal:commands " + agentId), after).contains("\tunsupported\t"),
                () -> "\n" + portal.ok("portal:commands " + agentId) + "\n" + status(agent));
    }

    private static long queue(PortalProcess portal, String agentId, String codeAndParameter) {
        Matcher id = Pattern.compile("command (\\d+) ").matcher(portal.ok("portal:command " + agentId + " " + codeAndParameter));
        assertTrue(id.find());
        return Long.parseLong(id.group(1));
    }

    private static String line(String commands, long id) {
        return commands.lines().filter(l -> l.startsWith(id + "\t")).findFirst().orElse("");
    }

    private static String devicesOf(AgentHome agent) {
        try {
            return agent.exec("scout:devices").out();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String status(AgentHome agent) {
        try {
            return agent.exec("scout:status").out();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return "";
        }
    }
}
