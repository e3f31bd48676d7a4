package org.printscout.itest.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.After;
import org.junit.Test;
import org.printscout.itest.Await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

import jakarta.mail.internet.MimeMessage;

/**
 * Alerts in the assembled portal (issue 17 item 3): an admin adds a webhook and a mail recipient and
 * a "device in error" rule on the /alerts page; a loopback webhook is refused until the operator
 * allows private targets in {@code etc/org.printscout.portal.alerts.cfg} (picked up by FileInstall and
 * ConfigAdmin while the portal runs); then a report with a jammed device opens one alert, which
 * reaches the receiver on loopback once, signed with HMAC-SHA-256, and GreenMail (implicit TLS, AUTH)
 * once; the alert shows on the alerts page and the device page; a cleared jam closes it, notified once.
 */
public class PortalAlertsTest {

    private static final String SECRET = "itest-webhook-secret-42";

    private PortalUnderTest portal;
    private HttpServer receiver;
    private GreenMail mail;

    @After
    public void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    public void aJammedDeviceOpensOneAlertThatReachesTheWebhookAndTheMailServerOnce() throws Exception {
        Path keys = Files.createTempDirectory("itest-alert-tls");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keys.resolve("server.p12").toString(), "-storepass", "changeit");
        run(keytool, "-exportcert", "-alias", "smtp", "-keystore", keys.resolve("server.p12").toString(), "-storepass", "changeit", "-file",
                keys.resolve("server.cer").toString());
        run(keytool, "-importcert", "-noprompt", "-alias", "smtp", "-file", keys.resolve("server.cer").toString(), "-storetype", "PKCS12",
                "-keystore", keys.resolve("trust.p12").toString(), "-storepass", "trustpass");
        System.setProperty("greenmail.tls.keystore.file", keys.resolve("server.p12").toString());
        System.setProperty("greenmail.tls.keystore.password", "changeit");
        System.setProperty("greenmail.tls.key.password", "changeit");
        int smtpsPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            smtpsPort = free.getLocalPort();
        }
        mail = new GreenMail(new ServerSetup(smtpsPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        mail.withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@dealer.example", "portal", "smtp-pass-1"));
        mail.start();

        List<String[]> hooks = new CopyOnWriteArrayList<>();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            hooks.add(new String[] {exchange.getRequestHeaders().getFirst("X-PrintScout-Timestamp"),
                exchange.getRequestHeaders().getFirst("X-PrintScout-Signature"), new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8)});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

        portal = PortalUnderTest.started("");
        org.printscout.itest.PortalBrowser admin = portal.person();
        admin.get("/alerts");
        HttpResponse<String> refused = admin.post("/alerts/recipients", Map.of("customer", "", "channel", "webhook", "target", hook, "secret", SECRET,
                "digest", "false"));
        assertTrue(refused.body(), refused.body().contains("Webhook refused") && refused.body().contains("private"));

        Path config = portal.home.path().resolve("etc/org.printscout.portal.alerts.cfg");
        Files.writeString(config, "intervalSeconds = 1\nallowPrivateWebhooks = true\nsmtpHost = 127.0.0.1\nsmtpPort = " + smtpsPort
                + "\nsmtpSecurity = tls\nsmtpUser = portal\nsmtpPassword = smtp-pass-1\nsmtpFrom = alerts@dealer.example\nsmtpTrustStore = "
                + keys.resolve("trust.p12") + "\nsmtpTrustStorePassword = trustpass\n");
        Await.until("the alerts component reconfigured", Duration.ofSeconds(60), () -> tail(portal).contains("private webhook targets allowed"),
                () -> "log: " + tail(portal));
        admin.get("/alerts");
        HttpResponse<String> added = admin.post("/alerts/recipients", Map.of("customer", "", "channel", "webhook", "target", hook, "secret", SECRET,
                "digest", "false"));
        assertEquals(added.body(), 303, added.statusCode());
        admin.get("/alerts");
        assertEquals(303, admin.post("/alerts/recipients", Map.of("customer", "c1", "channel", "email", "target", "tech@acme.example", "secret", "",
                "digest", "false")).statusCode());
        admin.get("/alerts");
        assertEquals(303, admin.post("/alerts/rules", Map.of("customer", "", "kind", "device-error", "threshold", "")).statusCode());

        PortalUnderTest.Agent agent = portal.activate();
        upload(agent, "jammed");
        Await.until("the webhook called", Duration.ofSeconds(30), () -> hooks.size() >= 1, () -> "log: " + tail(portal));
        assertTrue("the mail arrived", mail.waitForIncomingEmail(30_000, 1));
        Thread.sleep(3_000); // three more rounds: nothing is sent twice
        assertEquals(1, hooks.size());
        assertEquals(1, mail.getReceivedMessages().length);
        String[] call = hooks.get(0);
        assertEquals("HMAC-SHA-256 of timestamp.body under the secret", "sha256=" + hmac(call[0] + "." + call[2]), call[1]);
        assertTrue(call[2], call[2].contains("\"event\":\"opened\"") && call[2].contains("in error: jammed"));
        MimeMessage message = mail.getReceivedMessages()[0];
        assertEquals("tech@acme.example", message.getAllRecipients()[0].toString());
        assertTrue(message.getSubject(), message.getSubject().startsWith("PrintScout alert opened"));

        String page = admin.get("/alerts").body();
        assertTrue(page, page.contains("in error: jammed") && page.contains("answered 204"));
        String href = page.replaceAll("(?s).*href=\"(/devices/[0-9]+)\".*", "$1");
        assertTrue(admin.get(href).body().contains("in error: jammed"));

        upload(agent, "");
        Await.until("the close notified", Duration.ofSeconds(30), () -> hooks.size() >= 2, () -> "log: " + tail(portal));
        assertTrue(mail.waitForIncomingEmail(30_000, 2));
        Thread.sleep(3_000);
        assertEquals(2, hooks.size());
        assertEquals(2, mail.getReceivedMessages().length);
        assertTrue(hooks.get(1)[2].contains("\"event\":\"closed\""));
        assertTrue(admin.get(href).body().contains("No open alerts."));
    }

    private void upload(PortalUnderTest.Agent agent, String condition) throws Exception {
        String id = UUID.randomUUID().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><report xmlns=\"urn:printscout:report:1\" id=\"" + id + "\" agent=\"" + agent.id()
                + "\" site=\"s1\" kind=\"status\" finished=\"" + at + "\"><device ip=\"192.0.2.40\" serial=\"KY-JAM-9\" make=\"Kyocera\" "
                + "model=\"ECOSYS M2540dn\" readAt=\"" + at + "\"><status device=\"" + (condition.isEmpty() ? "running" : "warning")
                + "\" printer=\"idle\">" + (condition.isEmpty() ? "" : "<condition>" + condition + "</condition>") + "</status>"
                + "<meter name=\"total\">1000</meter></device></report>";
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
            zip.putNextEntry(new ZipEntry("report.xml"));
            zip.write(xml.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        HttpResponse<String> stored = portal.http.send(HttpRequest.newBuilder(URI.create(portal.url("/api/v1/agents/" + agent.id() + "/reports/" + id)))
                .header("Authorization", agent.authorization()).header("Content-Type", "application/zip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(stored.body(), 201, stored.statusCode());
    }

    private static String hmac(String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String tail(PortalUnderTest portal) {
        try {
            String log = portal.logText();
            return log.substring(Math.max(0, log.length() - 3000));
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(String.join(" ", command) + ": " + output, 0, process.waitFor());
    }
}
