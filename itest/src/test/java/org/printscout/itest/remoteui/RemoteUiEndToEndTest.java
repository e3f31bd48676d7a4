package org.printscout.itest.remoteui;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.awt.image.BufferedImage;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.After;
import org.junit.Test;
import org.printscout.itest.AgentHome;
import org.printscout.itest.Await;
import org.printscout.itest.PortalBrowser;
import org.printscout.itest.PortalProcess;
import org.printscout.itest.web.Chromium;
import org.printscout.simulator.Recording;
import org.printscout.simulator.Simulator;

/**
 * The whole remote web UI chain on loopback, each part the real one: the assembled portal and agent
 * (each its own Felix), Debian's mosquitto (TLS, passwords the portal derives and writes with
 * portal:broker-passwords, an ACL per agent), OpenSSH sshd asking the portal which port an agent's
 * key may listen on (AuthorizedKeysCommand: curl to /tunnel/authorized-keys), a simulated printer
 * with a web server on its address, and headless Chromium. A technician presses "Open web UI" on
 * the device page, reaches the printer's page on the relay's own origin (its redirect and cookie
 * work, no portal cookie reaches it), the admin reads the session log, and the session ends at its
 * time limit (shortened to 20 s here) on the tunnel server too. A technician of another customer,
 * and anyone once the customer's switch is off, gets no session.
 */
public class RemoteUiEndToEndTest {

    private static final String NET = "127.84.0.";
    private static final String RELAY = "127.0.0.2";
    private static final Duration WAIT = Duration.ofSeconds(40);

    private final List<AutoCloseable> peers = new ArrayList<>();
    private PortalProcess portal;
    private AgentHome agent;

    @After
    public void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (portal != null) {
            portal.close();
        }
        for (int i = peers.size() - 1; i >= 0; i--) {
            peers.get(i).close();
        }
    }

    private <T extends AutoCloseable> T peer(T closeable) {
        peers.add(closeable);
        return closeable;
    }

    @Test
    public void aTechnicianOpensThePrintersWebUiThroughTheRelayUntilItsTimeLimit() throws Exception {
        assertEquals("sshd's AuthorizedKeysCommand runs only under a root sshd (CI runs as root)", "root", System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("remoteui-e2e");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        TestCertificates certificates = TestCertificates.make(dir);

        portal = PortalProcess.provisioned();
        portal.ok("portal:customer c2 d1 Globex");
        portal.ok("portal:user tech 'tech-password-1' technician d1 c1");
        portal.ok("portal:user tech2 'tech-password-2' technician d1 c2");
        portal.ok("portal:remoteui c1 on");
        String base = portal.url().replaceAll("/$", "");

        Mosquitto broker = peer(Mosquitto.start(Files.createDirectory(dir.resolve("mosquitto")), certificates, "printscout-portal",
                Map.of("printscout-portal", "portal-broker-secret")));
        String token = "tunnel-token-" + System.nanoTime();
        TunnelServer sshd = peer(TunnelServer.start(Files.createDirectory(dir.resolve("sshd")),
                "/usr/bin/curl -fsS --max-time 5 -G -H \"Authorization: Bearer " + token + "\" --data-urlencode fingerprint=%f "
                        + base + "/tunnel/authorized-keys"));
        int relayPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(RELAY))) {
            relayPort = probe.getLocalPort();
        }
        int remoteFrom = 20_000 + (int) (System.nanoTime() % 20_000);
        Files.writeString(portal.home().path().resolve("etc/org.printscout.portal.remoteui.cfg"), String.join("\n",
                "brokerUri = ssl://127.0.0.1:" + broker.tlsPort,
                "brokerUsername = printscout-portal",
                "brokerPassword = portal-broker-secret",
                "trustedCertificatesFile = " + certificates.caCertificate,
                "tunnelHost = 127.0.0.1",
                "tunnelPort = " + sshd.port,
                "tunnelHostKey = " + sshd.hostKeyLine.split(" ", 2)[1],
                "tunnelUser = " + sshd.user,
                "remotePortMin = " + remoteFrom,
                "remotePortMax = " + (remoteFrom + 50),
                "sessionSeconds = 20",
                "relayBindAddress = " + RELAY,
                "relayPort = " + relayPort,
                "authorizedKeysToken = " + token, ""));
        awaitLog(portal.home(), "portal: remote UI connected to the broker", 1);

        int snmpPort;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.1"))) {
            snmpPort = probe.getLocalPort();
        }
        Path recordings = Path.of(System.getProperty("printscout.testdata"), "printers", "snmprec");
        peer(Simulator.builder().community("public")
                .device(new InetSocketAddress(NET + 5, snmpPort), Recording.load(recordings.resolve("kyocera.snmprec"))).start());
        PrinterWebServer printer = peer(new PrinterWebServer(NET + 5, 80));

        agent = portal.startAgent(portal.url(), PortalProcess.siteConfig(NET + 5, snmpPort, "\"commandPollSeconds\":60"));
        PortalBrowser admin = PortalBrowser.signedIn(base, PortalProcess.USER, PortalProcess.PASSWORD);
        Await.until("the printer on the fleet page", WAIT, () -> deviceId(admin) != null);
        String device = deviceId(admin);
        awaitLog(agent, "remote UI: the portal took the agent's tunnel key", 1);
        // the dealer's reload after an agent was activated: the broker learns its derived password
        assertTrue(portal.ok("portal:broker-passwords " + broker.passwordFile).contains("wrote 2 broker users"));
        broker.reload();
        awaitLog(agent, "remote UI: connected to the broker", 1);

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
            browser.signIn(base, "tech", "tech-password-1");
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
            Path png = screenshots.resolve("remote-ui.png");
            browser.screenshot(png, 800, 400);
            BufferedImage image = ImageIO.read(png.toFile());
            int rgb = image.getRGB(400, 350) & 0xffffff;
            assertEquals("the printer's page (green background #22aa77) is what the browser shows: " + Integer.toHexString(rgb), 0x22aa77, rgb);
            System.out.printf("remote UI: button to session open %.2f s, to the printer's page %.2f s%n", toOpen, toPage);
            Matcher forward = Pattern.compile("session " + session + " open for tech: 127.0.0.1:" + sshd.port + " 127.0.0.1:(\\d+) -> ")
                    .matcher(log(agent));
            assertTrue(log(agent), forward.find());
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
        }
        assertTrue(printer.requests.get() >= 3);

        // --- the switch off: no button, and a forged form gets no session ---
        portal.ok("portal:remoteui c1 off");
        PortalBrowser tech = PortalBrowser.signedIn(base, "tech", "tech-password-1");
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

    private static String deviceId(PortalBrowser admin) {
        try {
            Matcher link = Pattern.compile("href=\"/devices/(\\d+)").matcher(admin.get("/fleet").body());
            return link.find() ? link.group(1) : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String log(AgentHome home) {
        try {
            Path log = home.path().resolve("data/log/printscout.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static void awaitLog(AgentHome home, String line, int count) throws InterruptedException {
        Await.until(count + " x '" + line + "' in " + home.path(), WAIT, () -> log(home).lines().filter(l -> l.contains(line)).count() >= count,
                () -> log(home));
    }
}
