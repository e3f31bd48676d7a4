package org.printscout.itest.remoteui;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.After;
import org.junit.Test;
import org.printscout.itest.AgentHome;
import org.printscout.itest.Await;
import org.printscout.simulator.Recording;
import org.printscout.simulator.Simulator;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The agent's side of the remote web UI against real peers on loopback: Debian's mosquitto (TLS and
 * WebSocket listeners, passwords, an ACL per agent), OpenSSH sshd as the tunnel server (only the one
 * permitted remote port per key), websockify (SSH over a WebSocket), a simulated printer in the
 * agent's inventory with a web server on its address, and the assembled agent. The test plays the
 * portal at the broker: it signs requests with the key the agent pinned. Each refusal is checked at
 * both ends: the reason the agent publishes, and on the tunnel server that nothing listens on the
 * session's port and no login of the agent's key happened.
 */
public class RemoteUiAgentTest {

    private static final String NET = "127.83.0.";
    private static final String AGENT = "agent-7";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<AutoCloseable> peers = new ArrayList<>();
    private AgentHome agent;
    private Path dir;
    private SigningPortal portal;
    private TunnelServer sshd;
    private TunnelServer otherSshd;
    private String agentKey;

    @After
    public void stop() throws Exception {
        if (agent != null) {
            agent.close();
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
    public void signedRequestsOpenOneTunnelToAKnownPrinterAndEverythingElseIsRefused() throws Exception {
        dir = Files.createTempDirectory("remoteui-agent");
        // mosquitto, started as root, drops to its own user before it reads its certificate and files
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        TestCertificates certificates = TestCertificates.make(dir);
        Path sshdDir = Files.createDirectory(dir.resolve("sshd"));
        sshd = peer(TunnelServer.start(sshdDir));
        otherSshd = peer(TunnelServer.start(Files.createDirectory(dir.resolve("sshd-other"))));
        int webSocketPort = Daemon.freePort();
        peer(Daemon.start("websockify", List.of("/usr/bin/websockify", "127.0.0.1:" + webSocketPort, "127.0.0.1:" + sshd.port),
                dir.resolve("websockify.log"), webSocketPort));
        Mosquitto broker = peer(Mosquitto.start(Files.createDirectory(dir.resolve("mosquitto")), certificates, "portal",
                Map.of("portal", "portal-secret", AGENT, "agent-secret", "agent-8", "other-secret")));

        int snmpPort;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.1"))) {
            snmpPort = probe.getLocalPort();
        }
        Path recordings = Path.of(System.getProperty("printscout.testdata"), "printers", "snmprec");
        peer(Simulator.builder().community("public")
                .device(new InetSocketAddress(NET + 5, snmpPort), Recording.load(recordings.resolve("brother.snmprec"))).start());
        int webPort = freePortOn(NET + 5);
        PrinterWebServer printer = peer(new PrinterWebServer(NET + 5, webPort));
        PrinterWebServer lanHost = peer(new PrinterWebServer(NET + 9, webPort));

        SSLContext tls = trusting(certificates.caPem());
        portal = peer(new SigningPortal("ssl://127.0.0.1:" + broker.tlsPort, "portal", "portal-secret", tls));

        agent = AgentHome.copyOfDistribution();
        Path etc = agent.path().resolve("etc");
        Files.writeString(etc.resolve("org.printscout.snmp.profile-itest.cfg"),
                "name = itest\nversion = 2c\ncommunity = public\ntimeoutMillis = 500\nretries = 1\n");
        writeTunnelLimits(600, webPort);
        writeRemoteUi(true, "ssl://127.0.0.1:" + broker.tlsPort, certificates.caPem());
        agent.start();
        // bin/printscout start returns once the control channel answers, which can be before discovery is active
        Await.until("the printer scanned", WAIT, () -> agent.answerOrNull("scout:scan " + NET + "5 --port " + snmpPort) != null);
        String scan = agent.ok("scout:devices");
        JsonObject known = JsonParser.parseString(agent.ok("scout:devices --json")).getAsJsonArray().get(0).getAsJsonObject();
        assertEquals(scan, NET + 5, known.get("address").getAsString());
        awaitLog("remote UI: connected to the broker");
        Path publicKey = agent.path().resolve("data/remoteui/ssh_key.pub");
        agentKey = Files.readString(publicKey).strip();
        assertTrue(agentKey, agentKey.startsWith("ecdsa-sha2-nistp256 "));
        assertFalse("the private key is the agent's user's only",
                Files.getPosixFilePermissions(agent.path().resolve("data/remoteui/ssh_key")).stream().anyMatch(p -> p.name().startsWith("GROUP")
                        || p.name().startsWith("OTHERS")));

        // --- a good request, by inventory id, over plain SSH: the printer's page through the tunnel, then the portal ends it ---
        int port1 = Daemon.freePort();
        sshd.allow(agentKey, port1);
        JsonObject first = SigningPortal.openRequest(AGENT, "session-0001", known.get("id").getAsString(), webPort, sshd, port1);
        byte[] firstMessage = portal.sign(first, portal.key.getPrivate());
        portal.publish(AGENT, firstMessage);
        assertTrue(portal.await("session-0001", "open", WAIT).contains("tunnel open until"));
        assertTrue("the tunnel server listens on the session's port", Daemon.listening(port1));
        String page = get("http://127.0.0.1:" + port1 + "/status.html");
        assertTrue(page, page.contains(PrinterWebServer.TITLE));
        String tunnels = agent.ok("scout:tunnels");
        assertTrue(tunnels, tunnels.contains("session-0001") && tunnels.contains(NET + 5 + ":" + webPort) && tunnels.contains("tech")
                && tunnels.contains("open") && tunnels.matches("(?s).*\\b(9|10):[0-5][0-9]\\b.*"));
        portal.send(AGENT, SigningPortal.closeRequest(AGENT, "session-0001"));
        assertEquals("the portal ended the session", portal.await("session-0001", "closed", WAIT));
        Await.until("no listener on " + port1 + " after the session closed", WAIT, () -> !Daemon.listening(port1));

        // --- the broker's ACL: another agent can neither read this agent's requests nor speak for it ---
        List<String> overheard = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.eclipse.paho.mqttv5.client.MqttClient intruder = new org.eclipse.paho.mqttv5.client.MqttClient(
                "ssl://127.0.0.1:" + broker.tlsPort, "intruder", new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        org.eclipse.paho.mqttv5.client.MqttConnectionOptions options = new org.eclipse.paho.mqttv5.client.MqttConnectionOptions();
        options.setUserName("agent-8");
        options.setPassword("other-secret".getBytes(StandardCharsets.UTF_8));
        options.setSocketFactory(tls.getSocketFactory());
        intruder.connect(options);
        intruder.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
            new org.eclipse.paho.mqttv5.common.MqttSubscription("printscout/agents/" + AGENT + "/remote-ui/request", 1)},
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(topic, message) -> overheard.add(topic)});
        intruder.publish("printscout/agents/" + AGENT + "/remote-ui/status",
                "{\"session\":\"forged-0001\",\"state\":\"open\",\"reason\":\"forged\"}".getBytes(StandardCharsets.UTF_8), 1, false);
        portal.send(AGENT, SigningPortal.closeRequest(AGENT, "session-0099"));
        portal.await("session-0099", "closed", WAIT);
        Thread.sleep(500);
        intruder.disconnect();
        intruder.close();
        assertTrue("another agent overheard " + overheard, overheard.isEmpty());
        assertTrue("another agent's forged status reached the portal", portal.find("forged-0001", "open").isEmpty());

