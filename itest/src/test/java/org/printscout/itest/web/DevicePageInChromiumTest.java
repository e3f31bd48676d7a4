package org.printscout.itest.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.IntPredicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.junit.After;
import org.junit.Test;
import org.printscout.itest.AgentHome;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The device page and the fleet view (issue 17 item 1) as a person sees them, in Debian's headless
 * Chromium against the assembled portal (H2, plain HTTP on loopback): twelve daily status reports of
 * one device are uploaded through the importer API (its meters rising, its two toners draining, its
 * address changing, a door open at the end), and one of a second, healthy device. The fleet view
 * filtered to "needs attention" lists only the first, with the reason; its link opens the device
 * page, whose DOM holds identity, address history, conditions, every meter with the vendor meter
 * marked and the supplies; the screenshot must show the supply bars at their levels, a falling line
 * per supply and a rising line per meter, each across the chart's width. The screenshot stays in
 * itest/target/screenshots/device.png.
 */
public class DevicePageInChromiumTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 1900;
    private static final String USER = "admin";
    private static final String PASSWORD = "chromium-pw-17";
    private static final int DAYS = 12;

    /** From device.ftlh: bars {@code #4a7} over an 80 px {@code #eee} track; meter lines {@code #36c}; supply lines {@code #e90}; charts 360 px wide. */
    private static final int BAR_FILL = 0x44aa77;
    private static final int METER_LINE = 0x3366cc;
    private static final int SUPPLY_LINE = 0xee9900;
    private static final int CHART_WIDTH = 360;

    /** A hostile firmware string: would set window.__xss if it ran. */
    private static final String HOSTILE_FIRMWARE = "<img src=x onerror=\"window.__xss=1\">";

    private AgentHome portal;

    @After
    public void stopPortal() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    public void theFleetListsWhatNeedsAttentionAndTheDevicePageChartsMetersAndSuppliesInChromium() throws Exception {
        Chromium chromium = Chromium.find();
        portal = AgentHome.copyOf(Path.of(System.getProperty("printscout.portal.distribution")));
        Files.writeString(portal.path().resolve("etc/org.printscout.portal.server.cfg"),
                "jdbcUrl = jdbc:h2:./data/portal/portal\nbindAddress = 127.0.0.1\nport = 0\n");
        portal.start();
        await("the portal listening", () -> portal.ok("portal:address").contains(":"));
        String address = portal.ok("portal:address").strip();
        HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(WAIT).build();
        await("the sign-in page served", () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/signin")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        portal.ok("portal:dealer d1 Dealer");
        portal.ok("portal:customer c1 d1 Acme");
        portal.ok("portal:site s1 c1 HQ");
        String key = portal.ok("portal:key s1").strip();
        portal.ok("portal:user " + USER + " " + PASSWORD + " admin d1 -");
        HttpResponse<String> activated = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/api/v1/activate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"activationKey\":\"" + key + "\",\"hostname\":\"print-room-pc\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(activated.body(), 200, activated.statusCode());
        JsonObject activation = JsonParser.parseString(activated.body()).getAsJsonObject();
        String agentId = activation.get("agentId").getAsString();
        String secret = activation.get("secret").getAsString();

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int day = DAYS - 1; day >= 0; day--) {
            Instant at = now.minus(Duration.ofDays(day)).minus(Duration.ofMinutes(10));
            int n = DAYS - 1 - day;
            String ip = day >= 3 ? "192.0.2.20" : "192.0.2.21";
            String conditions = day == 0 ? "<condition>doorOpen</condition>" : "";
            String first = "<device ip=\"" + ip + "\" mac=\"00:17:C8:12:34:56\" serial=\"KY-DOOR-1\" make=\"Kyocera\" model=\"TASKalfa 2554ci\""
                    + " firmware=\"" + xml(HOSTILE_FIRMWARE) + "\" readAt=\"" + at + "\"><status device=\"" + (day == 0 ? "warning" : "running")
                    + "\" printer=\"idle\">" + conditions + "</status>"
                    + "<meter name=\"total\">" + (20_000 + 350L * n + 20L * n * n) + "</meter>"
                    + "<meter name=\"print.mono\">" + (9_000 + 200L * n) + "</meter>"
                    + "<meter name=\"kyocera.markerServiceCount\">" + (40_000 + 700L * n) + "</meter>"
                    // black 95 → 40 %, cyan 9 000 → 14 000 of 20 000 used (ends at 70 %)
                    + supply(1, "black", 95 - 5 * n, 100, "Black Toner TK-8345K")
                    + supply(2, "cyan", 20_000 - 545 * n, 20_000, "Cyan Toner TK-8345C") + "</device>";
            String second = day == 0 ? "<device ip=\"192.0.2.30\" serial=\"HP-FINE-2\" make=\"HP\" model=\"LaserJet M404\" readAt=\"" + at
                    + "\"><status device=\"running\" printer=\"idle\"/><meter name=\"total\">500</meter>"
                    + supply(1, "black", 80, 100, "Black Cartridge") + "</device>" : "";
            upload(http, address, agentId, secret, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report xmlns=\"urn:printscout:report:1\" id=\""
                    + UUID.randomUUID() + "\" agent=\"" + agentId + "\" site=\"s1\" kind=\"status\" finished=\"" + at + "\">" + first + second
                    + "</report>");
        }

        String base = "http://" + address;
        Path png = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "screenshots", "device.png").toAbsolutePath();
        try (Chromium.DevTools browser = chromium.devTools(Duration.ofSeconds(90))) {
            browser.signIn(base, USER, PASSWORD);
            browser.navigate(base + "/fleet?status=attention");
            browser.awaitTrue("the fleet view", "document.readyState === 'complete' && !!document.getElementById('fleet')");
            assertEquals("only the device with the open door needs attention", "[\"KY-DOOR-1\"]",
                    browser.evaluate("JSON.stringify([...document.querySelectorAll('#attention td.serial')].map(td => td.innerText))"));
            assertTrue(browser.evaluate("document.getElementById('attention').innerText"),
                    browser.evaluate("document.getElementById('attention').innerText").contains("in error (doorOpen)"));
            browser.navigate(base + "/fleet?serial=fine");
            browser.awaitTrue("the fleet filtered by serial", "document.readyState === 'complete' && location.search === '?serial=fine'");
            assertEquals("[\"HP-FINE-2\"]", browser.evaluate("JSON.stringify([...document.querySelectorAll('#fleet td.serial')].map(td => td.innerText))"));
            browser.navigate(base + "/fleet?status=attention");
            browser.awaitTrue("the fleet view again", "document.readyState === 'complete' && !!document.querySelector('#attention a')");
            String href = browser.evaluate("document.querySelector('#attention a').getAttribute('href')");
            assertTrue(href, href.matches("/devices/[0-9]+"));

            // a week: only its readings are charted
            browser.navigate(base + href + "?range=7d");
            browser.awaitTrue("the device page (7 days)", "document.readyState === 'complete' && !!document.getElementById('meter-table')");
            assertTrue(browser.evaluate("document.getElementById('meter-table').innerText"),
                    browser.evaluate("document.getElementById('meter-table').innerText").contains("7 readings"));

            browser.navigate(base + href + "?range=all");
            browser.awaitTrue("the device page", "document.readyState === 'complete' && !!document.getElementById('meter-table')"
                    + " && location.search === '?range=all'");
            assertEquals("Kyocera", browser.evaluate("document.getElementById('make').innerText"));
            assertEquals("TASKalfa 2554ci", browser.evaluate("document.getElementById('model').innerText"));
            assertEquals("00:17:C8:12:34:56", browser.evaluate("document.getElementById('mac').innerText"));
            assertEquals("192.0.2.21", browser.evaluate("document.getElementById('ip').innerText"));
            assertEquals(HOSTILE_FIRMWARE, browser.evaluate("document.getElementById('firmware').innerText"));
            assertEquals("undefined", browser.evaluate("typeof window.__xss"));
            assertEquals("0", browser.evaluate("String(document.querySelectorAll('img, [onerror], script').length)"));
            assertTrue(browser.evaluate("document.getElementById('agent').innerText").contains(agentId));
            assertEquals("the address history, newest first", "[\"192.0.2.21\",\"192.0.2.20\"]", browser.evaluate(
                    "JSON.stringify([...document.querySelectorAll('#addresses tr td:first-child')].map(td => td.innerText))"));
            assertEquals("doorOpen", browser.evaluate("document.getElementById('conditions').innerText"));
            assertTrue(browser.evaluate("document.getElementById('errors').innerText").contains("doorOpen"));
            String meters = browser.evaluate("document.getElementById('meter-table').innerText");
            long total = 20_000 + 350L * (DAYS - 1) + 20L * (DAYS - 1) * (DAYS - 1);
            assertTrue(meters, meters.contains(String.format(java.util.Locale.US, "%,d", total)));
            assertTrue("the vendor meter is marked: " + meters, meters.contains("kyocera.markerServiceCount vendor"));
            assertTrue(meters, meters.contains(DAYS + " readings"));
            String supplies = browser.evaluate("document.getElementById('supply-table').innerText");
            assertTrue(supplies, supplies.contains("Black Toner TK-8345K") && supplies.contains("40%") && supplies.contains("runs out in about"));
            browser.screenshot(png, WIDTH, HEIGHT);
        }

        System.out.println("device page screenshot: " + png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(WIDTH, image.getWidth());
        // bars: black 40 % and cyan 70 % of 80 px
        List<int[]> bars = runs(image, rgb -> near(rgb, BAR_FILL, 12), 5);
        assertEquals("two supply bars in " + png + ": " + describe(bars), 2, bars.size());
        assertTrue("black at 40 %: " + describe(bars), Math.abs(bars.get(0)[2] - 32) <= 2);
        assertTrue("cyan at 70 %: " + describe(bars), Math.abs(bars.get(1)[2] - 56) <= 2);
        // lines: two supplies falling, three meters rising, each across the chart
        List<List<int[]>> supplyCharts = lines(image, rgb -> near(rgb, SUPPLY_LINE, 70) && red(rgb) - blue(rgb) > 100 && green(rgb) - blue(rgb) > 60);
        assertEquals("two supply charts in " + png, 2, supplyCharts.size());
        for (List<int[]> chart : supplyCharts) {
            assertLine(chart, false, png);
        }
        List<List<int[]>> meterCharts = lines(image, rgb -> near(rgb, METER_LINE, 90) && blue(rgb) - red(rgb) > 50 && blue(rgb) - green(rgb) > 25);
        assertEquals("three meter charts in " + png, 3, meterCharts.size());
        for (List<int[]> chart : meterCharts) {
            assertLine(chart, true, png);
        }
    }

    private static void assertLine(List<int[]> chart, boolean rising, Path png) {
        int minX = chart.stream().mapToInt(p -> p[0]).min().getAsInt();
        int maxX = chart.stream().mapToInt(p -> p[0]).max().getAsInt();
        int minY = chart.stream().mapToInt(p -> p[1]).min().getAsInt();
        int maxY = chart.stream().mapToInt(p -> p[1]).max().getAsInt();
        String where = "line at x " + minX + ".." + maxX + ", y " + minY + ".." + maxY + " (" + chart.size() + " pixels) in " + png;
        assertTrue("spans the chart's width: " + where, maxX - minX >= CHART_WIDTH - 12 && maxX - minX <= CHART_WIDTH);
        assertTrue("a line, not an area: " + where, chart.size() < 8 * (maxX - minX + 1));
        double left = chart.stream().filter(p -> p[0] < minX + 8).mapToInt(p -> p[1]).average().getAsDouble();
        double right = chart.stream().filter(p -> p[0] > maxX - 8).mapToInt(p -> p[1]).average().getAsDouble();
        assertTrue((rising ? "rises" : "falls") + " to the right (y " + left + " → " + right + "): " + where, rising ? right < left - 20 : right > left + 10);
    }

    /** Pixels matching {@code colour}, grouped into charts by rows (charts sit in different table rows). */
    private static List<List<int[]>> lines(BufferedImage image, IntPredicate colour) {
        List<List<int[]>> charts = new ArrayList<>();
        int lastY = -100;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (colour.test(image.getRGB(x, y) & 0xffffff)) {
                    if (charts.isEmpty() || y - lastY > 6) {
                        charts.add(new ArrayList<>());
                    }
                    charts.get(charts.size() - 1).add(new int[] {x, y});
                    lastY = y;
                }
            }
        }
        return charts;
    }

    /** Rectangles of a colour at least {@code minHeight} high: {x, y, width, height}, top to bottom. */
    private static List<int[]> runs(BufferedImage image, IntPredicate colour, int minHeight) {
        java.util.Map<String, int[]> open = new java.util.HashMap<>(); // "x/width" -> {x, y0, width, height}
        List<int[]> all = new ArrayList<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (!colour.test(image.getRGB(x, y) & 0xffffff)) {
                    continue;
                }
                int start = x;
                while (x < image.getWidth() && colour.test(image.getRGB(x, y) & 0xffffff)) {
                    x++;
                }
                String id = start + "/" + (x - start);
                int[] rect = open.get(id);
                if (rect != null && rect[1] + rect[3] == y) {
                    rect[3]++;
                } else {
                    rect = new int[] {start, y, x - start, 1};
                    open.put(id, rect);
                    all.add(rect);
                }
            }
        }
        List<int[]> out = new ArrayList<>(all.stream().filter(r -> r[3] >= minHeight && r[2] >= 3).toList());
        out.sort((a, b) -> Integer.compare(a[1], b[1]));
        return out;
    }

    private static String describe(List<int[]> rects) {
        return rects.stream().map(r -> "[x " + r[0] + ", y " + r[1] + ", " + r[2] + "×" + r[3] + "]").toList().toString();
    }

    private static int red(int rgb) {
        return (rgb >> 16) & 0xff;
    }

    private static int green(int rgb) {
        return (rgb >> 8) & 0xff;
    }

    private static int blue(int rgb) {
        return rgb & 0xff;
    }

    private static boolean near(int rgb, int target, int tolerance) {
        int dr = red(rgb) - red(target);
        int dg = green(rgb) - green(target);
        int db = blue(rgb) - blue(target);
        return dr * dr + dg * dg + db * db <= tolerance * tolerance;
    }

    private static String supply(int index, String colorant, long level, long max, String description) {
        return "<supply index=\"" + index + "\" type=\"toner\" colorant=\"" + colorant + "\" unit=\"" + (max == 100 ? "percent" : "impressions")
                + "\" level=\"" + level + "\" max=\"" + max + "\">" + description + "</supply>";
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void upload(HttpClient http, String address, String agentId, String secret, String xml) throws Exception {
        String id = xml.replaceAll("(?s).*? id=\"([0-9a-f-]{36})\".*", "$1");
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
            zip.putNextEntry(new ZipEntry("report.xml"));
            zip.write(xml.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        HttpResponse<String> stored = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/api/v1/agents/" + agentId + "/reports/" + id))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((agentId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/zip").PUT(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("upload of report " + id + ": " + stored.body(), 201, stored.statusCode());
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (AssertionError | RuntimeException e) {
                // not up yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for: " + what);
    }
}
