package org.printscout.itest.remoteui;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.After;
import org.junit.Test;
import org.printscout.itest.AgentHome;
import org.printscout.itest.Await;
import org.printscout.itest.PortalBrowser;
import org.printscout.itest.web.Chromium;

/**
 * The whole remote web UI chain on loopback, each part the real one: the assembled portal and agent
 * (each its own Felix), Debian's mosquitto (TLS, passwords the portal derives and writes with
 * portal:broker-passwords, an ACL per agent), OpenSSH sshd asking the portal which port an agent's
 * key may listen on (AuthorizedKeysCommand: curl to /tunnel/authorized-keys), a simulated printer
 * with a web server on its address, and headless Chromium. A technician presses "Open web UI" on
 * the device page, reaches the printer's page on the relay's own origin (its redirect and cookie
 * work, no portal cookie reaches it), the page's WebSocket echoes through relay and tunnel, the admin reads the session log, and the session ends at its
 * time limit (shortened to 20 s here) on the tunnel server too. A technician of another customer,
 * and anyone once the customer's switch is off, gets no session.
 */
public class RemoteUiEndToEndTest {

    private static final String NET = "127.84.0.";
    private static final String RELAY = RemoteUiSite.RELAY;
    private static final Duration WAIT = Duration.ofSeconds(40);

    private RemoteUiSite site;

    @After
    public void stop() throws Exception {
        if (site != null) {
            site.close();
        }
    }