        // --- the same signed request again is a replay ---
        portal.publish(AGENT, firstMessage);
        assertTrue(portal.await("session-0001", "refused", WAIT).contains("nonce was seen before"));

        // --- SSH over a WebSocket (websockify in front of the same sshd), closed on the site with scout:tunnel-close ---
        int port2 = Daemon.freePort();
        sshd.allow(agentKey, port2);
        JsonObject overWebSocket = SigningPortal.openRequest(AGENT, "session-0002", NET + 5, webPort, sshd, port2);
        overWebSocket.getAsJsonObject("tunnel").addProperty("webSocket", "ws://127.0.0.1:" + webSocketPort + "/");
        portal.send(AGENT, overWebSocket);
        portal.await("session-0002", "open", WAIT);
        assertTrue(get("http://127.0.0.1:" + port2 + "/").contains(PrinterWebServer.TITLE));
        assertTrue(agent.ok("scout:tunnel-close session-0002").contains("closed session-0002"));
        assertTrue(portal.await("session-0002", "closed", WAIT).contains("scout:tunnel-close"));
        Await.until("no listener on " + port2, WAIT, () -> !Daemon.listening(port2));

        // --- refusals before any tunnel: the reason comes back, nothing logs in, nothing listens ---
        int requestsBefore = lanHost.requests.get();
        refused("bad signature", (session, port) -> portal.publish(AGENT, portal.sign(request(session, NET + 5, webPort, port),
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate())), "signature does not verify", true);
        refused("unsigned", (session, port) -> portal.publish(AGENT, request(session, NET + 5, webPort, port).toString()
                .getBytes(StandardCharsets.UTF_8)), "not a signed request envelope", true);
        refused("a LAN host that is not a printer", (session, port) -> portal.send(AGENT, request(session, NET + 9, webPort, port)),
                NET + 9 + " is not a printer in this agent's inventory", false);
        refused("wrong port", (session, port) -> portal.send(AGENT, request(session, NET + 5, 22, port)),
                "port 22 is not one of the printer's web ports", false);
        refused("expired", (session, port) -> {
            JsonObject expired = request(session, NET + 5, webPort, port);
            expired.addProperty("expires", Instant.now().minusSeconds(5).getEpochSecond());
            portal.send(AGENT, expired);
        }, "expired", false);
        refused("meant for another agent", (session, port) -> {
            JsonObject other = request(session, NET + 5, webPort, port);
            other.addProperty("agent", "agent-8");
            portal.send(AGENT, other);
        }, "meant for agent agent-8", false);
        assertEquals("the LAN host was never contacted", requestsBefore, lanHost.requests.get());

