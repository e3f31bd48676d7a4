package org.printscout.itest.rollout;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.Rule;
import org.junit.Test;
import org.printscout.itest.AgentHome;
import org.printscout.itest.Await;
import org.printscout.itest.Started;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The agent's side of fleet updates (issue 16) against a test portal that speaks the contract: the
 * assembled agent pins the dealer key at activation, takes desired sets from its site configuration,
 * installs what verifies, refuses what does not (tampered, unsigned, another key, downgrade) with
 * nothing installed, rolls back a bundle that does not resolve, and comes back to the previous set
 * after a kill -9 mid-install. Artifacts are signed with bin/printscout sign.
 */
public class RolloutAgentTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ACME = "org.printscout.itest.acme";
    private static final String MAPPING = "acme-dell";
    /** The health check found the mapping file's mapper registered; this agent has no printer for it to read. */
    private static final String DELL_UNUSED = "no device here is claimed by mapper 'dell-laser-printers'";
    private static final String API = "org.printscout.api";

    @Rule
    public final Started started = new Started();

    private RolloutPortal portal;
    private AgentHome agent;
    private Path work;

    private void startAgent() throws Exception {
        portal = started.add(new RolloutPortal());
        agent = started.add(AgentHome.copyOfDistribution());
        work = Files.createTempDirectory("rollout-artifacts");
        run("sign", "keygen", work.resolve("dealer").toString());
        portal.artifactKeys.add(Files.readString(work.resolve("dealer.pub")).strip());
        Files.writeString(agent.path().resolve("etc/org.printscout.upload.cfg"), "portalUrl = " + portal.url()
                + "\nactivationKey = ACT-ROLLOUT-1\nuploadIntervalSeconds = 1\nconfigPollSeconds = 10\nretryBaseSeconds = 1\nretryMaxSeconds = 2\n");
        Files.writeString(agent.path().resolve("etc/org.printscout.rollout.cfg"), "healthSeconds = 8\n");
        agent.start();
    }

    private String run(String... args) throws Exception {
        AgentHome.Run run = agent == null ? null : agent.printscout(args);
        if (run == null || run.status() != 0) {
            throw new AssertionError("bin/printscout " + String.join(" ", args) + ": " + (run == null ? "" : run.describe()));
        }
        return run.out();
    }

    /** Writes the artifact, signs it with {@code key} (bin/printscout sign) and returns the document's item. */
    private JsonObject signed(String fileName, byte[] content, String key, String... versionArgs) throws Exception {
        Path file = work.resolve(fileName);
        Files.write(file, content);
        String[] args = new String[versionArgs.length + 4];
        args[0] = "sign";
        System.arraycopy(versionArgs, 0, args, 1, versionArgs.length);
        args[versionArgs.length + 1] = "--key";
        args[versionArgs.length + 2] = work.resolve(key + ".key").toString();
        args[versionArgs.length + 3] = file.toString();
        run(args);
        JsonObject item = JsonParser.parseString(Files.readString(work.resolve(fileName + ".sig"))).getAsJsonObject();
        item.remove("format");
        item.addProperty("url", "api/v1/agents/" + RolloutPortal.AGENT + "/artifacts/" + item.get("sha256").getAsString());
        portal.artifacts.put(item.get("sha256").getAsString(), content);
        return item;
    }

    private void desire(String setId, JsonObject... items) {
        JsonArray array = new JsonArray();
        for (JsonObject item : items) {
            array.add(item);
        }
        JsonObject artifacts = new JsonObject();
        artifacts.addProperty("setId", setId);
        artifacts.add("items", array);
        JsonObject doc = new JsonObject();
        doc.add("configurations", new JsonObject());
        doc.add("artifacts", artifacts);
        portal.document = doc.toString();
    }

    private Optional<JsonObject> status(String setId, String state) {
        return portal.statuses.stream().filter(s -> s.get("setId").getAsString().equals(setId) && s.get("state").getAsString().equals(state))
                .findFirst();
    }

    /** Waits for the set's outcome in {@code state} and returns its reason. */
    private String outcome(String setId, String state) throws Exception {
        Await.until("set " + setId + " " + state, WAIT, () -> status(setId, state).isPresent(),
                () -> " (statuses: " + portal.statuses + "; scout:status: " + agent.answerOrNull("scout:status") + ")");
        return status(setId, state).orElseThrow().get("reason").getAsString();
    }

    /** The line of {@code lb -s} for the bundle, or empty. */
    private Optional<String> bundleLine(String symbolicName) {
        return agent.ok("lb -s").lines().filter(l -> l.contains("|" + symbolicName + " (")).findFirst();
    }

    private void assertActive(String symbolicName, String version) {
        String line = bundleLine(symbolicName).orElseThrow(() -> new AssertionError(symbolicName + " is not installed: " + agent.ok("lb -s")));
        assertTrue(line, line.contains("Active") && line.contains("(" + version + ")"));
        String components = agent.ok("scr:list");
        // scr:list: the component's line, then one line per instance with its state
        int at = components.indexOf(symbolicName + ".component in bundle");
        assertTrue(components, at >= 0 && components.substring(at).lines().skip(1).findFirst().orElse("").contains("State:ACTIVE"));
    }

    private Path mappingFile() {
        return agent.path().resolve("deploy/" + MAPPING + ".mapping.xml");
    }

    private byte[] mapping(String description) throws IOException {
        return Files.readString(Path.of("..", "docs", "mapping", "dell-laser-printers.mapping.xml"))
                .replaceFirst("<description>[^<]*</description>", "<description>" + description + "</description>")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    public void aSignedSetBecomesActiveWhatDoesNotVerifyIsRefusedAndABundleThatDoesNotResolveIsRolledBack() throws Exception {
        startAgent();
        JsonObject acme = signed(ACME + "-1.0.0.jar", TestBundles.component(ACME, "1.0.0", null, false), "dealer");
        JsonObject dell = signed(MAPPING + ".mapping.xml", mapping("Dell, version 1"), "dealer", "--version", "1");
        desire("set-1", acme, dell);
        assertEquals(DELL_UNUSED, outcome("set-1", "healthy"));
        assertActive(ACME, "1.0.0");
        assertEquals(new String(mapping("Dell, version 1"), StandardCharsets.UTF_8), Files.readString(mappingFile()));
        Await.until("the mapping file a mapper", WAIT, () -> String.valueOf(agent.answerOrNull("scout:mappers")).contains("dell-laser-printers"));
        JsonObject healthy = status("set-1", "healthy").orElseThrow();
        assertEquals(2, healthy.getAsJsonArray("items").size());

        // tampered: the portal serves other bytes than the signed ones
        JsonObject acme11 = signed(ACME + "-1.1.0.jar", TestBundles.component(ACME, "1.1.0", null, false), "dealer");
        byte[] tampered = portal.artifacts.get(acme11.get("sha256").getAsString()).clone();
        tampered[tampered.length / 2] ^= 1;
        portal.artifacts.put(acme11.get("sha256").getAsString(), tampered);
        desire("set-2", acme11, dell);
        String reason = outcome("set-2", "refused");
        assertTrue(reason, reason.contains(ACME + " 1.1.0: the download's SHA-256") && reason.contains("the artifact was changed"));

        // unsigned
        JsonObject unsigned = signed(ACME + "-1.2.0.jar", TestBundles.component(ACME, "1.2.0", null, false), "dealer");
        unsigned.addProperty("signature", "");
        unsigned.addProperty("keyId", "");
        desire("set-3", unsigned, dell);
        reason = outcome("set-3", "refused");
        assertTrue(reason, reason.contains("unsigned"));

        // another dealer's key, not pinned
        run("sign", "keygen", work.resolve("stranger").toString());
        JsonObject stranger = signed(ACME + "-1.3.0.jar", TestBundles.component(ACME, "1.3.0", null, false), "stranger");
        desire("set-4", stranger, dell);
        reason = outcome("set-4", "refused");
        assertTrue(reason, reason.contains("signed with the unknown key"));

        // downgrade
        JsonObject older = signed(ACME + "-0.9.0.jar", TestBundles.component(ACME, "0.9.0", null, false), "dealer");
        desire("set-5", older, dell);
        reason = outcome("set-5", "refused");
        assertTrue(reason, reason.contains("downgrade: 0.9.0 is older than the installed 1.0.0"));
        JsonObject refusedItems = status("set-5", "refused").orElseThrow();
        assertEquals(2, refusedItems.getAsJsonArray("items").size());

        assertActive(ACME, "1.0.0");

        // a bundle whose import nothing exports, with a newer acme: the whole set goes back
        JsonObject broken = signed("org.printscout.itest.broken-1.0.0.jar",
                TestBundles.component("org.printscout.itest.broken", "1.0.0", "com.nothing.exports.this", false), "dealer");
        JsonObject dell2 = signed(MAPPING + ".mapping.xml", mapping("Dell, version 2"), "dealer", "--version", "2");
        JsonObject acme14 = signed(ACME + "-1.4.0.jar", TestBundles.component(ACME, "1.4.0", null, false), "dealer");
        desire("set-6", acme14, broken, dell2);
        reason = outcome("set-6", "rolled back");
        assertTrue(reason, reason.contains("org.printscout.itest.broken") && reason.contains("com.nothing.exports.this"));
        assertActive(ACME, "1.0.0");
        assertFalse(agent.ok("lb -s"), bundleLine("org.printscout.itest.broken").isPresent());
        assertEquals("the previous mapping file is back", new String(mapping("Dell, version 1"), StandardCharsets.UTF_8),
                Files.readString(mappingFile()));
        String scoutStatus = agent.ok("scout:status");
        assertTrue(scoutStatus, scoutStatus.contains("set-6 rolled back"));

        // the set in force comes back at the next start (the framework cache is cleaned then)
        agent.printscout("stop");
        agent.start();
        Await.until("acme back after a restart", WAIT, () -> bundleLine(ACME).map(l -> l.contains("Active")).orElse(false));
        assertActive(ACME, "1.0.0");
    }

    /**
     * Issue 16 item 5: a new build of a bundle the rollout itself runs on (here the api bundle) cannot be
     * swapped live; it is applied by a restart of the framework (the Restart Agent way) and checked after
     * it. A build that breaks another bundle is put back by a second restart; a set that no longer lists
     * it gives the shipped jar back the same way.
     */
    @Test
    public void aBundleTheAgentRunsOnIsAppliedByARestartAndPutBackWhenItBreaksAnother() throws Exception {
        startAgent();
        Path shipped;
        try (java.util.stream.Stream<Path> jars = Files.list(agent.path().resolve("bundle"))) {
            shipped = jars.filter(j -> j.getFileName().toString().startsWith(API + "-")).findFirst().orElseThrow();
        }
        String shippedVersion = bundleLine(API).orElseThrow().replaceAll(".*\\((.*)\\).*", "$1");
        byte[] own = Files.readAllBytes(shipped);
        JsonObject core = signed(API + "-9.0.1.jar", TestBundles.reversioned(own, "9.0.1"), "dealer");
        desire("set-core", core);
        Await.until("the restart's announcement", WAIT, () -> portal.statuses.stream().anyMatch(s -> s.get("setId").getAsString().equals("set-core")
                && s.get("state").getAsString().equals("installed") && s.get("reason").getAsString().contains("applied by Restart Agent")),
                () -> String.valueOf(portal.statuses));
        String healthy = outcome("set-core", "healthy");
        assertTrue(healthy, healthy.startsWith("applied by a restart of the framework"));
        assertTrue(agent.ok("lb -s"), bundleLine(API).orElseThrow().contains("(9.0.1)") && bundleLine(API).orElseThrow().contains("Active"));
        String log = Files.readString(agent.path().resolve("data/log/printscout.log"));
        assertTrue(log, log.contains("the running agent is built on it, so the change is applied by Restart Agent"));

        // a build that no longer exports the remote-UI api: after the restart org.printscout.remoteui does not start, so 9.0.1 comes back
        JsonObject breaking = signed(API + "-9.0.2.jar", TestBundles.reversioned(own, "9.0.2", "org.printscout.api.remoteui"), "dealer");
        desire("set-breaking", breaking);
        String reason = outcome("set-breaking", "rolled back");
        assertTrue(reason, reason.contains("org.printscout.remoteui") && reason.contains("not ACTIVE as before it"));
        Await.until("9.0.1 back and every bundle active", WAIT, () -> bundleLine(API).map(l -> l.contains("(9.0.1)") && l.contains("Active")).orElse(false)
                && bundleLine("org.printscout.remoteui").map(l -> l.contains("Active")).orElse(false), () -> agent.ok("lb -s"));

        // a set without it: the shipped jar comes back, by a restart as well
        desire("set-none");
        assertTrue(outcome("set-none", "healthy").startsWith("applied by a restart of the framework"));
        Await.until("the shipped api back", WAIT, () -> bundleLine(API).map(l -> l.contains("(" + shippedVersion + ")") && l.contains("Active")).orElse(false),
                () -> agent.ok("lb -s"));
        assertFalse(Files.exists(agent.path().resolve("data/rollout/journal.json")));
    }

    @Test
    public void aKillDuringAnInstallComesBackToThePreviousSet() throws Exception {
        startAgent();
        JsonObject acme = signed(ACME + "-1.0.0.jar", TestBundles.component(ACME, "1.0.0", null, false), "dealer");
        JsonObject dell = signed(MAPPING + ".mapping.xml", mapping("Dell, version 1"), "dealer", "--version", "1");
        desire("set-1", acme, dell);
        assertEquals(DELL_UNUSED, outcome("set-1", "healthy"));

        // set-2's waiting bundle keeps the health check busy for its window: the agent is killed in it
        JsonObject acme11 = signed(ACME + "-1.1.0.jar", TestBundles.component(ACME, "1.1.0", null, false), "dealer");
        JsonObject waiting = signed("org.printscout.itest.waiting-1.0.0.jar", TestBundles.component("org.printscout.itest.waiting", "1.0.0", null, true),
                "dealer");
        JsonObject dell2 = signed(MAPPING + ".mapping.xml", mapping("Dell, version 2"), "dealer", "--version", "2");
        desire("set-2", acme11, waiting, dell2);
        outcome("set-2", "installed");
        assertTrue("the journal is on disk mid-install", Files.exists(agent.path().resolve("data/rollout/journal.json")));
        assertEquals(new String(mapping("Dell, version 2"), StandardCharsets.UTF_8), Files.readString(mappingFile()));
        String pid = Files.readString(agent.path().resolve("data/printscout.pid")).strip();
        Process kill = new ProcessBuilder("kill", "-9", pid).inheritIO().start();
        assertEquals(0, kill.waitFor());
        Await.until("the agent gone", WAIT, () -> !ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false));

        agent.start();
        String reason = outcome("set-2", "rolled back");
        assertTrue(reason, reason.contains("stopped while installing set set-2"));
        Await.until("acme back", WAIT, () -> bundleLine(ACME).map(l -> l.contains("Active")).orElse(false));
        assertActive(ACME, "1.0.0");
        assertFalse(agent.ok("lb -s"), bundleLine("org.printscout.itest.waiting").isPresent());
        assertEquals(new String(mapping("Dell, version 1"), StandardCharsets.UTF_8), Files.readString(mappingFile()));
        assertFalse(Files.exists(agent.path().resolve("data/rollout/journal.json")));
        List<String> log = Files.readAllLines(agent.path().resolve("data/log/printscout.log"));
        assertTrue(String.join("\n", log), log.stream().anyMatch(l -> l.contains("stopped while installing set set-2")));
    }
}
