package org.printscout.itest.rollout;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Rule;
import org.junit.Test;
import org.printscout.itest.AgentHome;
import org.printscout.itest.Await;
import org.printscout.itest.PortalProcess;
import org.printscout.itest.Started;
import org.printscout.itest.rollout.fixture.AcmeMapper;
import org.printscout.itest.rollout.fixture.FailingMapper;
import org.printscout.simulator.Recording;
import org.printscout.simulator.Simulator;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Fleet updates end to end (issue 16): the assembled portal and five assembled agents, each its
 * own Felix, on two sites of one customer, each agent reading its own simulated HP printer. The
 * dealer's key is added before the agents are activated (they pin it), artifacts are signed with
 * {@code bin/printscout sign} and put in the portal's catalogue, and rollouts go out in two waves
 * with site s1 as the canary:
 * <ol>
 * <li>a vendor-MIB bundle (a mapper claiming the printers' sysObjectID) and a mapping file reach the
 * canary first, then the other four; the bundle is active on all five and its mapper is in their
 * next reading of their printer; the rollout is done;</li>
 * <li>a set with a bundle that does not resolve is rolled back on the canary with the missing
 * package named, the rollout halts there, and no other agent gets it; so is a set whose mapper
 * starts but fails on the printer it claims (the health check reads a claimed device);</li>
 * <li>a tampered artifact and one signed by a key the portal does not know are refused by the
 * portal's catalogue; a downgrade, which the catalogue takes, is refused by the agent and the
 * rollout halts with the agent's reason;</li>
 * <li>a shipped vendor bundle is updated to a newer signed build by a rollout, and gets its own jar
 * back when a later set no longer lists it.</li>
 * </ol>
 * (kill -9 mid-install, unsigned and tampered sets handed out by a compromised portal: {@link RolloutAgentTest}.)
 */
public class RolloutFleetTest {

    private static final String NET = "127.87.0.";
    private static final String ACME = "org.printscout.itest.acme";
    private static final String BROKEN = "org.printscout.itest.broken";
    private static final String ZEBRA = "org.printscout.mib.zebra";
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Pattern LOG_TIME = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3})");

    @Rule
    public final Started running = new Started();

    private PortalProcess portal;
    private AgentHome tools;
    private Path work;

    @Test
    public void signedBundlesRollOutInTwoWavesABrokenOneHaltsAtTheCanaryAndWhatDoesNotVerifyIsRefused() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        Path recordings = Path.of(System.getProperty("printscout.testdata"), "printers", "snmprec");
        Simulator.Builder printers = Simulator.builder().community("public");
        for (int i = 1; i <= 5; i++) {
            printers.device(new InetSocketAddress(NET + i, port), Recording.load(recordings.resolve("jetdirect_m130nw.snmprec")));
        }
        Simulator simulator = printers.start();
        running.add(simulator::close);

        portal = running.add(PortalProcess.provisioned());
        portal.ok("portal:site s2 c1 Branch");
        // the dealer's signing key: made with the agent's CLI, its public half given to the portal before any agent is activated
        tools = running.add(AgentHome.copyOfDistribution());
        work = Files.createTempDirectory("fleet-artifacts");
        sign("keygen", work.resolve("dealer").toString());
        sign("keygen", work.resolve("stranger").toString());
        portal.ok("portal:dealerkey d1 " + work.resolve("dealer.pub"));

        List<AgentHome> agents = new ArrayList<>();
        Map<String, String> etc = Map.of("org.printscout.rollout.cfg", "healthSeconds = 8\nretrySeconds = 5\n");
        agents.add(running.add(portal.startAgent("s1", portal.url(), site(NET + 1, port), etc)));
        for (int i = 2; i <= 5; i++) {
            agents.add(running.add(portal.startAgent("s2", portal.url(), site(NET + 2 + "-" + NET + 5, port), etc)));
        }
        AgentHome canary = agents.get(0);
        for (AgentHome agent : agents) {
            Await.until("agent " + agent.path() + " activated with the dealer's key pinned", WAIT,
                    () -> contains(agent.path().resolve("data/agent/identity.properties"), "artifactKey.0"),
                    () -> String.valueOf(agent.answerOrNull("scout:status")));
        }
        for (AgentHome agent : agents) {
            // the health check reads a known device the new mapper claims: each agent must know a printer first (the four
            // simulated printers of s2 are copies of one recording, one serial number and MAC, so they are one device to an agent)
            Await.until(agent.path() + " knows a printer", WAIT,
                    () -> Pattern.compile("\\b[1-9]\\d* online").matcher(String.valueOf(agent.answerOrNull("scout:devices"))).find(),
                    () -> String.valueOf(agent.answerOrNull("scout:devices")));
        }

        // --- 1: a vendor-MIB bundle and a mapping file, canary first, then the rest ---
        long acme = upload(ACME + "-1.0.0.jar", TestBundles.vendorMapper(ACME, "1.0.0", "1.3.6.1.4.1.11.2.3.9"), "dealer");
        long mapping = upload("acme-dell.mapping.xml", mapping("Dell, as the dealer maps it"), "dealer", "--version", "1");
        long first = rolloutId(portal.ok("portal:rolloutstart d1 \"acme 1.0.0\" " + acme + "," + mapping + " customer:c1 canary:s1"));
        Await.until("rollout " + first + " done on all five agents", WAIT,
                () -> portal.ok("portal:rollout d1 " + first).startsWith("rollout " + first + " done"),
                () -> "\n" + portal.ok("portal:rollout d1 " + first));
        String table = portal.ok("portal:rollout d1 " + first);
        assertEquals(table, 1, count(table, "(?m)^1\\t.*\\ts1\\thealthy"));
        assertEquals(table, 4, count(table, "(?m)^2\\t.*\\ts2\\thealthy"));
        assertEquals("each agent read its own printer with the new mapper before it reported healthy: " + table, 5,
                count(table, "(?m)^[12]\\t.*\\thealthy\\t.*mapper 'acme' read 127\\.87\\.0\\.[1-5] "));
        LocalDateTime canaryHealthy = healthyAt(canary);
        for (AgentHome agent : agents) {
            assertActive(agent, ACME, "1.0.0");
            assertTrue("the mapping file is where the declarative mapper reads it", Files.isRegularFile(agent.path().resolve("deploy/acme-dell.mapping.xml")));
            if (agent != canary) {
                assertTrue("the second wave got the set only after the canary was healthy (" + canaryHealthy + ")",
                        healthyAt(agent).isAfter(canaryHealthy));
            }
        }
        for (int i = 0; i < agents.size(); i++) {
            String printer = NET + (i == 0 ? 1 : i + 1) + ":" + port;
            JsonObject reading = JsonParser.parseString(agents.get(i).ok("scout:read " + printer + " -c public --json")).getAsJsonObject();
            assertTrue("the rolled-out mapper is in the next reading of " + printer + ": " + reading, reading.toString().contains(AcmeMapper.METER));
            assertTrue("and named as the source of its meter: " + reading.getAsJsonObject("sources"),
                    reading.getAsJsonObject("sources").toString().contains("acme"));
        }

        // --- 2: a bundle that does not resolve: rolled back on the canary, the rollout halts, nobody else gets it ---
        long broken = upload(BROKEN + "-1.0.0.jar", TestBundles.component(BROKEN, "1.0.0", "com.nothing.exports.this", false), "dealer");
        long second = rolloutId(portal.ok("portal:rolloutstart d1 \"broken\" " + acme + "," + mapping + "," + broken + " customer:c1 canary:s1"));
        Await.until("rollout " + second + " halted", WAIT, () -> portal.ok("portal:rollout d1 " + second).startsWith("rollout " + second + " halted"),
                () -> "\n" + portal.ok("portal:rollout d1 " + second));
        table = portal.ok("portal:rollout d1 " + second);
        assertTrue(table, Pattern.compile("(?m)^1\\t.*\\ts1\\trolled back\\t.*com\\.nothing\\.exports\\.this").matcher(table).find());
        assertEquals("the second wave was never handed the set: " + table, 4, count(table, "(?m)^2\\t.*\\ts2\\tpending"));
        assertActive(canary, ACME, "1.0.0");
        for (AgentHome agent : agents) {
            assertFalse(agent.path() + " has no broken bundle", agent.ok("lb -s").contains(BROKEN));
        }

        // --- 2b: a mapper that starts and registers but fails on the printer it claims: only a reading shows it; rolled back at the canary ---
        long failing = upload(ACME + "-1.0.5.jar", TestBundles.vendorMapper(ACME, "1.0.5", "1.3.6.1.4.1.11.2.3.9", FailingMapper.class), "dealer");
        long failed = rolloutId(portal.ok("portal:rolloutstart d1 \"acme 1.0.5\" " + failing + "," + mapping + " customer:c1 canary:s1"));
        Await.until("rollout " + failed + " halted", WAIT, () -> portal.ok("portal:rollout d1 " + failed).startsWith("rollout " + failed + " halted"),
                () -> "\n" + portal.ok("portal:rollout d1 " + failed));
        table = portal.ok("portal:rollout d1 " + failed);
        assertTrue(table, Pattern.compile("(?m)^1\\t.*\\ts1\\trolled back\\t.*mapper 'acme' failed on 127\\.87\\.0\\.1: .*reads a column")
                .matcher(table).find());
        assertEquals("the second wave was never handed the set: " + table, 4, count(table, "(?m)^2\\t.*\\ts2\\tpending"));
        assertActive(canary, ACME, "1.0.0");
        JsonObject back = JsonParser.parseString(canary.ok("scout:read " + NET + 1 + ":" + port + " -c public --json")).getAsJsonObject();
        assertTrue("the previous mapper reads the canary's printer again: " + back, back.toString().contains(AcmeMapper.METER));

        // --- 3: what does not verify ---
        Path tampered = work.resolve(ACME + "-1.1.0.jar");
        Files.write(tampered, TestBundles.vendorMapper(ACME, "1.1.0", "1.3.6.1.4.1.11.2.3.9"));
        sign("--key", work.resolve("dealer.key").toString(), tampered.toString());
        byte[] bytes = Files.readAllBytes(tampered);
        bytes[bytes.length / 2] ^= 1;
        Files.write(tampered, bytes);
        assertRefused(tampered, "the portal's catalogue refuses a changed byte");
        Path stranger = work.resolve(ACME + "-1.2.0.jar");
        Files.write(stranger, TestBundles.vendorMapper(ACME, "1.2.0", "1.3.6.1.4.1.11.2.3.9"));
        sign("--key", work.resolve("stranger.key").toString(), stranger.toString());
        assertRefused(stranger, "the portal's catalogue refuses a key that is not the dealer's");
        long older = upload(ACME + "-0.9.0.jar", TestBundles.vendorMapper(ACME, "0.9.0", "1.3.6.1.4.1.11.2.3.9"), "dealer");
        long third = rolloutId(portal.ok("portal:rolloutstart d1 \"downgrade\" " + older + "," + mapping + " site:s1 canary:s1"));
        Await.until("rollout " + third + " halted", WAIT, () -> portal.ok("portal:rollout d1 " + third).startsWith("rollout " + third + " halted"),
                () -> "\n" + portal.ok("portal:rollout d1 " + third));
        table = portal.ok("portal:rollout d1 " + third);
        assertTrue(table, Pattern.compile("(?m)^1\\t.*\\ts1\\trefused\\t.*downgrade").matcher(table).find());
        assertActive(canary, ACME, "1.0.0");

        // --- 4: the agent's own bundles by the same path: a shipped vendor bundle updated to a newer signed build, then given back ---
        Path shipped;
        try (java.util.stream.Stream<Path> jars = Files.list(canary.path().resolve("bundle"))) {
            shipped = jars.filter(j -> j.getFileName().toString().startsWith(ZEBRA + "-")).findFirst().orElseThrow();
        }
        long zebra = upload(ZEBRA + "-0.1.1.jar", TestBundles.reversioned(Files.readAllBytes(shipped), "0.1.1"), "dealer");
        long fourth = rolloutId(portal.ok("portal:rolloutstart d1 \"zebra 0.1.1\" " + acme + "," + mapping + "," + zebra + " site:s1 canary:s1"));
        Await.until("rollout " + fourth + " done", WAIT, () -> portal.ok("portal:rollout d1 " + fourth).startsWith("rollout " + fourth + " done"),
                () -> "\n" + portal.ok("portal:rollout d1 " + fourth));
        assertActive(canary, ZEBRA, "0.1.1");
        assertTrue("the updated vendor bundle's mapper serves: " + canary.ok("scout:mappers"), canary.ok("scout:mappers").contains("zebra"));
        long fifth = rolloutId(portal.ok("portal:rolloutstart d1 \"without zebra\" " + acme + "," + mapping + " site:s1 canary:s1"));
        Await.until("rollout " + fifth + " done", WAIT, () -> portal.ok("portal:rollout d1 " + fifth).startsWith("rollout " + fifth + " done"),
                () -> "\n" + portal.ok("portal:rollout d1 " + fifth));
        assertActive(canary, ZEBRA, "0.1.0.SNAPSHOT");
        assertActive(canary, ACME, "1.0.0");
        System.out.println("RolloutFleetTest: 5 agents, two waves done, a broken bundle halted at the canary, a tampered, a foreign-key and a"
                + " downgraded artifact refused, a shipped bundle updated and given back");
    }

    private Supplier<String> site(String range, int port) {
        return PortalProcess.siteConfig(range, port, "\"statusIntervalMinutes\":0");
    }

    private void sign(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "sign";
        System.arraycopy(args, 0, command, 1, args.length);
        AgentHome.Run run = tools.printscout(command);
        assertEquals(run.describe(), 0, run.status());
    }

    /** Signs {@code content} as {@code fileName} with {@code key}, puts it in the catalogue and returns its id. */
    private long upload(String fileName, byte[] content, String key, String... versionArgs) throws Exception {
        Path file = work.resolve(fileName);
        Files.write(file, content);
        List<String> args = new ArrayList<>(List.of(versionArgs));
        args.addAll(List.of("--key", work.resolve(key + ".key").toString(), file.toString()));
        sign(args.toArray(new String[0]));
        Matcher id = Pattern.compile("^artifact (\\d+): ").matcher(portal.ok("portal:artifact d1 " + file + " " + file + ".sig"));
        assertTrue(id.lookingAt());
        return Long.parseLong(id.group(1));
    }

    private void assertRefused(Path file, String what) throws Exception {
        AgentHome.Run run = portal.home().exec("portal:artifact d1 " + file + " " + file + ".sig");
        String said = run.out() + run.err();
        assertTrue(what + ": " + said, said.contains("artifact refused"));
        assertFalse(what + ": not in the catalogue", portal.ok("portal:artifacts d1").contains(file.getFileName().toString().replace(".jar", "")
                .replace(ACME + "-", "\t" + ACME + "\t")));
    }

    private static long rolloutId(String started) {
        Matcher id = Pattern.compile("^rollout (\\d+) started").matcher(started);
        assertTrue(started, id.lookingAt());
        return Long.parseLong(id.group(1));
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** When the agent logged its first set installed and healthy. */
    private static LocalDateTime healthyAt(AgentHome agent) throws Exception {
        for (String line : Files.readAllLines(agent.path().resolve("data/log/printscout.log"), StandardCharsets.UTF_8)) {
            Matcher time = LOG_TIME.matcher(line);
            if (line.contains("installed and healthy") && time.find()) {
                return LocalDateTime.parse(time.group(1), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS"));
            }
        }
        throw new AssertionError(agent.path() + " never logged a set installed and healthy");
    }

    private static void assertActive(AgentHome agent, String symbolicName, String version) {
        String bundles = agent.ok("lb -s");
        assertTrue(agent.path() + ": " + bundles, bundles.lines().anyMatch(l -> l.contains("|" + symbolicName + " (" + version + ")") && l.contains("Active")));
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.exists(file) && Files.readString(file).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static byte[] mapping(String description) throws Exception {
        return Files.readString(Path.of("..", "docs", "mapping", "dell-laser-printers.mapping.xml"))
                .replaceFirst("<description>[^<]*</description>", "<description>" + description + "</description>")
                .getBytes(StandardCharsets.UTF_8);
    }
}
