package org.printscout.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.Rule;
import org.junit.Test;
import org.printscout.simulator.Recording;
import org.printscout.simulator.Simulator;

/**
 * Readings reach the dealer, with both assembled layouts as shipped: the reference portal (HTTPS
 * with a certificate made here, embedded H2) is provisioned through its Gogo commands; the agent
 * starts with nothing but the portal URL, an activation key and the portal's certificate, activates,
 * takes its site configuration (a discovery site and the meter scan time) through ConfigAdmin
 * without restart, scans simulated printers, spools the report and uploads it; the portal's page
 * then shows the printers, and the agent's spool is empty.
 */
public class ReportingEndToEndTest {

    private static final String NET = "127.78.0.";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Rule
    public final Started running = new Started();

    @Test
    public void anActivatedAgentsMeterScanShowsUpOnThePortal() throws Exception {
        int snmpPort;
        try (DatagramSocket probe = new DatagramSocket(0)) {
            snmpPort = probe.getLocalPort();
        }
        Path recordings = Path.of(System.getProperty("printscout.testdata"), "printers", "snmprec");
        Simulator printers = Simulator.builder().community("public")
                .device(new InetSocketAddress(NET + 1, snmpPort), Recording.load(recordings.resolve("jetdirect_m130nw.snmprec")))
                .device(new InetSocketAddress(NET + 2, snmpPort), Recording.load(recordings.resolve("brother.snmprec")))
                .device(new InetSocketAddress(NET + 3, snmpPort), Recording.load(recordings.resolve("sharp.snmprec")))
                .start();
        running.add(printers::close);

        // --- the portal, over HTTPS on a free port ---
        AgentHome portal = AgentHome.copyOf(Path.of(System.getProperty("printscout.portal.distribution")));
        Path keyStore = portal.path().resolve("etc/portal.p12");
        Path certificate = portal.path().resolve("portal.pem");
        keytool("-genkeypair", "-alias", "portal", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", "portal-pw", "-keypass", "portal-pw");
        keytool("-exportcert", "-rfc", "-alias", "portal", "-keystore", keyStore.toString(), "-storepass", "portal-pw",
                "-file", certificate.toString());
        Files.writeString(portal.path().resolve("etc/org.printscout.portal.server.cfg"),
                "jdbcUrl = jdbc:h2:./data/portal/portal\nbindAddress = 127.0.0.1\nport = 0\nkeyStore = " + keyStore
                        + "\nkeyStorePassword = portal-pw\n");
        portal.start();
        running.add(portal);
        Await.until("the portal listening", WAIT, () -> String.valueOf(portal.answerOrNull("portal:address")).contains(":"));
        String address = portal.ok("portal:address").strip();
        String portalUrl = "https://" + address + "/";
        portal.ok("portal:dealer d1 Dealer");
        portal.ok("portal:customer c1 d1 Acme");
        portal.ok("portal:site s1 c1 HQ");
        String meterScanAt = LocalTime.now().plusSeconds(25).format(DateTimeFormatter.ofPattern("HH:mm:ss"));
        String siteConfig = "{\"configurations\":{"
                + "\"org.printscout.discovery.site~hq\":{\"name\":\"hq\",\"ranges\":[\"" + NET + "1-" + NET + "3\"],\"port\":" + snmpPort
                + ",\"profile\":\"default\"},"
                + "\"org.printscout.scheduler\":{\"meterScanTime\":\"" + meterScanAt + "\"}}}";
        portal.ok("portal:siteconfig s1 '" + siteConfig + "'");
        String key = portal.ok("portal:key s1").strip();
        portal.ok("portal:user admin 'correct horse' admin d1 -");

        // --- the agent: URL, key and certificate, nothing else ---
        AgentHome agent = AgentHome.copyOfDistribution();
        Files.writeString(agent.path().resolve("etc/org.printscout.upload.cfg"), "portalUrl = " + portalUrl
                + "\nactivationKey = " + key + "\ntrustedCertificates = " + certificate
                + "\nuploadIntervalSeconds = 1\nconfigPollSeconds = 10\nretryBaseSeconds = 1\n");
        agent.start();
        running.add(agent);

        Await.until("the agent activated and configured", WAIT,
                () -> agent.ok("scout:status").contains("report sinks: 1"), () -> agent.ok("scout:status"));
        SSLContext browser = trusting(certificate);
        Await.until("the printers on the portal's page", WAIT, () -> {
            String page = page(browser, portalUrl);
            return page.contains("VNCRC48198") && page.contains(NET + "2") && page.contains(NET + "3");
        }, () -> "\npage: " + page(browser, portalUrl) + "\nagent: " + agent.ok("scout:status"));

        Await.until("the agent's spool emptied", WAIT, () -> spooled(agent.path().resolve("data/spool")) == 0);
        String status = agent.ok("scout:status");
        assertTrue(status, status.matches("(?s).*running as agent agent-\\S+ \\(site s1\\), [1-9][0-9]* reports uploaded.*"));
        String page = page(browser, portalUrl);
        assertTrue("the agent's last contact is shown: " + page, page.contains("just now"));
        String log = Files.readString(agent.path().resolve("data/log/printscout.log"));
        assertTrue(log, log.contains("activated at " + portalUrl));
        assertEquals("the secret never reaches the log", -1, log.indexOf("secret="));
    }

    private static String page(SSLContext browser, String portalUrl) {
        try {
            HttpResponse<String> response = signedIn(browser, portalUrl).get("/");
            return response.statusCode() + " " + response.body();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static PortalBrowser signedIn(SSLContext tls, String portalUrl) throws Exception {
        PortalBrowser person = new PortalBrowser(portalUrl.replaceAll("/$", ""), tls);
        HttpResponse<String> answer = person.signIn("admin", "correct horse");
        if (answer.statusCode() != 303) {
            throw new AssertionError("sign-in answered " + answer.statusCode() + ": " + answer.body());
        }
        return person;
    }

    private static long spooled(Path spool) {
        if (!Files.isDirectory(spool)) {
            return -1;
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".zip")).count();
        } catch (Exception e) {
            return -1;
        }
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            store.setCertificateEntry("portal", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(output, process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0);
    }
}
