package org.printscout.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
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