    @Test
    public void aTechnicianOpensThePrintersWebUiThroughTheRelayUntilItsTimeLimit() throws Exception {
        site = RemoteUiSite.start(NET, 20);
        String base = site.base;
        String device = site.deviceId;
        PortalBrowser admin = site.admin;
        TunnelServer sshd = site.sshd;
        int relayPort = site.relayPort;
        AgentHome agent = site.agent;

        // --- a technician of another customer gets no session, and no device page either ---
        PortalBrowser other = PortalBrowser.signedIn(base, "tech2", "tech-password-2");
        other.get("/");
        HttpResponse<String> refused = other.post("/remote-ui/open", Map.of("device", device, "port", "80"));
        assertEquals(refused.body(), 404, refused.statusCode());

        // --- the button, in Chromium: the session page waits for the agent, then the printer's page on the relay ---
        Chromium chromium = Chromium.find();
        Path screenshots = Path.of("target", "screenshots");
        Files.createDirectories(screenshots);
        String session;
        int remotePort;
        try (Chromium.DevTools browser = chromium.devTools(Duration.ofSeconds(90))) {
            browser.signIn(base, RemoteUiSite.TECH, RemoteUiSite.TECH_PASSWORD);
            browser.navigate(base + "/devices/" + device);
            browser.awaitTrue("the Open web UI button", "document.getElementById('remote-open') !== null");
            long pressed = System.nanoTime();
            browser.evaluate("document.getElementById('remote-open').click()");
            browser.awaitTrue("the session page", "location.pathname.startsWith('/remote-ui/rs-')");
            browser.awaitTrue("the session open", "document.getElementById('remote-state') !== null "
                    + "&& document.getElementById('remote-state').textContent === 'open'");
            double toOpen = (System.nanoTime() - pressed) / 1e9;
            session = browser.evaluate("location.pathname.substring(11)");
            browser.evaluate("document.getElementById('remote-enter').click()");
            browser.awaitTrue("the printer's page on the relay", "location.host === '" + RELAY + ":" + relayPort + "' && document.title === '"
                    + PrinterWebServer.TITLE + "'");
            double toPage = (System.nanoTime() - pressed) / 1e9;
            assertEquals("the printer's redirect stayed on the relay", "/status.html", browser.evaluate("location.pathname"));
            browser.navigate("http://" + RELAY + ":" + relayPort + "/status.html");
            browser.awaitTrue("the page again", "document.title === '" + PrinterWebServer.TITLE + "'");
            String cookie = browser.evaluate("document.getElementById('cookie').textContent");
            assertTrue("the printer's own cookie came back to it: " + cookie, cookie.contains("printer_session=p-12345"));
            assertFalse("no relay or portal cookie reached the printer: " + cookie, cookie.contains("printscout"));
            assertEquals("the page's absolute link to the printer's address was made relative by the relay", "/counters.html",
                    browser.evaluate("document.getElementById('absolute').getAttribute('href')"));
            browser.evaluate("document.getElementById('absolute').click(); 'clicked'");
            browser.awaitTrue("the printer's counters page through the relay", "location.host === '" + RELAY + ":" + relayPort
                    + "' && document.title === 'Counters'");
            browser.navigate("http://" + RELAY + ":" + relayPort + "/status.html");
            browser.awaitTrue("the status page again", "document.title === '" + PrinterWebServer.TITLE + "'");
            // --- the printer page's WebSocket, through the relay and the tunnel ---
            browser.evaluate("window.echoed = ''; window.ws = new WebSocket('ws://' + location.host + '/echo'); "
                    + "ws.onmessage = e => window.echoed = e.data; ws.onopen = () => ws.send('hello printer'); 'started'");
            browser.awaitTrue("the WebSocket echo through the relay", "window.echoed === 'hello printer'");
            browser.evaluate("ws.send('second ' + 'x'.repeat(70000)); 'sent'");
            browser.awaitTrue("a 70 000-character message echoed through the relay", "window.echoed.length === 70007");
            assertEquals("two messages reached the printer's WebSocket", 2, site.printer.echoes.get());
            Path png = screenshots.resolve("remote-ui.png");
            browser.screenshot(png, 800, 400);
            BufferedImage image = ImageIO.read(png.toFile());
            int rgb = image.getRGB(400, 350) & 0xffffff;
            assertEquals("the printer's page (green background #22aa77) is what the browser shows: " + Integer.toHexString(rgb), 0x22aa77, rgb);
            System.out.printf("remote UI: button to session open %.2f s, to the printer's page %.2f s%n", toOpen, toPage);
            Matcher forward = Pattern.compile("session " + session + " open for tech: 127.0.0.1:" + sshd.port + " 127.0.0.1:(\\d+) -> ")
                    .matcher(RemoteUiSite.log(agent));
            assertTrue(RemoteUiSite.log(agent), forward.find());
            remotePort = Integer.parseInt(forward.group(1));
            assertTrue("the tunnel server listens on the session's port", Daemon.listening(remotePort));
            assertTrue("sshd asked the portal: " + sshd.log(), sshd.log().contains("Accepted publickey for " + sshd.user));

            // --- the admin's session log ---
            String log = admin.get("/remote-ui").body();
            assertTrue(log, log.contains(session) && log.contains(">tech<") && log.contains(">open<"));

            // --- the time limit (20 s here): the session closes, the relay refuses, the tunnel server stops listening ---
            Await.until("the session closed at its time limit", WAIT, () -> sessionState(admin, session).contains(">closed<"));
            String page = admin.get("/remote-ui/" + session).body();
            assertTrue(page, page.contains("time limit"));
            Await.until("no listener on " + remotePort, WAIT, () -> !Daemon.listening(remotePort));
            browser.navigate("http://" + RELAY + ":" + relayPort + "/status.html");
            browser.awaitTrue("the relay refusing", "document.body.innerText.includes('has ended')");

            // --- the printer's HTTPS port (443, its own self-signed certificate): pages, links and WebSocket, then ended by the user ---
            browser.navigate(base + "/devices/" + device);
            browser.awaitTrue("the Open web UI button", "document.getElementById('remote-open') !== null");
            browser.evaluate("document.querySelector('#remote-open-form select[name=port]').value = '443'; "
                    + "document.getElementById('remote-open').click(); 'pressed'");
            browser.awaitTrue("the HTTPS session open", "location.pathname.startsWith('/remote-ui/rs-') "
                    + "&& document.getElementById('remote-state') !== null && document.getElementById('remote-state').textContent === 'open'");
            String tlsSession = browser.evaluate("location.pathname.substring(11)");
            browser.evaluate("document.getElementById('remote-enter').click()");
            browser.awaitTrue("the printer's HTTPS page on the relay", "location.host === '" + RELAY + ":" + relayPort
                    + "' && document.title === '" + PrinterWebServer.TITLE + "'");
            assertEquals("the page came from the printer's HTTPS port", "https", browser.evaluate("document.getElementById('scheme').textContent"));
            assertEquals("/counters.html", browser.evaluate("document.getElementById('absolute-default').getAttribute('href')"));
            browser.evaluate("window.echoed = ''; window.ws = new WebSocket('ws://' + location.host + '/echo'); "
                    + "ws.onmessage = e => window.echoed = e.data; ws.onopen = () => ws.send('hello tls printer'); 'started'");
            browser.awaitTrue("the WebSocket echo from the printer's HTTPS port", "window.echoed === 'hello tls printer'");
            assertTrue("the HTTPS printer served the pages", site.printerTls.requests.get() >= 3);
            Matcher tlsForward = Pattern.compile("session " + tlsSession + " open for tech: 127.0.0.1:" + sshd.port + " 127.0.0.1:(\\d+) -> "
                    + Pattern.quote(site.printerTls.address) + ":443").matcher(RemoteUiSite.log(agent));
            assertTrue(RemoteUiSite.log(agent), tlsForward.find());
            int tlsPort = Integer.parseInt(tlsForward.group(1));
            browser.navigate(base + "/remote-ui/" + tlsSession);
            browser.awaitTrue("the end button", "document.getElementById('remote-end') !== null");
            browser.evaluate("document.getElementById('remote-end').click(); 'ended'");
            Await.until("the HTTPS session ended by its user", WAIT, () -> sessionState(admin, tlsSession).contains(">closed<"));
            Await.until("no listener on " + tlsPort, WAIT, () -> !Daemon.listening(tlsPort));
        }
        assertTrue(site.printer.requests.get() >= 3);

        // --- the switch off: no button, and a forged form gets no session ---
        site.portal.ok("portal:remoteui c1 off");
        PortalBrowser tech = PortalBrowser.signedIn(base, RemoteUiSite.TECH, RemoteUiSite.TECH_PASSWORD);
        String devicePage = tech.get("/devices/" + device).body();
        assertFalse("no button with the switch off", devicePage.contains("remote-open"));
        HttpResponse<String> off = tech.post("/remote-ui/open", Map.of("device", device, "port", "80"));
        assertEquals(off.body(), 403, off.statusCode());
        assertTrue(off.body(), off.body().contains("not enabled for this customer"));
    }

    private static String sessionState(PortalBrowser admin, String session) {
        try {
            return admin.get("/remote-ui/" + session).body();
        } catch (Exception e) {
            return e.toString();
        }
    }

}
