package org.printscout.itest.remoteui;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.printscout.itest.AgentHome;
import org.printscout.itest.Await;
import org.printscout.itest.PortalBrowser;
import org.printscout.itest.PortalProcess;
import org.printscout.simulator.Recording;
import org.printscout.simulator.Simulator;

/**
 * A dealer's whole remote-UI setup on loopback, as docs/remote-ui.md describes it: the assembled
 * portal (customer c1 with the switch on, technicians of c1 and c2), Debian's mosquitto with the
 * password file the portal writes, OpenSSH sshd asking the portal for each agent login
 * (AuthorizedKeysCommand: curl), the relay on a host of its own, a simulated printer with a web
 * server on its address, and an assembled agent activated at the portal that has read the printer
 * and connected to the broker. For the end-to-end test and the benchmark.
 */
final class RemoteUiSite implements AutoCloseable {

    static final String RELAY = "127.0.0.2";
    static final String TECH = "tech";
    static final String TECH_PASSWORD = "tech-password-1";
    private static final Duration WAIT = Duration.ofSeconds(60);

    final PortalProcess portal;
    final String base;
    final Mosquitto broker;
    final TunnelServer sshd;
    final PrinterWebServer printer;
    final PrinterWebServer printerTls;
    final int relayPort;
    final String deviceId;
    final PortalBrowser admin;
    AgentHome agent;
    private final List<AutoCloseable> peers;

    private RemoteUiSite(PortalProcess portal, Mosquitto broker, TunnelServer sshd, PrinterWebServer printer, PrinterWebServer printerTls,
                         int relayPort, AgentHome agent,
                         String deviceId, PortalBrowser admin, List<AutoCloseable> peers) {
        this.portal = portal;
        this.base = portal.url().replaceAll("/$", "");
        this.broker = broker;
        this.sshd = sshd;
        this.printer = printer;
        this.printerTls = printerTls;
        this.relayPort = relayPort;
        this.agent = agent;
        this.deviceId = deviceId;
        this.admin = admin;
        this.peers = peers;
    }

    /** Starts everything; {@code net} is the printer's /24 on loopback (e.g. "127.84.0."). */
    static RemoteUiSite start(String net, int sessionSeconds) throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new AssertionError("sshd's AuthorizedKeysCommand runs only under a root sshd (CI runs as root)");
        }
        List<AutoCloseable> peers = new ArrayList<>();
        PortalProcess portal = null;
        try {
            Path dir = Files.createTempDirectory("remoteui-site");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            TestCertificates certificates = TestCertificates.make(dir);
            portal = PortalProcess.provisioned();
            portal.ok("portal:customer c2 d1 Globex");
            portal.ok("portal:user " + TECH + " '" + TECH_PASSWORD + "' technician d1 c1");
            portal.ok("portal:user tech2 'tech-password-2' technician d1 c2");
            portal.ok("portal:remoteui c1 on");
            String base = portal.url().replaceAll("/$", "");
            Mosquitto broker = Mosquitto.start(Files.createDirectory(dir.resolve("mosquitto")), certificates, "printscout-portal",
                    Map.of("printscout-portal", "portal-broker-secret"));
            peers.add(broker);
            String token = "tunnel-token-" + System.nanoTime();
            TunnelServer sshd = TunnelServer.start(Files.createDirectory(dir.resolve("sshd")),
                    "/usr/bin/curl -fsS --max-time 5 -G -H \"Authorization: Bearer " + token + "\" --data-urlencode fingerprint=%f "
                            + base + "/tunnel/authorized-keys");
            peers.add(sshd);
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
                    "remotePortMax = " + (remoteFrom + 100),
                    "sessionSeconds = " + sessionSeconds,
                    "relayBindAddress = " + RELAY,
                    "relayPort = " + relayPort,
                    "authorizedKeysToken = " + token, ""));
            awaitLog(portal.home(), "portal: remote UI connected to the broker", 1);

            int snmpPort;
            try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.1"))) {
                snmpPort = probe.getLocalPort();
            }
            Path recordings = Path.of(System.getProperty("printscout.testdata"), "printers", "snmprec");
            peers.add(Simulator.builder().community("public")
                    .device(new InetSocketAddress(net + 5, snmpPort), Recording.load(recordings.resolve("kyocera.snmprec"))).start());
            PrinterWebServer printer = new PrinterWebServer(net + 5, 80);
            peers.add(printer);
            PrinterWebServer printerTls = new PrinterWebServer(net + 5, 443, TestCertificates.printerTls(dir));
            peers.add(printerTls);

            AgentHome agent = portal.startAgent(portal.url(), PortalProcess.siteConfig(net + 5, snmpPort, "\"commandPollSeconds\":60"));
            peers.add(agent);
            PortalBrowser admin = PortalBrowser.signedIn(base, PortalProcess.USER, PortalProcess.PASSWORD);
            Await.until("the printer on the fleet page", WAIT, () -> deviceId(admin) != null);
            awaitLog(agent, "remote UI: the portal took the agent's tunnel key", 1);
            // the dealer's reload after an agent was activated: the broker learns its derived password
            String wrote = portal.ok("portal:broker-passwords " + broker.passwordFile);
            if (!wrote.contains("wrote 2 broker users")) {
                throw new AssertionError(wrote);
            }
            broker.reload();
            awaitLog(agent, "remote UI: connected to the broker", 1);
            peers.remove(agent);
            return new RemoteUiSite(portal, broker, sshd, printer, printerTls, relayPort, agent, deviceId(admin), admin, peers);
        } catch (Exception | AssertionError e) {
            for (int i = peers.size() - 1; i >= 0; i--) {
                peers.get(i).close();
            }
            if (portal != null) {
                portal.close();
            }
            throw e;
        }
    }

    String relay() {
        return "http://" + RELAY + ":" + relayPort;
    }

    static String deviceId(PortalBrowser admin) {
        try {
            Matcher link = Pattern.compile("href=\"/devices/(\\d+)").matcher(admin.get("/fleet").body());
            return link.find() ? link.group(1) : null;
        } catch (Exception e) {
            return null;
        }
    }

    static String log(AgentHome home) {
        try {
            Path log = home.path().resolve("data/log/printscout.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    static void awaitLog(AgentHome home, String line, int count) throws InterruptedException {
        Await.until(count + " x '" + line + "' in " + home.path(), WAIT, () -> log(home).lines().filter(l -> l.contains(line)).count() >= count,
                () -> log(home));
    }

    @Override
    public void close() throws Exception {
        if (agent != null) {
            agent.close();
        }
        portal.close();
        for (int i = peers.size() - 1; i >= 0; i--) {
            peers.get(i).close();
        }
    }
}
