package org.printscout.itest.appliance;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.printscout.itest.AgentHome;
import org.printscout.itest.Await;
import org.printscout.itest.web.Chromium;
import org.printscout.simulator.Recording;
import org.printscout.simulator.Simulator;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The box's local web UI in headless Chromium, on the appliance layout: a new box shows only the
 * first-start page; the one-time code from the log sets the password; the settings page configures a
 * local site and its SNMP credential (a hostile value is shown back escaped, a bad port is refused
 * naming the key); "Scan now" fills the device list with the simulated printers and their supplies.
 * Around it, over plain HTTP: health without sign-in, the JSON API behind Basic, CSRF and cross-site
 * refusals, the console's web:password, the sign-in throttle, and the listener bound to the configured
 * address only. Screenshots of the first-start, settings and devices pages go to target/screenshots.
 */
public class LocalWebUiInChromiumTest {

    private static final String NET = "127.76.15.";
    private static final Duration BROWSER = Duration.ofSeconds(30);
    private static final Pattern ONE_TIME_CODE = Pattern.compile("one-time code ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})");

    private AgentHome agent;
    private Simulator printers;
    private String base;
    private int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Before
    public void startBox() throws Exception {
        int snmpPort;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            snmpPort = probe.getLocalPort();
        }
        Path recordings = Path.of(System.getProperty("printscout.testdata"), "printers/snmprec");
        printers = Simulator.builder().community("public")
                .device(new InetSocketAddress(NET + 1, snmpPort), Recording.load(recordings.resolve("jetdirect_m130nw.snmprec")))
                .device(new InetSocketAddress(NET + 2, snmpPort), Recording.load(recordings.resolve("brother.snmprec")))
                .start();
        System.setProperty("appliance.test.snmpPort", Integer.toString(snmpPort));
        agent = AgentHome.copyOf(Path.of(System.getProperty("printscout.appliance.distribution")));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path httpCfg = agent.path().resolve("etc/org.apache.felix.http.cfg");
        String cfg = Files.readString(httpCfg);
        assertTrue(cfg, cfg.contains("org.osgi.service.http.port = 23998") && cfg.contains("org.apache.felix.http.host = 0.0.0.0"));
        Files.writeString(httpCfg, cfg.replace("23998", Integer.toString(port)).replace("0.0.0.0", "127.0.0.1"));
        base = "http://127.0.0.1:" + port;
        agent.start();
        Await.until("the local web UI answers", Duration.ofSeconds(30), () -> {
            try {
                return get("/health", null).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
    }

    @After
    public void stopBox() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (printers != null) {
            printers.close();
        }
    }

    @Test
    public void firstStartSettingsScanDevicesAndTheGuards() throws Exception {
        String snmpPort = System.getProperty("appliance.test.snmpPort");
        String code = oneTimeCode();
        Chromium chromium = Chromium.find(); // fails (not skips) without it: run .ci/install-peers
        Path shots = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "screenshots").toAbsolutePath();
        Files.createDirectories(shots);
        try (Chromium.DevTools browser = chromium.devTools(BROWSER)) {
            JsonObject metrics = new JsonObject();
            metrics.addProperty("width", 1100);
            metrics.addProperty("height", 900);
            metrics.addProperty("deviceScaleFactor", 1);
            metrics.addProperty("mobile", false);
            browser.call("Emulation.setDeviceMetricsOverride", metrics);

            // --- a new box: every page leads to the first-start page ---
            browser.navigate(base + "/devices");
            browser.awaitTrue("the first-start page", "location.pathname === '/setup' && !!document.querySelector('form#setup')");
            screenshot(browser, shots.resolve("appliance-first-start.png"));
            submit(browser, "form#setup", "code", "WRONG-CODE-0000", "password", "box-password-1", "repeat", "box-password-1");
            browser.awaitTrue("the refusal of a wrong code", "document.querySelector('#error') !== null"
                    + " && document.querySelector('#error').innerText.includes('wrong one-time code')");
            submit(browser, "form#setup", "code", code, "password", "box-password-1", "repeat", "box-password-1");
            browser.awaitTrue("the settings page after the password was set",
                    "location.pathname === '/settings' && !!document.querySelector('form#site-form')");
            assertEquals("the code is spent: /setup now leads to sign-in", 302, get("/setup", null).statusCode());

            // --- settings: a hostile range line is kept as text, a bad port refused naming the key ---
            String hostile = "<img src=x onerror=alert(1)>";
            submit(browser, "form#site-form", "ranges", NET + "1-" + NET + "2\\n" + hostile, "port", "70000");
            browser.awaitTrue("the refused port", "document.querySelector('#error') !== null"
                    + " && document.querySelector('#error').innerText.includes('port')");
            submit(browser, "form#site-form", "ranges", NET + "1-" + NET + "2\\n" + hostile, "port", snmpPort);
            browser.awaitTrue("the saved site", "document.querySelector('#saved') !== null");
            assertEquals("the hostile line is shown as text, not markup", "0", browser.evaluate("String(document.querySelectorAll('img').length)"));
            String ranges = browser.evaluate("document.querySelector('#ranges').value");
            assertTrue(ranges, ranges.contains(hostile));
            submit(browser, "form#profile-form", "version", "2c", "community", "public");
            browser.awaitTrue("the saved credential", "document.querySelector('#saved') !== null"
                    + " && document.querySelector('#saved').innerText.includes('profile')");
            assertFalse("a secret is never shown back", browser.evaluate("document.documentElement.outerHTML").contains("value=\"public\""));
            screenshot(browser, shots.resolve("appliance-settings.png"));

            // --- CSRF: the browser's own post of a form whose token was taken out is refused (in-page fetch the policy forbids anyway) ---
            browser.evaluate("(() => { const f = document.querySelector('form#site-form'); f.querySelector('[name=csrf]').remove();"
                    + " f.querySelector('[name=ranges]').value = '10.0.0.1'; f.requestSubmit(); return 'ok'; })()");
            browser.awaitTrue("the refusal of a post without its token", "document.body.innerText.includes('CSRF token is missing or wrong')");
            browser.navigate(base + "/settings");
            browser.awaitTrue("the settings again", "!!document.querySelector('#ranges')");
            assertFalse("nothing was saved", browser.evaluate("document.querySelector('#ranges').value").contains("10.0.0.1"));

            // --- scan now, then the devices with their supplies ---
            browser.navigate(base + "/");
            browser.awaitTrue("the status page", "!!document.querySelector('form#scan-form')");
            browser.evaluate("(() => { document.querySelector('form#scan-form').requestSubmit(); return 'ok'; })()");
            browser.awaitTrue("the scan started", "document.querySelector('#scan-outcome') !== null"
                    + " && document.querySelector('#scan-outcome').innerText.includes('started')");
            Await.until("both printers in the inventory", Duration.ofSeconds(40), () -> agent.ok("scout:devices").startsWith("2 devices"),
                    () -> agent.ok("scout:devices"));
            browser.navigate(base + "/devices");
            browser.awaitTrue("the device table", "document.querySelectorAll('#devices tr').length === 3");
            String table = browser.evaluate("document.querySelector('#devices').innerText");
            assertTrue(table, table.contains(NET + "1") && table.contains(NET + "2") && table.contains("online"));
            assertTrue("supply levels in percent or words: " + table, Pattern.compile("(\\d+ %|some remaining|unknown)").matcher(table).find());
            screenshot(browser, shots.resolve("appliance-devices.png"));
            browser.navigate(base + "/");
            browser.awaitTrue("the status with counts", "document.querySelector('#counts') !== null"
                    + " && document.querySelector('#counts').innerText.startsWith('2 known, 2 online')");
        }

        // --- health without sign-in, the API behind Basic ---
        HttpResponse<String> health = get("/health", null);
        assertEquals(200, health.statusCode());
        assertTrue(health.body(), health.body().contains("\"status\":\"up\"") && !health.body().contains("public"));
        assertEquals("no API without the password", 401, get("/api/devices", null).statusCode());
        HttpResponse<String> devices = get("/api/devices", "box-password-1");
        assertEquals(devices.body(), 200, devices.statusCode());
        assertEquals(devices.body(), 2, JsonParser.parseString(devices.body()).getAsJsonArray().size());
        assertFalse("no community in the API: " + devices.body(), devices.body().contains("public"));

        // --- cross-site posts refused before any check ---
        HttpResponse<String> crossSite = post("/signin", "password=box-password-1", "http://evil.example");
        assertEquals(crossSite.body(), 403, crossSite.statusCode());

        // --- the console sets the password too ---
        AgentHome.Run tooShort = agent.exec("web:password short");
        assertEquals(tooShort.describe(), 1, tooShort.status());
        assertTrue(tooShort.describe(), (tooShort.out() + tooShort.err()).contains("at least 10 characters"));
        assertEquals(0, agent.exec("web:password console-password-2").status());
        assertEquals("the old password is gone", 401, post("/signin", "password=box-password-1", null).statusCode());
        HttpResponse<String> signedIn = post("/signin", "password=console-password-2", null);
        assertEquals(signedIn.body(), 302, signedIn.statusCode());
        assertTrue(signedIn.headers().allValues("Set-Cookie").toString(),
                signedIn.headers().firstValue("Set-Cookie").orElse("").contains("HttpOnly; SameSite=Strict"));

        // --- throttled sign-in: after three failures the client waits, even with the right password ---
        for (int i = 0; i < 3; i++) {
            assertEquals(401, post("/signin", "password=guess-" + i, null).statusCode());
        }
        HttpResponse<String> throttled = post("/signin", "password=console-password-2", null);
        assertEquals(throttled.body(), 429, throttled.statusCode());
        assertTrue(throttled.headers().firstValue("Retry-After").isPresent());
        String log = Files.readString(agent.path().resolve("data/log/printscout.log"));
        assertFalse("no password in the log", log.contains("console-password-2") || log.contains("box-password-1"));

        // --- bound to the configured address only ---
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.2", port), 1000);
            throw new AssertionError("the UI answers on 127.0.0.2 although it is bound to 127.0.0.1");
        } catch (ConnectException expected) {
            // refused: nothing listens there
        }
    }

    private String oneTimeCode() throws Exception {
        Path console = agent.path().resolve("data/log/console.log");
        Await.until("the one-time code in the console log", Duration.ofSeconds(10),
                () -> Files.exists(console) && ONE_TIME_CODE.matcher(read(console)).find());
        Matcher m = ONE_TIME_CODE.matcher(read(console));
        assertTrue(m.find());
        assertTrue("the code is in the agent's log too", Files.readString(agent.path().resolve("data/log/printscout.log")).contains(m.group(1)));
        return m.group(1);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "";
        }
    }

    /** Fills the named fields of a form and submits it as a person would (requestSubmit: the browser's own post). */
    private static void submit(Chromium.DevTools browser, String form, String... namesAndValues) throws InterruptedException {
        StringBuilder js = new StringBuilder("(() => { const f = document.querySelector('" + form + "');");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            js.append("f.querySelector('[name=").append(namesAndValues[i]).append("]').value = '")
                    .append(namesAndValues[i + 1].replace("'", "\\'")).append("';");
        }
        js.append("f.requestSubmit(); return 'submitted'; })()");
        browser.evaluate("document.querySelectorAll('#error, #saved').forEach(e => e.remove())");
        assertEquals("submitted", browser.evaluate(js.toString()));
    }

    private static void screenshot(Chromium.DevTools browser, Path png) throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("format", "png");
        String data = browser.call("Page.captureScreenshot", params).get("data").getAsString();
        byte[] bytes = Base64.getDecoder().decode(data);
        Files.write(png, bytes);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertTrue("a PNG: " + png, image != null && image.getWidth() == 1100);
        int header = image.getRGB(10, 10);
        int body = image.getRGB(600, 880);
        assertTrue("the header bar is drawn in its colour, not blank: " + Integer.toHexString(header), header != body);
        System.out.println("local web UI screenshot: " + png);
    }

    private HttpResponse<String> get(String path, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (password != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
