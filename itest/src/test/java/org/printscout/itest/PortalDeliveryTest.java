package org.printscout.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.Rule;
import org.junit.Test;
import org.printscout.simulator.Recording;
import org.printscout.simulator.Simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The "done when" for the path from a scan to the dealer's database, with the assembled agent
 * and the assembled reference portal as shipped (each its own Felix process), the project's
 * simulator serving the shared recordings on loopback:
 * <ul>
 * <li>every device's meters and supplies in the portal's database equal what the agent reads from
 * the same recording offline ({@code scout:replay});</li>
 * <li>the portal stopped for a while during scans: every report the agent spooled reaches the
 * portal once;</li>
 * <li>the agent SIGKILLed after the portal stored a report but before the agent heard so: after a
 * restart the report is at the portal exactly once;</li>
 * <li>malformed uploads get a 4xx with a reason and the portal keeps serving.</li>
 * </ul>
 */
public class PortalDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern SPOOLED = Pattern.compile("spooled (meter|status) report ([0-9a-f-]{36})", Pattern.CASE_INSENSITIVE);

    @Rule
    public final Started running = new Started();

    @Test
    public void everyDevicesMetersAndSuppliesInThePortalDatabaseMatchTheRecordings() throws Exception {
        String net = "127.79.0.";
        List<Path> recordings;
        try (Stream<Path> files = Files.list(recordingsDirectory())) {
            recordings = files.filter(f -> f.toString().endsWith(".snmprec")).sorted().toList();
        }
        int port = freeUdpPort();
        Map<String, Path> recordingAt = new TreeMap<>();
        Simulator.Builder builder = Simulator.builder().community("public");
        for (int i = 0; i < recordings.size(); i++) {
            String ip = net + (i + 1);
            recordingAt.put(ip, recordings.get(i));
            builder.device(new InetSocketAddress(ip, port), Recording.load(recordings.get(i)));
        }
        Simulator printers = builder.start();
        running.add(printers::close);

        PortalProcess portal = PortalProcess.provisioned();
        running.add(portal);
        AgentHome agent = agentOf(portal, portal.url(), siteConfig(net + "1-" + net + recordings.size(), port, 0));

        Await.until("the meter report at the portal and the agent's spool empty", WAIT,
                () -> portal.reportIds().size() == 1 && spooled(agent).isEmpty(),
                () -> "\nportal reports: " + portal.reportIds() + "\nagent: " + status(agent));
        JsonArray known = JsonParser.parseString(agent.ok("scout:devices --json")).getAsJsonArray();
        Set<String> agentKnows = new HashSet<>();
        known.forEach(d -> agentKnows.add(d.getAsJsonObject().get("address").getAsString()));
        JsonArray stored = portal.devices();
        Set<String> portalHas = new HashSet<>();
        stored.forEach(d -> portalHas.add(d.getAsJsonObject().get("ip").getAsString()));
        assertEquals("the devices in the portal's database are the printers the agent found", agentKnows, portalHas);
        assertTrue("most recordings are printers the agent finds (" + portalHas.size() + " of " + recordings.size() + ")",
                portalHas.size() >= recordings.size() / 2);

        int meters = 0;
        int supplies = 0;
        List<String> differences = new ArrayList<>();
        for (JsonElement element : stored) {
            JsonObject device = element.getAsJsonObject();
            String ip = device.get("ip").getAsString();
            Path recording = recordingAt.get(ip);
            JsonObject expected = JsonParser.parseString(agent.ok("scout:replay " + recording + " --json")).getAsJsonObject();
            String name = recording.getFileName().toString();
            Map<String, Long> expectedMeters = new TreeMap<>();
            expected.getAsJsonArray("meters").forEach(m -> expectedMeters.put(m.getAsJsonObject().get("name").getAsString(),
                    m.getAsJsonObject().get("value").getAsLong()));
            Map<String, Long> storedMeters = new TreeMap<>();
            device.getAsJsonObject("meters").entrySet().forEach(m -> storedMeters.put(m.getKey(), m.getValue().getAsLong()));
            compare(differences, name + " meters", expectedMeters, storedMeters);
            compare(differences, name + " supplies", expectedSupplies(expected.getAsJsonArray("supplies")),
                    storedSupplies(device.getAsJsonArray("supplies")));
            JsonObject identity = expected.getAsJsonObject("identity");
            compare(differences, name + " serial", text(identity, "serialNumber"), text(device, "serial"));
            compare(differences, name + " MAC", text(identity, "macAddress"), text(device, "mac"));
            compare(differences, name + " model", text(identity, "model"), text(device, "model"));
            meters += expectedMeters.size();
            supplies += expected.getAsJsonArray("supplies").size();
        }
        assertEquals("portal database vs offline reading of the recordings:\n" + String.join("\n", differences), List.of(), differences);
        assertTrue("the comparison covered real data: " + meters + " meters, " + supplies + " supplies", meters >= 40 && supplies >= 100);
        System.out.println("PortalDeliveryTest: " + portalHas.size() + " devices, " + meters + " meters and " + supplies
                + " supplies in the portal's database equal the recordings' offline readings");
    }

    @Test
    public void thePortalStoppedDuringScansLosesAndDuplicatesNothing() throws Exception {
        String net = "127.79.1.";
        int port = freeUdpPort();
        Simulator printers = Simulator.builder().community("public")
                .device(new InetSocketAddress(net + 1, port), Recording.load(recordingsDirectory().resolve("jetdirect_m130nw.snmprec")))
                .device(new InetSocketAddress(net + 2, port), Recording.load(recordingsDirectory().resolve("brother.snmprec")))
                .device(new InetSocketAddress(net + 3, port), Recording.load(recordingsDirectory().resolve("sharp.snmprec")))
                .start();
        running.add(printers::close);
        // a status scan every 3 s, so that reports keep coming while the portal is away
        PortalProcess portal = PortalProcess.provisioned();
        running.add(portal);
        AgentHome agent = agentOf(portal, portal.url(), siteConfig(net + "1-" + net + "3", port, 0.05));

        Await.until("a meter and a status report at the portal", WAIT, () -> {
            String reports = portal.ok("portal:reports");
            return reports.contains("\tmeter\t") && reports.contains("\tstatus\t");
        }, () -> "\nagent: " + status(agent));
        portal.stop();
        Await.until("three reports spooled while the portal is away", WAIT, () -> spooled(agent).size() >= 3,
                () -> "\nagent: " + status(agent));
        String whileAway = status(agent);
        assertTrue(whileAway, whileAway.contains("portal connection failed"));
        portal.start();
        Await.until("the agent's spool emptied after the portal came back", WAIT, () -> spooled(agent).isEmpty(),
                () -> "\nagent: " + status(agent));
        AgentHome.Run stopped = agent.printscout("stop");
        assertEquals(stopped.describe(), 0, stopped.status());

        Set<String> made = spooledInLog(agent);
        Set<String> left = spooled(agent);
        List<String> atPortal = portal.reportIds();
        assertEquals("no report stored twice: " + atPortal, new HashSet<>(atPortal).size(), atPortal.size());
        Set<String> accounted = new LinkedHashSet<>(atPortal);
        accounted.addAll(left);
        assertEquals("every report the agent made is at the portal or still in its spool", made, accounted);
        assertTrue("at most the last scan's report may wait in the spool: " + left, left.size() <= 2);
        assertTrue("reports went through the outage: " + atPortal.size(), atPortal.size() >= 5);
        assertEquals("three devices, none doubled", 3, portal.devices().size());
    }

    @Test
    public void anAgentKilledDuringAnUploadDeliversTheReportExactlyOnce() throws Exception {
        String net = "127.79.2.";
        int port = freeUdpPort();
        Simulator printers = Simulator.builder().community("public")
                .device(new InetSocketAddress(net + 1, port), Recording.load(recordingsDirectory().resolve("jetdirect_m130nw.snmprec")))
                .device(new InetSocketAddress(net + 2, port), Recording.load(recordingsDirectory().resolve("kyocera.snmprec")))
                .start();
        running.add(printers::close);
        PortalProcess portal = PortalProcess.provisioned();
        running.add(portal);
        HoldingProxy proxy = new HoldingProxy(portal.port());
        running.add(proxy);
        AgentHome agent = agentOf(portal, proxy.url(), siteConfig(net + "1-" + net + "2", port, 0));

        String report = proxy.awaitHeldAnswer(WAIT.toSeconds());
        assertEquals("the portal stored the report", List.of(report), portal.reportIds());
        assertTrue("the agent still holds it", spooled(agent).contains(report));
        long pid = Long.parseLong(Files.readString(agent.path().resolve("data/printscout.pid")).strip());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("agent process " + pid + " is gone"));
        Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0);
        process.onExit().get(30, TimeUnit.SECONDS);
        proxy.release();

        agent.start();
        Await.until("the agent's spool emptied after the restart", WAIT, () -> spooled(agent).isEmpty(),
                () -> "\nagent: " + status(agent));
        assertEquals("the report is at the portal exactly once", List.of(report), portal.reportIds());
        assertEquals(2, portal.devices().size());
        String log = Files.readString(agent.path().resolve("data/log/printscout.log"));
        assertTrue(log, log.contains("report " + report + " was already at the portal"));
    }

    @Test
    public void malformedUploadsAreRefusedWithAReasonAndThePortalKeepsServing() throws Exception {
        PortalProcess portal = PortalProcess.provisioned();
        running.add(portal);
        HttpClient http = HttpClient.newHttpClient();
        JsonObject mallory = activate(http, portal);
        JsonObject alice = activate(http, portal);
        String agent = mallory.get("agentId").getAsString();

        String id = UUID.randomUUID().toString();
        assertRefused(put(http, portal, mallory, agent, id, "this is not a zip".getBytes(StandardCharsets.UTF_8)), 422, "ZIP");
        assertRefused(put(http, portal, mallory, agent, id, zip("report.xml", "<report><unclosed>".getBytes(StandardCharsets.UTF_8))), 422, "report.xml");
        assertRefused(put(http, portal, mallory, agent, id, zip("report.xml", new byte[5 * 1024 * 1024])), 422, "zip bomb");
        assertRefused(put(http, portal, mallory, agent, id, report(id, alice.get("agentId").getAsString())), 422, "not the one uploading it");
        assertRefused(put(http, portal, mallory, alice.get("agentId").getAsString(), id, report(id, agent)), 403, "its own");
        assertRefused(put(http, portal, mallory, agent, id, new byte[2 * 1024 * 1024]), 413, "at most");
        assertEquals("nothing stored from a malformed upload", List.of(), portal.reportIds());

        HttpResponse<String> good = put(http, portal, mallory, agent, id, report(id, agent));
        assertEquals(good.body(), 201, good.statusCode());
        assertEquals(List.of(id), portal.reportIds());
        HttpResponse<String> page = PortalBrowser.signedIn(portal.url().replaceAll("/$", ""), PortalProcess.USER, PortalProcess.PASSWORD).get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body(), page.body().contains("SIM-0001"));
    }

    // ---- the agent --------------------------------------------------------------------------------

    private AgentHome agentOf(PortalProcess portal, String portalUrl, Supplier<String> siteConfig) throws Exception {
        AgentHome agent = portal.startAgent(portalUrl, siteConfig);
        running.add(agent);
        return agent;
    }

    private static Supplier<String> siteConfig(String range, int port, double statusMinutes) {
        return PortalProcess.siteConfig(range, port, "\"statusIntervalMinutes\":" + statusMinutes);
    }

    /** Report ids in the agent's spool directory. */
    private static Set<String> spooled(AgentHome agent) {
        Path spool = agent.path().resolve("data/spool");
        if (!Files.isDirectory(spool)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".zip"))
                    .map(n -> {
                        Matcher id = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").matcher(n);
                        return id.find() ? id.group() : n;
                    }).collect(Collectors.toCollection(LinkedHashSet::new));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Report ids the agent's log says were spooled. */
    private static Set<String> spooledInLog(AgentHome agent) throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = SPOOLED.matcher(Files.readString(agent.path().resolve("data/log/printscout.log")));
        while (m.find()) {
            ids.add(m.group(2));
        }
        return ids;
    }

    private static String status(AgentHome agent) {
        try {
            return agent.exec("scout:status").out();
        } catch (Exception e) {
            return e.toString();
        }
    }

    // ---- comparing ----------------------------------------------------------------------------------

    private static void compare(List<String> differences, String what, Object expected, Object stored) {
        if (!java.util.Objects.equals(expected, stored)) {
            differences.add(what + ": recording " + expected + ", portal " + stored);
        }
    }

    private static String text(JsonObject object, String key) {
        JsonElement value = object.get(key);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }

    /** index → "description|level|max", levels of the Printer MIB's special values as their numbers. */
    private static Map<Integer, String> expectedSupplies(JsonArray supplies) {
        Map<Integer, String> out = new TreeMap<>();
        for (JsonElement element : supplies) {
            JsonObject s = element.getAsJsonObject();
            out.put(s.get("index").getAsInt(), text(s, "description") + "|" + level(s.get("level")) + "|" + level(s.get("maxCapacity")));
        }
        return out;
    }

    private static Map<Integer, String> storedSupplies(JsonArray supplies) {
        Map<Integer, String> out = new TreeMap<>();
        for (JsonElement element : supplies) {
            JsonObject s = element.getAsJsonObject();
            out.put(s.get("index").getAsInt(), text(s, "description") + "|" + s.get("level").getAsLong() + "|" + s.get("max").getAsLong());
        }
        return out;
    }

    private static long level(JsonElement level) {
        String text = level.getAsString();
        switch (text) {
            case "other":
                return -1;
            case "unknown":
                return -2;
            case "some remaining":
                return -3;
            default:
                return Long.parseLong(text);
        }
    }

    // ---- raw importer calls -------------------------------------------------------------------------

    private static JsonObject activate(HttpClient http, PortalProcess portal) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(portal.url() + "api/v1/activate"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"activationKey\":\"" + portal.activationKey() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(response.body(), 200, response.statusCode());
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static HttpResponse<String> put(HttpClient http, PortalProcess portal, JsonObject as, String agentInPath, String id, byte[] body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(portal.url() + "api/v1/agents/" + agentInPath + "/reports/" + id))
                .header("Authorization", basic(as.get("agentId").getAsString(), as.get("secret").getAsString()))
                .header("Content-Type", "application/zip").header("Idempotency-Key", id)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> response, int status, String reason) {
        assertEquals(response.body(), status, response.statusCode());
        assertFalse("a reason is given", response.body().isBlank());
        assertTrue(response.body(), response.body().contains(reason));
    }

    private static byte[] report(String id, String agent) throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><report xmlns=\"urn:printscout:report:1\" id=\"" + id + "\" agent=\""
                + agent + "\" site=\"s1\" kind=\"meter\" finished=\"2026-11-26T06:00:00Z\"><device ip=\"10.1.0.5\" serial=\"SIM-0001\" "
                + "make=\"HP\" model=\"M404\" readAt=\"2026-11-26T06:00:00Z\"><status device=\"running\" printer=\"idle\"/>"
                + "<meter name=\"total\">1234</meter></device></report>";
        return zip("report.xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] zip(String entry, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Path recordingsDirectory() {
        return Path.of(System.getProperty("printscout.testdata"), "printers", "snmprec");
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