        // --- the tunnel server shows another host key than the one pinned for it: no tunnel ---
        int port3 = Daemon.freePort();
        otherSshd.allow(agentKey, port3);
        String otherLogBefore = otherSshd.log();
        portal.send(AGENT, SigningPortal.openRequest(AGENT, "session-0003", NET + 5, webPort, otherSshd, port3));
        String changed = portal.await("session-0003", "failed", WAIT);
        assertTrue(changed, changed.contains("did not show its pinned host key"));
        assertFalse(Daemon.listening(port3));
        assertFalse("the agent's key never logged in to the server with the changed key",
                otherSshd.log().substring(otherLogBefore.length()).contains("Accepted publickey"));

        // --- the tunnel server allows this key another port only: sshd refuses the forward, nothing listens ---
        int allowed = Daemon.freePort();
        int asked = Daemon.freePort();
        sshd.allow(agentKey, allowed);
        portal.send(AGENT, SigningPortal.openRequest(AGENT, "session-0004", NET + 5, webPort, sshd, asked));
        String refusedBySshd = portal.await("session-0004", "failed", WAIT);
        assertTrue(refusedBySshd, refusedBySshd.contains("refused to listen on port " + asked));
        assertFalse(Daemon.listening(asked));
        assertFalse(Daemon.listening(allowed));
        assertTrue("sshd denied it (its log): " + sshd.log(),
                sshd.log().contains("remote forward to host 127.0.0.1 port " + asked + ", but the request was denied"));

        // --- the session's time limit (the site's maxSessionSeconds, shortened here to 10 s) ---
        writeTunnelLimits(10, webPort);
        awaitLogCount("remote UI: connected to the broker", 2);
        int port5 = Daemon.freePort();
        sshd.allow(agentKey, port5);
        portal.send(AGENT, SigningPortal.openRequest(AGENT, "session-0005", NET + 5, webPort, sshd, port5));
        portal.await("session-0005", "open", WAIT);
        long opened = System.nanoTime();
        assertTrue(Daemon.listening(port5));
        String limit = portal.await("session-0005", "closed", Duration.ofSeconds(20));
        double after = (System.nanoTime() - opened) / 1e9;
        assertTrue(limit, limit.contains("time limit of 10 s"));
        assertTrue("closed at its limit, after " + after + " s", after > 8 && after < 13);
        Await.until("no listener on " + port5 + " after the time limit", WAIT, () -> !Daemon.listening(port5));

        // --- the customer's switch off: refused, though everything else is right ---
        writeRemoteUi(false, "ssl://127.0.0.1:" + broker.tlsPort, certificates.caPem());
        awaitLogCount("remote UI: connected to the broker", 3);
        refused("switch off", (session, port) -> portal.send(AGENT, request(session, NET + 5, webPort, port)),
                "the remote web UI is not enabled for this site", false);

