package org.printscout.upload.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printscout.api.report.ScanKind;
import org.printscout.api.report.ReportSpool;
import org.printscout.api.report.SpooledReport;

class AgentLoopTest {

    @TempDir
    Path dir;

    private final FakeConfigAdmin config = new FakeConfigAdmin();
    private final MemorySpool spool = new MemorySpool();
    private final TestChecker checker = new TestChecker();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<PortalClient.Identity> activated = new CopyOnWriteArrayList<>();
    private TestPortal portal;
    private PortalClient client;
    private AgentLoop loop;
    private Thread thread;

    @AfterEach
    void stop() throws Exception {
        if (loop != null) {
            loop.stop();
            thread.join(5000);
        }
        if (client != null) {
            client.close();
        }
        if (portal != null) {
            portal.close();
        }
    }

    private void start(String key) throws Exception {
        client = new PortalClient(new PortalClient.Settings(URI.create(portal.url("http")), TlsTrust.context(null, Set.of()), null, 5, 5));
        AgentLoop.Log messages = AgentLoop.Log.of(m -> log.add("INFO " + m), m -> log.add("WARN " + m), m -> log.add("ERROR " + m));
        loop = new AgentLoop(client, portal.url("http"), key, new IdentityStore(dir.resolve("agent/identity.properties")),
                new ConfigApplier(config.admin()), checker, () -> spool, activated::add,
                new AgentLoop.Timing(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(50), Duration.ofMillis(200)),
                messages, Clock.systemUTC(), new Random(7));
        thread = new Thread(loop, "test-agent-loop");
        thread.start();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void activatesAppliesTheSiteConfigurationThenUploadsOldestFirstEachReportCountedOnce() throws Exception {
        portal = TestPortal.http();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(spool.add(ScanKind.METER, new byte[] {(byte) i}));
        }
        portal.loseAnswers.set(2);   // stored at the portal, answer lost: retried, must not count twice
        portal.failUploads.set(1);   // portal busy before storing
        start(TestPortal.GOOD_KEY);

        await("all reports acknowledged", () -> spool.pending.isEmpty());
        assertEquals(ids, portal.uploadOrder, "oldest first");
        assertEquals(5, portal.reports.size(), "each report counted once");
        assertArrayEquals(new byte[] {3}, portal.reports.get(ids.get(3)));

        assertEquals("agent-1", config.store.get(UploadComponent.REPORT_PID).get("agentId"));
        assertEquals("site-9", config.store.get(UploadComponent.REPORT_PID).get("siteId"));
        assertArrayEquals(new String[] {"10.0.0.0/24", "10.0.1.0/24"},
                (String[]) config.store.get("org.printscout.discovery.site~hq").get("ranges"));
        assertTrue(log.stream().anyMatch(l -> l.contains("already at the portal")), log.toString());

        assertEquals(1, activated.size(), "the identity is offered once (the component registers the command queue then)");
        assertEquals(TestPortal.AGENT, activated.get(0).agentId());

        Path identity = dir.resolve("agent/identity.properties");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(identity)));
        assertFalse(Files.readString(identity).contains(TestPortal.GOOD_KEY), "the activation key itself is not kept");
        assertTrue(log.stream().noneMatch(l -> l.contains(TestPortal.SECRET)), "the secret is never logged");
    }

    @Test
    void theSiteConfigurationIsPolledWithItsEtagAndChangesApplyInPlace() throws Exception {
        portal = TestPortal.http();
        start(TestPortal.GOOD_KEY);
        await("configured", () -> config.store.containsKey(UploadComponent.REPORT_PID));
        await("a 304", () -> portal.notModified.get() >= 1);
        int updatesBefore = config.updates.size();
        assertEquals(updatesBefore, config.updates.size(), "an unchanged configuration touches nothing");

        portal.siteConfig = "{\"siteId\":\"site-9\",\"configurations\":{\"org.printscout.snmp.profile~office\":{\"version\":\"2c\",\"community\":\"office\"}}}";
        portal.etag = "\"v2\"";
        await("the new configuration", () -> config.store.containsKey("org.printscout.snmp.profile~office"));
        await("the dropped one removed", () -> !config.store.containsKey("org.printscout.discovery.site~hq"));
        assertEquals("office", config.store.get("org.printscout.snmp.profile~office").get("community"));
        assertEquals("agent-1", config.store.get(UploadComponent.REPORT_PID).get("agentId"), "the agent's own configuration stays");
    }

    @Test
    void aWrongKeyLeavesTheAgentUnconfiguredWithAClearMessageAndItRetries() throws Exception {
        portal = TestPortal.http();
        portal.acceptedKey = "ACT-SOMETHING-ELSE";
        spool.add(ScanKind.METER, new byte[] {9});
        start(TestPortal.GOOD_KEY);
        await("two failed attempts", () -> log.stream().filter(l -> l.contains("activation failed")).count() >= 2);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("ERROR activation failed: the portal " + portal.url("http")
                + "/ refused the activation key (HTTP 403: unknown activation key). Check activationKey of org.printscout.upload")), log.toString());
        assertTrue(config.store.isEmpty(), "nothing configured: " + config.store);
        assertTrue(portal.reports.isEmpty());
        assertFalse(loop.configured());

        portal.acceptedKey = TestPortal.GOOD_KEY;
        await("activated after the key was accepted", () -> spool.pending.isEmpty());
        assertEquals(1, portal.reports.size());
    }

    @Test
    void anInvalidSiteConfigurationChangesNothing() throws Exception {
        portal = TestPortal.http();
        portal.siteConfig = "{\"configurations\":{\"org.printscout.discovery.site~hq\":{\"ranges\":[\"10.0.0.0/24\"]},"
                + "\"org.printscout.upload\":{\"portalUrl\":\"https://evil.example\"}}}";
        start(TestPortal.GOOD_KEY);
        await("a refusal", () -> log.stream().anyMatch(l -> l.contains("the portal may not configure org.printscout.upload")));
        assertTrue(config.store.isEmpty(), "not even the valid part is applied: " + config.store);
        assertNull(config.store.get(UploadComponent.REPORT_PID), "no reports without a valid site configuration");
        await("the reason at the portal", () -> !portal.configStatuses.isEmpty());
        assertTrue(portal.configStatuses.get(0).contains("\"applied\":false"), portal.configStatuses.toString());
        assertTrue(portal.configStatuses.get(0).contains("the portal may not configure org.printscout.upload"), portal.configStatuses.toString());
        await("polled again", () -> portal.notModified.get() >= 2);
        assertEquals(1, log.stream().filter(l -> l.contains("refused")).count(), "refused once, not at every poll: " + log);
    }

    @Test
    void aRefusedDocumentLeavesThePreviousInForceAndUploadsGoOn() throws Exception {
        portal = TestPortal.http();
        start(TestPortal.GOOD_KEY);
        await("configured", () -> config.store.containsKey("org.printscout.discovery.site~hq"));
        portal.siteConfig = "{\"configurations\":{\"org.printscout.logging\":{\"directory\":\"/\"}}}";
        portal.etag = "\"v2\"";
        await("a refusal", () -> log.stream().anyMatch(l -> l.contains("key 'directory' refused")));
        assertTrue(config.store.containsKey("org.printscout.discovery.site~hq"), "the previous configuration stays");
        assertNull(config.store.get("org.printscout.logging"));
        String id = spool.add(ScanKind.STATUS, new byte[] {1});
        await("uploads go on", () -> portal.reports.containsKey(id));
        await("the state says so", () -> loop.state().contains("refused"));
    }

    @Test
    void aReportThePortalCanNeverStoreIsSetAsideAndTheNextOnesFlow() throws Exception {
        portal = TestPortal.http();
        String bad = spool.add(ScanKind.METER, new byte[] {66});
        String good = spool.add(ScanKind.METER, new byte[] {1});
        portal.refuseReports.add(bad);
        start(TestPortal.GOOD_KEY);
        await("the next report stored", () -> portal.reports.containsKey(good));
        assertEquals(List.of(bad), spool.setAside.stream().map(SpooledReport::id).toList());
        assertTrue(spool.reasons.get(0).contains("HTTP 422"), spool.reasons.toString());
        await("the spool empty", () -> spool.pending.isEmpty());
        await("the state says so", () -> loop.state().contains("1 refused by the portal and set aside"));
    }

    @Test
    void aPortalNotYetServingItsApiDoesNotCostAReport() throws Exception {
        portal = TestPortal.http();
        String id = spool.add(ScanKind.STATUS, new byte[] {7});
        portal.notServingUploads.set(2);
        start(TestPortal.GOOD_KEY);
        await("the report stored once the portal serves its API", () -> portal.reports.containsKey(id));
        assertEquals(0, portal.notServingUploads.get(), "both 404 answers were seen");
        assertEquals(List.of(), spool.setAside, "a 404 says nothing about the report: it is not set aside");
        await("the spool empty", () -> spool.pending.isEmpty());
        assertTrue(log.stream().anyMatch(l -> l.contains("HTTP 404") && l.contains("stays in the spool")), log.toString());
    }

    @Test
    void aStoredIdentityIsReusedWithoutActivatingAgain() throws Exception {
        portal = TestPortal.http();
        new IdentityStore(dir.resolve("agent/identity.properties")).save(portal.url("http"), TestPortal.GOOD_KEY,
                new PortalClient.Identity(TestPortal.AGENT, TestPortal.SECRET, "site-9"));
        start(TestPortal.GOOD_KEY);
        await("configured", () -> config.store.containsKey(UploadComponent.REPORT_PID));
        assertTrue(portal.requestLines.stream().noneMatch(l -> l.contains("/activate")), portal.requestLines.toString());
    }

    @Test
    void theDealerKeysOfTheActivationArePinnedBesideTheIdentityAndTheDesiredSetGoesToTheRollout() throws Exception {
        portal = TestPortal.http();
        String key = "printscout-ed25519 MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE= dealer";
        portal.activationExtra = ",\"artifactKeys\":[\"" + key + "\"]";
        portal.siteConfig = "{\"configurations\":{\"org.printscout.scheduler\":{\"statusIntervalMinutes\":15}},"
                + "\"artifacts\":{\"setId\":\"set-1\",\"items\":[{\"kind\":\"bundle\",\"name\":\"a.jar\",\"symbolicName\":\"a\","
                + "\"version\":\"1.0.0\",\"sha256\":\"" + "ab".repeat(32) + "\",\"size\":3,\"keyId\":\"k\",\"signature\":\"s\","
                + "\"url\":\"api/v1/agents/x/artifacts/" + "ab".repeat(32) + "\"}]}}";
        List<org.printscout.api.rollout.DesiredSet> sets = new CopyOnWriteArrayList<>();
        start(TestPortal.GOOD_KEY);
        loop.rollout(sets::add);
        await("configured", () -> config.store.containsKey("org.printscout.scheduler"));
        await("the set handed to the rollout", () -> !sets.isEmpty());
        assertEquals("set-1", sets.get(0).setId());
        assertEquals("a", sets.get(0).items().get(0).symbolicName());
        assertEquals(List.of(key), activated.get(0).artifactKeys());
        // pinned: read back from the identity file, whatever the site configuration says later
        assertEquals(List.of(key), new IdentityStore(dir.resolve("agent/identity.properties")).load(portal.url("http"), TestPortal.GOOD_KEY)
                .orElseThrow().artifactKeys());

        // the portal serves the artifact and takes the status, through what the rollout bundle is given
        portal.artifacts.put("ab".repeat(32), new byte[] {1, 2, 3});
        PortalRollout rollout = new PortalRollout(client, activated.get(0));
        try (var in = rollout.download(sets.get(0).items().get(0))) {
            assertArrayEquals(new byte[] {1, 2, 3}, in.readAllBytes());
        }
        assertTrue(assertThrowsIo(() -> rollout.download(new org.printscout.api.rollout.DesiredArtifact("bundle", "", "b", "1", "cd".repeat(32),
                1, "", ""))).contains("HTTP 404"));
        rollout.status(new org.printscout.api.rollout.RolloutStatus("set-1", "healthy", "", List.of(
                new org.printscout.api.rollout.RolloutStatus.Item("a", "1.0.0", "healthy", ""))));
        assertEquals(List.of("{\"setId\":\"set-1\",\"state\":\"healthy\",\"reason\":\"\",\"items\":[{\"symbolicName\":\"a\","
                + "\"version\":\"1.0.0\",\"state\":\"healthy\",\"reason\":\"\"}]}"), portal.rolloutStatuses);
    }

    @Test
    void aMalformedArtifactsMemberIsRefusedWithItsReasonAndTheRestApplies() throws Exception {
        portal = TestPortal.http();
        portal.siteConfig = "{\"configurations\":{\"org.printscout.scheduler\":{\"statusIntervalMinutes\":15}},"
                + "\"artifacts\":{\"setId\":\"set-2\",\"items\":[{\"kind\":\"bundle\",\"symbolicName\":\"a\"}]}}";
        List<org.printscout.api.rollout.DesiredSet> sets = new CopyOnWriteArrayList<>();
        start(TestPortal.GOOD_KEY);
        loop.rollout(sets::add);
        await("configured", () -> config.store.containsKey("org.printscout.scheduler"));
        await("a config status", () -> !portal.configStatuses.isEmpty());
        String status = portal.configStatuses.get(0);
        assertTrue(status.contains("\"applied\":true") && status.contains("artifacts refused: artifacts: item 0: 'size' is not a number"), status);
        assertTrue(sets.isEmpty(), "nothing handed over");
    }

    @Test
    void aDocumentWithoutArtifactsHandsNothingOver() throws Exception {
        portal = TestPortal.http();
        List<org.printscout.api.rollout.DesiredSet> sets = new CopyOnWriteArrayList<>();
        start(TestPortal.GOOD_KEY);
        loop.rollout(sets::add);
        await("configured", () -> config.store.containsKey(UploadComponent.REPORT_PID));
        Thread.sleep(500);
        assertTrue(sets.isEmpty());
    }

    private interface IoCall {
        void run() throws IOException;
    }

    private static String assertThrowsIo(IoCall call) {
        try {
            call.run();
        } catch (IOException e) {
            return e.getMessage();
        }
        throw new AssertionError("no IOException");
    }

    /** The spool contract in memory, in insertion order. */
    static final class MemorySpool implements ReportSpool {
        final List<SpooledReport> pending = new CopyOnWriteArrayList<>();
        final java.util.Map<String, byte[]> bytes = new java.util.concurrent.ConcurrentHashMap<>();
        private long clock = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

        String add(ScanKind kind, byte[] data) {
            String id = UUID.randomUUID().toString();
            pending.add(new SpooledReport(id, kind, Instant.ofEpochMilli(clock++), data.length));
            bytes.put(id, data);
            return id;
        }

        @Override
        public List<SpooledReport> pending() {
            return pending.stream().collect(Collectors.toList());
        }

        @Override
        public byte[] read(SpooledReport report) throws IOException {
            byte[] data = bytes.get(report.id());
            if (data == null) {
                throw new java.nio.file.NoSuchFileException(report.id());
            }
            return data;
        }

        @Override
        public void acknowledge(SpooledReport report) {
            pending.remove(report);
            bytes.remove(report.id());
        }

        final List<SpooledReport> setAside = new CopyOnWriteArrayList<>();
        final List<String> reasons = new CopyOnWriteArrayList<>();

        @Override
        public void setAside(SpooledReport report, String reason) {
            pending.remove(report);
            setAside.add(report);
            reasons.add(reason);
        }

        @Override
        public List<org.printscout.api.report.SetAsideReport> setAside() {
            return List.of();
        }
    }
}
