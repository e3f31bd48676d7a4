package org.printscout.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The README's first command after the build: {@code bin/demo} of the demo distribution starts the
 * portal, an agent activated against it and the simulated printers; within a minute the portal's
 * page shows every printer the agent found, with meters and supplies.
 */
public class DemoTest {

    private AgentHome demo;

    @After
    public void stop() throws Exception {
        if (demo != null) {
            run(demo.path().resolve("bin/demo").toString(), "stop");
        }
    }

    @Test
    public void theDemoShowsEveryPrinterOnThePortalPageWithinAMinute() throws Exception {
        Path distribution = Path.of(System.getProperty("printscout.demo.distribution"));
        demo = AgentHome.copyOf(distribution);
        Path recordings = demo.path().resolve("data/recordings");
        Files.createDirectories(recordings);
        try (Stream<Path> files = Files.list(distribution.resolve("data/recordings"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, recordings.resolve(file.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }

        long started = System.nanoTime();
        String output = run(demo.path().resolve("bin/demo").toString());
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertTrue("bin/demo reported the printers within a minute (" + seconds + " s):\n" + output, seconds <= 60);
        assertTrue(output, output.contains("open http://127.0.0.1:18080/"));

        AgentHome.Run known = demo.exec("scout:devices --json");
        assertEquals(known.describe(), 0, known.status());
        JsonArray devices = JsonParser.parseString(known.out()).getAsJsonArray();
        assertTrue("the agent found the simulated printers: " + devices.size(), devices.size() >= 15);

        HttpResponse<String> page = PortalBrowser.signedIn("http://127.0.0.1:18080", "demo", "printscout-demo").get("/");
        assertEquals(200, page.statusCode());
        List<String> missing = new ArrayList<>();
        for (JsonElement device : devices) {
            String address = device.getAsJsonObject().get("address").getAsString();
            if (!page.body().contains(">" + address + " ") && !page.body().contains("<br>" + address + " ")) {
                missing.add(address);
            }
        }
        assertEquals("every printer the agent knows is on the portal's page", List.of(), missing);
        assertTrue("supply bars", page.body().contains("class=\"bar\""));
        assertTrue("the agent's last contact", page.body().contains("just now"));
        System.out.println("DemoTest: bin/demo showed " + devices.size() + " printers on the portal after " + seconds + " s");

        // --- the demo's printers are in use (simulator wear): a page counter read now and 20 s later has grown ---
        List<String> names;
        try (Stream<Path> files = Files.list(recordings)) {
            names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".snmprec")).sorted().toList();
        }
        String canon = "127.77.0." + (names.indexOf("canonprinter_tm.snmprec") + 1) + ":16100";
        long pagesBefore = total(demo, canon);
        long readAt = System.nanoTime();

        // --- a fleet update: the demo's agent starts without the Zebra plug-in, which the demo dealer signs and rolls out ---
        assertTrue("the demo started its rollout:\n" + output, output.contains("fleet update: rollout "));
        Await.until("the demo's rollout of the Zebra plug-in done", Duration.ofSeconds(90),
                () -> String.valueOf(demo.answerOrNull("portal:rollouts demo-dealer")).contains("\tdone\t"),
                () -> "\n" + demo.answerOrNull("portal:rollouts demo-dealer") + "\n" + demo.answerOrNull("scout:status"));
        assertTrue(demo.ok("lb -s"), demo.ok("lb -s").lines().anyMatch(l -> l.contains("|org.printscout.mib.zebra (") && l.contains("Active")));
        String zebra = "127.77.0." + (names.indexOf("zebra.snmprec") + 1) + ":16100";
        JsonObject reading = JsonParser.parseString(demo.ok("scout:read " + zebra + " -c public --json")).getAsJsonObject();
        assertTrue("the Zebra printer " + zebra + " is read with the rolled-out plug-in: " + reading.getAsJsonObject("sources"),
                reading.getAsJsonObject("sources").toString().contains("zebra"));
        System.out.println("DemoTest: the demo rolled out the Zebra plug-in; " + zebra + " is read with it");
        Thread.sleep(Math.max(0, 21_000 - (System.nanoTime() - readAt) / 1_000_000));
        long pagesAfter = total(demo, canon);
        assertTrue("the demo's printer " + canon + " prints while the demo runs (180 pages/h): " + pagesBefore + " then " + pagesAfter,
                pagesAfter > pagesBefore);

        // --- the remote web UI of a simulated printer, where the demo's broker and tunnel server are installed ---
        if (!Files.isExecutable(Path.of("/usr/sbin/mosquitto")) || !Files.isExecutable(Path.of("/usr/sbin/sshd"))) {
            assertTrue("the demo says why its remote web UI is off:\n" + output, output.contains("remote web UI off: "));
            return;
        }
        assertTrue("the demo's remote web UI is on (mosquitto and sshd are installed):\n" + output, output.contains("remote web UI on"));
        PortalBrowser admin = PortalBrowser.signedIn("http://127.0.0.1:18080", "demo", "printscout-demo");
        String device = null;
        Matcher link = Pattern.compile("href=\"/devices/(\\d+)\"").matcher(admin.get("/fleet").body());
        while (device == null && link.find()) {
            String candidate = admin.get("/devices/" + link.group(1)).body();
            // the simulated printers' web pages are on the first 16 addresses (etc/org.printscout.simulator.web.cfg)
            if (candidate.contains("remote-open") && Pattern.compile(">127\\.77\\.0\\.([1-9]|1[0-6])<").matcher(candidate).find()) {
                device = link.group(1);
            }
        }
        assertTrue("a simulated printer's device page offers Open web UI", device != null);
        HttpResponse<String> opened = admin.post("/remote-ui/open", Map.of("device", device, "port", "16180"));
        assertEquals(opened.body(), 303, opened.statusCode());
        String session = opened.headers().firstValue("Location").orElseThrow().substring("/remote-ui/".length());
        Await.until("the remote web UI session open", Duration.ofSeconds(90), () -> state(admin, session).equals("open"),
                () -> "\n" + sessionPage(admin, session));
        HttpClient relay = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).followRedirects(HttpClient.Redirect.NEVER).build();
        String ticketUrl = admin.get("/remote-ui/" + session + "/enter").headers().firstValue("Location").orElseThrow();
        assertTrue(ticketUrl, ticketUrl.startsWith("http://127.0.0.2:18090/"));
        HttpResponse<Void> entered = relay.send(HttpRequest.newBuilder(URI.create(ticketUrl)).build(), HttpResponse.BodyHandlers.discarding());
        String cookie = entered.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> root = relay.send(HttpRequest.newBuilder(URI.create("http://127.0.0.2:18090/")).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("the simulated printer's redirect, through the relay", "/status.html", root.headers().firstValue("Location").orElse(""));
        HttpResponse<String> printerPage = relay.send(HttpRequest.newBuilder(URI.create("http://127.0.0.2:18090/status.html"))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(printerPage.body(), 200, printerPage.statusCode());
        assertTrue(printerPage.body(), printerPage.body().contains("<title>Printer status - "));
        HttpResponse<String> ended = admin.post("/remote-ui/" + session + "/end", Map.of());
        assertTrue(ended.statusCode() + " " + ended.body(), ended.statusCode() < 400);
        Await.until("the session closed", Duration.ofSeconds(30), () -> state(admin, session).equals("closed"), () -> sessionPage(admin, session));
        System.out.println("DemoTest: the demo opened simulated printer " + device + "'s web page through broker, tunnel and relay");
    }

    /** The {@code total} meter of a reading of {@code printer} by the demo's agent. */
    private static long total(AgentHome demo, String printer) {
        JsonObject reading = JsonParser.parseString(demo.ok("scout:read " + printer + " -c public --json")).getAsJsonObject();
        for (JsonElement meter : reading.getAsJsonArray("meters")) {
            if (meter.getAsJsonObject().get("name").getAsString().equals("total")) {
                return meter.getAsJsonObject().get("value").getAsLong();
            }
        }
        throw new AssertionError(printer + " has no total meter: " + reading);
    }

    private static String sessionPage(PortalBrowser admin, String session) {
        try {
            return admin.get("/remote-ui/" + session).body();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String state(PortalBrowser admin, String session) {
        Matcher state = Pattern.compile("id=\"remote-state\"[^>]*>([a-z ]+)<").matcher(sessionPage(admin, session));
        return state.find() ? state.group(1) : "";
    }

    private String run(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PRINTSCOUT_DEMO_FOLLOW", "0");
        builder.environment().put("PRINTSCOUT_START_TIMEOUT", "30");
        Path out = Files.createTempFile("demo", ".txt");
        Process process = builder.redirectOutput(out.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 120 s:\n" + Files.readString(out));
        }
        String text = Files.readString(out);
        Files.delete(out);
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + text);
        }
        return text;
    }
}