        // --- the agent killed mid-session: the tunnel server drops the listener ---
        writeRemoteUi(true, "wss://127.0.0.1:" + broker.webSocketPort + "/mqtt", certificates.caPem());
        awaitLogCount("remote UI: connected to the broker", 4);
        assertTrue("MQTT over a TLS WebSocket", agentLog().contains("connected to the broker wss://127.0.0.1:" + broker.webSocketPort));
        int port6 = Daemon.freePort();
        sshd.allow(agentKey, port6);
        portal.send(AGENT, SigningPortal.openRequest(AGENT, "session-0006", NET + 5, webPort, sshd, port6));
        portal.await("session-0006", "open", WAIT);
        assertTrue(Daemon.listening(port6));
        long pid = Long.parseLong(Files.readString(agent.path().resolve("data/printscout.pid")).strip());
        Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0);
        Await.until("no listener on " + port6 + " after the agent was killed", WAIT, () -> !Daemon.listening(port6));
        agent = null;
        assertTrue(printer.requests.get() >= 3);
    }

    @FunctionalInterface
    private interface Send {
        void send(String session, int port) throws Exception;
    }

    private int refusals;

    private void refused(String what, Send send, String reason, boolean anonymous) throws Exception {
        String session = "refused-" + String.format("%04d", ++refusals);
        int port = Daemon.freePort();
        sshd.allow(agentKey, port);
        String logBefore = sshd.log();
        int before = portal.statuses.size();
        send.send(session, port);
        Supplier<String> seen = () -> portal.statuses.subList(before, portal.statuses.size()).toString();
        Await.until(what + ": a refusal", WAIT, () -> portal.statuses.subList(before, portal.statuses.size()).stream()
                .anyMatch(s -> s.get("state").getAsString().equals("refused") && s.get("reason").getAsString().contains(reason)), seen);
        if (!anonymous) {
            assertTrue(what + ": the refusal names the session: " + seen.get(), portal.find(session, "refused").isPresent());
        }
        Thread.sleep(300);
        assertFalse(what + ": nothing listens on " + port, Daemon.listening(port));
        assertFalse(what + ": the agent's key did not log in", sshd.log().substring(logBefore.length()).contains("Accepted publickey"));
        assertTrue(what + ": no tunnel opened: " + seen.get(), portal.find(session, "open").isEmpty());
    }

    private JsonObject request(String session, String device, int port, int remotePort) {
        return SigningPortal.openRequest(AGENT, session, device, port, sshd, remotePort);
    }

    private void writeTunnelLimits(int maxSessionSeconds, int webPort) throws IOException {
        Files.writeString(agent.path().resolve("etc/org.printscout.remoteui.tunnels.config"), String.join("\n",
                "maxSessionSeconds=I\"" + maxSessionSeconds + "\"",
                "webPorts=I[\"80\",\"443\",\"" + webPort + "\"]",
                "printerCheckSeconds=I\"5\"", ""));
    }

    /** What the portal delivers with the site configuration, written as the site's file here (Felix .config format). */
    private void writeRemoteUi(boolean enabled, String brokerUri, String caPem) throws IOException {
        String changedKeyForOther = otherSshd.hostKeyLine.split(" ")[0] + " " + sshd.hostKeyLine.split(" ", 2)[1];
        String text = String.join("\n",
                "enabled=B\"" + enabled + "\"",
                "brokerUri=" + quoted(brokerUri),
                "brokerUsername=" + quoted(AGENT),
                "brokerPassword=" + quoted("agent-secret"),
                "trustedCertificates=" + quoted(caPem),
                "requestKey=" + quoted(portal.publicKeyBase64()),
                "tunnelHostKeys=[" + quoted(sshd.hostKeyLine) + "," + quoted(changedKeyForOther) + "]",
                "tunnelUser=" + quoted(sshd.user), "");
        Path file = agent.path().resolve("etc/org.printscout.remoteui.config");
        Path temp = file.resolveSibling("remoteui.tmp");
        Files.writeString(temp, text);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "") + "\"";
    }

    private String agentLog() {
        try {
            Path log = agent.path().resolve("data/log/printscout.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void awaitLog(String line) throws InterruptedException {
        awaitLogCount(line, 1);
    }

    private void awaitLogCount(String line, int count) throws InterruptedException {
        Await.until(count + " x '" + line + "' in the agent's log", WAIT,
                () -> agentLog().lines().filter(l -> l.contains(line)).count() >= count, this::agentLog);
    }

    private static String get(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(10_000);
        try (var in = connection.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int freePortOn(String address) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(address))) {
            return socket.getLocalPort();
        }
    }

    static SSLContext trusting(String pem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate certificate : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            store.setCertificateEntry("ca" + i++, certificate);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
