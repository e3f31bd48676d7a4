package org.printscout.itest.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
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
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import org.junit.After;
import org.junit.Test;
import org.printscout.itest.AgentHome;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The portal's page as a person sees it, in Debian's headless Chromium: the assembled portal layout
 * (plain HTTP on a free loopback port, embedded H2) is provisioned through its Gogo commands, an
 * agent is activated and three reports are uploaded through the importer API, a command is queued
 * through the page's own form by the browser, and then the DOM Chromium built must hold every device,
 * meter and supply, and its screenshot must show the supply bars at the measured widths and the
 * meter charts. The screenshot stays in itest/target/screenshots/portal.png (a CI artifact).
 *
 * <p>Device strings are hostile input: a third device's make, model, serial and supply description
 * and the site's name hold script tags, an attribute break-out with an {@code onerror} handler and
 * {@code javascript:} text. They must show as text: no element they name exists in the DOM, no
 * handler ran, and the text is on the page.
 *
 * <p>Everything runs in one DevTools session that signs in through the form, as a person does.
 */
public class PortalPageInChromiumTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration BROWSER = Duration.ofSeconds(90);
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 1000;
    private static final String USER = "admin";
    private static final String PASSWORD = "chromium-pw-7";

    /** From PageServlet's SVG bars: the fill {@code <rect fill="#4a7">} over the 80 px track {@code <rect width="80" fill="#eee">}. */
    private static final int BAR_FILL = 0x44aa77;
    private static final int BAR_TRACK = 0xeeeeee;
    private static final int BAR_WIDTH = 80;
    /** From PageServlet.chart: {@code <polyline stroke="#36c">} in a 120×30 SVG. */
    private static final int CHART_LINE = 0x3366cc;

    private static final String SERIAL_A = "PSCN-A-0001";
    private static final String SERIAL_B = "PSCN-B-0002";
    private static final String IP_A = "192.0.2.10";
    private static final String IP_B = "192.0.2.11";
    private static final long[] TOTAL_A = {10_000, 10_450, 11_200};
    private static final long[] TOTAL_B = {500, 800, 1_700};

    /** Hostile device strings (issue 12 item 3); each would set window.__xss if it ran. */
    private static final String HOSTILE_SITE = "HQ <script>window.__xss=\"site\"</script>";
    private static final String HOSTILE_MAKE = "<script>window.__xss='make'</script>";
    private static final String HOSTILE_MODEL = "\"><img src=x onerror=\"window.__xss='model'\">";
    private static final String HOSTILE_SERIAL = "javascript:window.__xss='serial'";
    private static final String HOSTILE_SUPPLY = "<svg onload=\"window.__xss='supply'\"></svg>Toner'\"";

    private AgentHome portal;

    @After
    public void stopPortal() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    public void thePageShowsDevicesSupplyBarsChartsAndQueuesACommandInChromium() throws Exception {
        Chromium chromium = Chromium.find(); // fails (not skips) without it: run .ci/install-peers

        // --- the portal, plain HTTP on a free loopback port ---
        portal = AgentHome.copyOf(Path.of(System.getProperty("printscout.portal.distribution")));
        Files.writeString(portal.path().resolve("etc/org.printscout.portal.server.cfg"),
                "jdbcUrl = jdbc:h2:./data/portal/portal\nbindAddress = 127.0.0.1\nport = 0\n");
        portal.start();
        await("the portal listening", () -> ok("portal:address").contains(":"));
        String address = ok("portal:address").strip();
        HttpClient probe = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        await("the portal's servlets registered (not Jetty's own 404)", () -> {
            try {
                return probe.send(HttpRequest.newBuilder(URI.create("http://" + address + "/api/v1/activate")).build(),
                        HttpResponse.BodyHandlers.ofString()).headers().firstValue("Content-Type").orElse("text/html").startsWith("text/html") == false
                        && probe.send(HttpRequest.newBuilder(URI.create("http://" + address + "/signin")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        assertTrue(address, address.startsWith("127.0.0.1:"));
        ok("portal:dealer d1 Dealer");
        ok("portal:customer c1 d1 Acme");
        ok("portal:site s1 c1 '" + HOSTILE_SITE + "'");
        String key = ok("portal:key s1").strip();
        ok("portal:user " + USER + " " + PASSWORD + " admin d1 -");

        // --- an agent activates and uploads three reports, a day apart ---
        HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(WAIT).build();
        HttpResponse<String> activated = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/api/v1/activate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"activationKey\":\"" + key + "\",\"hostname\":\"print-room-pc\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(activated.body(), 200, activated.statusCode());
        JsonObject activation = JsonParser.parseString(activated.body()).getAsJsonObject();
        String agentId = activation.get("agentId").getAsString();
        String secret = activation.get("secret").getAsString();

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant[] at = {now.minus(Duration.ofHours(50)), now.minus(Duration.ofHours(26)), now.minus(Duration.ofHours(2))};
        // earlier levels differ, so the page must show the latest report's supplies
        String[][] black = {{"95", "100"}, {"90", "100"}, {"75", "100"}};       // 75 %
        String[][] cyan = {{"12000", "20000"}, {"9000", "20000"}, {"4000", "20000"}}; // 20 %, from a max that is not 100
        for (int i = 0; i < at.length; i++) {
            String xml = report(agentId, at[i],
                    device(IP_A, SERIAL_A, "TestMake", "LaserJet Test 100", "running", at[i], TOTAL_A[i],
                            supply(1, "toner", "black", black[i][0], black[i][1], "Black Toner Cartridge")
                                    + supply(2, "toner", "cyan", cyan[i][0], cyan[i][1], "Cyan Toner Cartridge"))
                            + device(IP_B, SERIAL_B, "OtherMake", "Mono 2", "warning", at[i], TOTAL_B[i],
                                    supply(1, "wasteToner", null, "-3", "100", "Waste Toner Box"))
                            + (i == at.length - 1 ? device("192.0.2.66", xml(HOSTILE_SERIAL), xml(HOSTILE_MAKE), xml(HOSTILE_MODEL), "running", at[i], 42,
                                    supply(1, "toner", "black", "-2", "100", xml(HOSTILE_SUPPLY))) : ""));
            upload(http, address, agentId, secret, xml);
        }

        String base = "http://" + address;

        // --- sign in through the form, queue a command through the page's form (its Origin, its session, its CSRF token) ---
        String marker = "from-chromium-" + UUID.randomUUID().toString().substring(0, 8);
        Path png = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "screenshots", "portal.png")
                .toAbsolutePath();
        String dom;
        try (Chromium.DevTools browser = chromium.devTools(BROWSER)) {
            browser.signIn(base, USER, PASSWORD);
            browser.awaitTrue("the page with its command form", "!!document.querySelector('form[action=\"/commands\"]')");
            String submitted = browser.evaluate("(() => {"
                    + " const form = document.querySelector('form[action=\"/commands\"]');"
                    + " form.querySelector('[name=arguments]').value = '" + marker + "';"
                    + " form.requestSubmit(); return 'submitted'; })()");
            assertEquals("submitted", submitted);
            browser.awaitTrue("the page again, with the queued command",
                    "location.pathname === '/' && document.readyState === 'complete' && document.body.innerText.includes('" + marker + "')");

            // --- hostile strings: shown as text, nothing ran, no element injected ---
            assertEquals("no injected script ran", "undefined", browser.evaluate("typeof window.__xss"));
            assertEquals("the page has no script element", "0", browser.evaluate("String(document.scripts.length)"));
            assertEquals("no injected img, svg onload or handler attribute", "0", browser.evaluate(
                    "String(document.querySelectorAll('img, [onerror], [onload], a[href^=\"javascript\"]').length)"));
            String text = browser.evaluate("document.body.innerText");
            for (String hostile : List.of(HOSTILE_SITE, HOSTILE_MAKE, HOSTILE_MODEL, HOSTILE_SERIAL, HOSTILE_SUPPLY)) {
                assertTrue("the page shows " + hostile + " as text:\n" + text, text.contains(hostile));
            }
            // the stylesheet loaded (the CSP allows 'self' styles only): tables have collapsed borders
            assertEquals("collapse", browser.evaluate("getComputedStyle(document.querySelector('table')).borderCollapse"));
            dom = browser.dom();
            browser.screenshot(png, WIDTH, HEIGHT);
        }

        // --- the DOM Chromium built ---
        // --- the screenshot ---
        System.out.println("portal page screenshot: " + png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue("a PNG: " + png, image != null);
        assertEquals("width of " + png, WIDTH, image.getWidth());
        assertEquals("height of " + png, HEIGHT, image.getHeight());
        assertRendered(image, png);
        assertBars(image, png);
        assertCharts(image, png);
    }

    // ---- the screenshot's pixels ------------------------------------------------------------------

    /** Not blank: text and tables drawn, several colours. */
    private static void assertRendered(BufferedImage image, Path png) {
        long ink = 0;
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff) {
                    ink++;
                }
            }
        }
        double share = (double) ink / ((long) image.getWidth() * image.getHeight());
        assertTrue("the page is drawn, not blank (" + ink + " non-white pixels): " + png, share > 0.01);
        assertTrue("text and colours, not a flat image (" + colours.size() + " colours): " + png, colours.size() > 20);
    }

    /** A filled part of a supply bar: a rectangle of the fill colour. */
    private record Bar(int x, int y, int width, int height, int track) {
    }

    /**
     * The two measured supplies are drawn as bars whose filled widths are their levels: 75 % of 80 px
     * for the black toner (listed first), 20 % for the cyan one, about 3.75 times as wide, each
     * followed by the grey rest of its 80 px track; the -3 supply draws none.
     */
    private static void assertBars(BufferedImage image, Path png) {
        // runs of the fill colour per row, merged with the same run on the rows below into rectangles
        TreeMap<String, int[]> open = new TreeMap<>(); // "x/width" -> {x, y0, width, lastY}
        List<Bar> bars = new ArrayList<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (!near(image.getRGB(x, y), BAR_FILL, 12)) {
                    continue;
                }
                int start = x;
                while (x < image.getWidth() && near(image.getRGB(x, y), BAR_FILL, 12)) {
                    x++;
                }
                String id = start + "/" + (x - start);
                int[] rect = open.get(id);
                if (rect != null && rect[3] == y - 1) {
                    rect[3] = y;
                } else {
                    open.put(id, new int[] {start, y, x - start, y});
                }
            }
        }
        for (int[] rect : open.values()) {
            int height = rect[3] - rect[1] + 1;
            if (height >= 5 && rect[2] >= 3) {
                int track = 0;
                int row = rect[1] + height / 2;
                for (int x = rect[0] + rect[2]; x < image.getWidth() && near(image.getRGB(x, row), BAR_TRACK, 6); x++) {
                    track++;
                }
                bars.add(new Bar(rect[0], rect[1], rect[2], height, track));
            }
        }
        bars.sort((a, b) -> Integer.compare(a.y(), b.y()));
        assertEquals("two supply bars (75 %, 20 %; none for -3) in " + png + ": " + bars, 2, bars.size());
        Bar black = bars.get(0);
        Bar cyan = bars.get(1);
        assertTrue("the black toner's bar is 75 % of " + BAR_WIDTH + " px: " + black + " in " + png,
                Math.abs(black.width() - 0.75 * BAR_WIDTH) <= 2);
        assertTrue("the cyan toner's bar is 20 % of " + BAR_WIDTH + " px: " + cyan + " in " + png,
                Math.abs(cyan.width() - 0.20 * BAR_WIDTH) <= 2);
        double ratio = (double) black.width() / cyan.width();
        assertTrue("75 % is about 3.75 × 20 % (" + ratio + "): " + bars, Math.abs(ratio - 3.75) < 0.5);
        for (Bar bar : bars) {
            assertTrue("a bar is 9 px high: " + bar, Math.abs(bar.height() - 9) <= 1);
            assertTrue("the empty rest of the track follows the fill: " + bar, Math.abs(bar.width() + bar.track() - BAR_WIDTH) <= 2);
        }
    }

    /**
     * Each device's total meter is drawn as a line in the chart colour, across the chart's width
     * (first to last reading) and rising to the right (the meter only grows).
     */
    private static void assertCharts(BufferedImage image, Path png) {
        List<int[]> pixels = new ArrayList<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                // the stroke, or its anti-aliased edge blended with the white background: blue dominating
                if (near(rgb, CHART_LINE, 90) && b - r > 50 && b - g > 25) {
                    pixels.add(new int[] {x, y});
                }
            }
        }
        // group by rows: the two charts are in different table rows
        List<List<int[]>> charts = new ArrayList<>();
        int lastY = -100;
        for (int[] p : pixels) {
            if (charts.isEmpty() || p[1] - lastY > 6) {
                charts.add(new ArrayList<>());
            }
            charts.get(charts.size() - 1).add(p);
            lastY = p[1];
        }
        assertEquals("two meter charts drawn in " + png + " (" + pixels.size() + " line pixels)", 2, charts.size());
        for (List<int[]> chart : charts) {
            int minX = chart.stream().mapToInt(p -> p[0]).min().getAsInt();
            int maxX = chart.stream().mapToInt(p -> p[0]).max().getAsInt();
            int minY = chart.stream().mapToInt(p -> p[1]).min().getAsInt();
            int maxY = chart.stream().mapToInt(p -> p[1]).max().getAsInt();
            String where = "chart at x " + minX + ".." + maxX + ", y " + minY + ".." + maxY + " (" + chart.size() + " pixels) in " + png;
            assertTrue("the line spans the chart's width: " + where, maxX - minX >= 100 && maxX - minX <= 122);
            assertTrue("the line spans the chart's height: " + where, maxY - minY >= 20 && maxY - minY <= 32);
            assertTrue("a line, not a filled area: " + where, chart.size() < 6 * (maxX - minX + 1));
            double left = chart.stream().filter(p -> p[0] < minX + 6).mapToInt(p -> p[1]).average().getAsDouble();
            double right = chart.stream().filter(p -> p[0] > maxX - 6).mapToInt(p -> p[1]).average().getAsDouble();
            assertTrue("the meter rises to the right (screen y " + left + " → " + right + "): " + where, right < left - 10);
        }
    }

    private static boolean near(int rgb, int target, int tolerance) {
        int dr = ((rgb >> 16) & 0xff) - ((target >> 16) & 0xff);
        int dg = ((rgb >> 8) & 0xff) - ((target >> 8) & 0xff);
        int db = (rgb & 0xff) - (target & 0xff);
        return dr * dr + dg * dg + db * db <= tolerance * tolerance;
    }

    // ---- reports ----------------------------------------------------------------------------------

    private static String report(String agentId, Instant finished, String devices) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report xmlns=\"urn:printscout:report:1\" id=\"" + UUID.randomUUID()
                + "\" agent=\"" + agentId + "\" site=\"s1\" kind=\"meter\" started=\"" + finished.minusSeconds(30) + "\" finished=\""
                + finished + "\">\n" + devices + "</report>\n";
    }

    private static String device(String ip, String serial, String make, String model, String status, Instant readAt, long total,
                                 String supplies) {
        return "  <device ip=\"" + ip + "\" serial=\"" + serial + "\" make=\"" + make + "\" model=\"" + model + "\" readAt=\"" + readAt
                + "\">\n    <status device=\"" + status + "\" printer=\"idle\"/>\n    <meter name=\"total\">" + total
                + "</meter>\n    <meter name=\"mono\">" + total / 2 + "</meter>\n" + supplies + "  </device>\n";
    }

    /** Text as an XML attribute or element may hold it. */
    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String supply(int index, String type, String colorant, String level, String max, String description) {
        return "    <supply index=\"" + index + "\" type=\"" + type + "\"" + (colorant == null ? "" : " colorant=\"" + colorant + "\"")
                + " unit=\"percent\" level=\"" + level + "\" max=\"" + max + "\">" + description + "</supply>\n";
    }

    /** Checks the hand-built report against docs/report-1.xsd, zips it as report.xml and PUTs it as the agent. */
    private static void upload(HttpClient http, String address, String agentId, String secret, String xml) throws Exception {
        Path repository = Path.of(System.getProperty("printscout.portal.distribution")).toAbsolutePath().getParent().getParent().getParent()
                .getParent();
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(repository.resolve("docs/report-1.xsd").toFile())
                .newValidator().validate(new StreamSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
        String id = Pattern.compile("id=\"([0-9a-f-]{36})\"").matcher(xml).results().findFirst().orElseThrow().group(1);
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
            zip.putNextEntry(new ZipEntry("report.xml"));
            zip.write(xml.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        HttpResponse<String> stored = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/api/v1/agents/" + agentId + "/reports/" + id))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((agentId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/zip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("upload of report " + id + ": " + stored.body(), 201, stored.statusCode());
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** The number as the page formats it ({@code %,d}), with whatever grouping separator the portal's locale uses. */
    private static Pattern grouped(long value) {
        String digits = Long.toString(value);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                regex.append("[,.\\u00a0\\u202f' ]?");
            }
            regex.append(digits.charAt(i));
        }
        return Pattern.compile("<td>" + regex + "</td>");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private String ok(String command) {
        return portal.ok(command);
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (AssertionError e) {
                // not up yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for: " + what);
    }
}
