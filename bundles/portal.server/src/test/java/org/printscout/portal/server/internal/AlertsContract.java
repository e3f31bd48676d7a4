package org.printscout.portal.server.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

import jakarta.mail.internet.MimeMessage;

/**
 * Alerts (issue 17 item 3) on each database: rules open an alert once and close it when the condition
 * clears; each event is delivered once per recipient, to a real webhook receiver on loopback (signed,
 * retried with back-off, refused for private addresses unless allowed) and to GreenMail as a real SMTP
 * server (implicit TLS and STARTTLS, with AUTH); a customer's user sees only that customer's alerts.
 */
abstract class AlertsContract {

    abstract DataSource freshDatabase() throws Exception;

    static final String SECRET = "webhook-secret-0123456789";
    static Path keys;

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        volatile Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    DataSource dataSource;
    TenancyStore tenancy;
    ReportStore reports;
    AlertStore alerts;
    AlertRules rules;
    ReportParser parser;
    TenancyStore.AgentRef acme;
    TenancyStore.AgentRef globex;
    final TestClock clock = new TestClock();
    HttpServer receiver;
    final List<String[]> received = new CopyOnWriteArrayList<>(); // {timestamp, signature, body}
    final AtomicInteger failFirst = new AtomicInteger();
    String hook;

    /**
     * A key pair for 127.0.0.1 (the TLS servers of the mail tests) and a trust store holding its
     * certificate, made once per JVM: GreenMail reads its key store once, for every test class.
     */
    @BeforeAll
    static synchronized void tlsKeys() throws Exception {
        if (keys != null) {
            return;
        }
        Path dir = Files.createTempDirectory("alert-tls");
        dir.toFile().deleteOnExit();
        keys = dir;
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", dir.resolve("server.p12").toString(), "-storepass", "changeit");
        run(keytool, "-exportcert", "-alias", "smtp", "-keystore", dir.resolve("server.p12").toString(), "-storepass", "changeit", "-file",
                dir.resolve("server.cer").toString());
        run(keytool, "-importcert", "-noprompt", "-alias", "smtp", "-file", dir.resolve("server.cer").toString(), "-storetype", "PKCS12", "-keystore",
                dir.resolve("trust.p12").toString(), "-storepass", "trustpass");
        System.setProperty("greenmail.tls.keystore.file", dir.resolve("server.p12").toString());
        System.setProperty("greenmail.tls.keystore.password", "changeit");
        System.setProperty("greenmail.tls.key.password", "changeit");
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
    }

    @BeforeEach
    void setUp() throws Exception {
        dataSource = freshDatabase();
        Migrator.migrate(dataSource);
        tenancy = new TenancyStore(dataSource, clock);
        reports = new ReportStore(dataSource, clock);
        alerts = new AlertStore(dataSource, clock);
        rules = new AlertRules(dataSource, alerts, clock);
        parser = new ReportParser(new ReportParser.Limits(64 * 1024, 1024 * 1024, 200), 2, Duration.ofSeconds(10), clock, Duration.ofSeconds(300));
        tenancy.createDealer("d1", "Dealer One");
        tenancy.createCustomer("c1", "d1", "Acme");
        tenancy.createCustomer("c2", "d1", "Globex");
        tenancy.createSite("s1", "c1", "Acme HQ", "{\"configurations\":{}}");
        tenancy.createSite("s2", "c2", "Globex plant", "{\"configurations\":{}}");
        TenancyStore.Activation a = tenancy.activate(tenancy.newActivationKey("s1"), "acme-pc").orElseThrow();
        acme = new TenancyStore.AgentRef(a.agentId(), "s1");
        TenancyStore.Activation b = tenancy.activate(tenancy.newActivationKey("s2"), "globex-pc").orElseThrow();
        globex = new TenancyStore.AgentRef(b.agentId(), "s2");
        // a real HTTP receiver on loopback: records each request, answers 500 to the first failFirst ones
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = failFirst.getAndDecrement() > 0 ? 500 : 204;
            if (status == 204) {
                received.add(new String[] {exchange.getRequestHeaders().getFirst(WebhookSender.TIMESTAMP),
                    exchange.getRequestHeaders().getFirst(WebhookSender.SIGNATURE), new String(body, StandardCharsets.UTF_8)});
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    void store(TenancyStore.AgentRef agent, String devicesXml) throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><report xmlns=\"urn:printscout:report:1\" id=\"" + UUID.randomUUID()
                + "\" agent=\"" + agent.agentId() + "\" site=\"" + agent.siteId() + "\" kind=\"status\" finished=\"" + clock.now + "\">" + devicesXml
                + "</report>";
        assertEquals(ReportStore.StoreOutcome.STORED, reports.storeReport(agent, parser.parse(PortalContract.zip("report.xml",
                xml.getBytes(StandardCharsets.UTF_8)))));
    }

    String printer(String serial, String status, String conditions, long total, int toner) {
        return DevicePagesContract.device("10.1.0." + (serial.hashCode() & 0x7f), serial, "ECOSYS M2540dn", clock.now, status,
                DevicePagesContract.status(status, conditions.isEmpty() ? new String[0] : conditions.split(",")) + "<meter name=\"total\">" + total
                        + "</meter>" + DevicePagesContract.toner(toner));
    }

    Notifier notifier(Notifier.Mail mail, boolean allowPrivate) {
        return new Notifier(alerts, mail, new WebhookSender(allowPrivate, Duration.ofSeconds(5)), clock, Duration.ofSeconds(30), 4);
    }

    int[] evaluate() throws Exception {
        return rules.evaluate(clock.now.plus(Duration.ofDays(1)));
    }

    @Test
    void anAlertOpensOnceClosesWhenItClearsAndEachEventReachesTheSignedWebhookOnce() throws Exception {
        alerts.createRule("d1", null, AlertStore.Kind.SUPPLY_BELOW, 20, "admin");
        alerts.createRecipient("d1", null, AlertStore.Channel.WEBHOOK, hook, SECRET, false);
        store(acme, printer("KY-1", "running", "", 1000, 15));
        Notifier notifier = notifier(null, true);
        assertArrayEquals(new int[] {1, 0}, evaluate(), "opened");
        assertArrayEquals(new int[] {0, 0}, evaluate(), "still low: nothing new");
        assertEquals(1, notifier.run());
        assertEquals(0, notifier.run(), "nothing is sent twice");
        assertEquals(1, received.size());
        String[] first = received.get(0);
        assertEquals(WebhookSender.signature(SECRET, Long.parseLong(first[0]), first[2]), first[1], "HMAC-SHA-256 over timestamp.body");
        JsonObject event = JsonParser.parseString(first[2]).getAsJsonObject().getAsJsonArray("events").get(0).getAsJsonObject();
        assertEquals("opened", event.get("event").getAsString());
        assertTrue(event.get("summary").getAsString().contains("Black Toner at 15% (below 20%)"), event.toString());
        assertEquals("c1", event.get("customerId").getAsString());
        assertEquals(1, alerts.alerts(new UserStore.User("admin", UserStore.Role.ADMIN, "d1", true), false, 10).size());

        clock.now = clock.now.plus(Duration.ofHours(1));
        store(acme, printer("KY-1", "running", "", 1100, 95)); // a new cartridge
        assertArrayEquals(new int[] {0, 1}, evaluate(), "closed");
        assertArrayEquals(new int[] {0, 0}, evaluate());
        assertEquals(1, notifier.run());
        assertEquals(0, notifier.run());
        assertEquals(2, received.size());
        assertEquals("closed", JsonParser.parseString(received.get(1)[2]).getAsJsonObject().getAsJsonArray("events").get(0).getAsJsonObject()
                .get("event").getAsString());
        assertEquals(0, alerts.alerts(new UserStore.User("admin", UserStore.Role.ADMIN, "d1", true), false, 10).size());

        // the same condition later is a new alert
        clock.now = clock.now.plus(Duration.ofHours(1));
        store(acme, printer("KY-1", "running", "", 1200, 10));
        assertArrayEquals(new int[] {1, 0}, evaluate());
        assertEquals(2, alerts.alerts(new UserStore.User("admin", UserStore.Role.ADMIN, "d1", true), true, 10).size());
    }

    @Test
    void everyKindOfRuleFindsItsCondition() throws Exception {
        long error = alerts.createRule("d1", null, AlertStore.Kind.DEVICE_ERROR, 0, "admin");
        long offline = alerts.createRule("d1", null, AlertStore.Kind.DEVICE_OFFLINE, 30, "admin");
        long backwards = alerts.createRule("d1", null, AlertStore.Kind.METER_BACKWARDS, 0, "admin");
        long silent = alerts.createRule("d1", "c2", AlertStore.Kind.AGENT_SILENT, 2, "admin");
        long runsOut = alerts.createRule("d1", "c1", AlertStore.Kind.SUPPLY_RUNS_OUT, 10, "admin");
        Instant start = clock.now;
        for (int day = 0; day < 5; day++) {
            clock.now = start.plus(Duration.ofDays(day));
            // KY-DRAIN loses 5 %/day: 50 % → 30 %, 6 days left at the end; KY-JAM jams on the last day; KY-BACK's meter drops
            store(acme, printer("KY-DRAIN", "running", "", 1000 + day * 100, 50 - 5 * day)
                    + printer("KY-JAM", day == 4 ? "warning" : "running", day == 4 ? "jammed,lowPaper" : "", 500 + day, 80)
                    + printer("KY-BACK", "running", "", day == 4 ? 10 : 9000 + day, 80));
        }
        clock.now = clock.now.plus(Duration.ofMinutes(50)); // Acme's devices are now 50 min silent
        store(globex, printer("HP-1", "running", "", 100, 90));
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE agent SET last_contact = ? WHERE id = ?")) {
            s.setTimestamp(1, Timestamp.from(clock.now.minus(Duration.ofHours(3))));
            s.setString(2, globex.agentId());
            s.executeUpdate();
        }
        evaluate();
        UserStore.User admin = new UserStore.User("admin", UserStore.Role.ADMIN, "d1", true);
        List<AlertStore.Alert> open = alerts.alerts(admin, false, 50);
        assertEquals(List.of("device in error: jammed"), summaries(open, error).stream().map(s -> s.replaceAll(".*\\) ", "device ")).toList());
        assertEquals(3, summaries(open, offline).size(), "the three Acme devices, not HP-1: " + summaries(open, offline));
        assertEquals(1, summaries(open, backwards).size(), summaries(open, backwards).toString());
        assertTrue(summaries(open, backwards).get(0).endsWith("meter total went backwards from 9003 to 10"), summaries(open, backwards).toString());
        assertEquals(1, summaries(open, silent).size(), "only Globex's agent (the rule is Globex's): " + summaries(open, silent));
        assertEquals(1, summaries(open, runsOut).size(), summaries(open, runsOut).toString());
        assertTrue(summaries(open, runsOut).get(0).contains("KY-DRAIN") && summaries(open, runsOut).get(0).contains("runs out in about 6 days"),
                summaries(open, runsOut).toString());
        // a Globex viewer sees Globex's alerts only
        UserStore users = new UserStore(dataSource);
        users.createUser("globex", "a long password".toCharArray(), UserStore.Role.VIEWER, "d1", List.of("c2"));
        List<AlertStore.Alert> theirs = alerts.alerts(users.credentials("globex").orElseThrow().user(), true, 50);
        assertEquals(1, theirs.size(), theirs.toString());
        assertEquals("c2", theirs.get(0).customerId());
    }

    private static List<String> summaries(List<AlertStore.Alert> open, long rule) {
        return open.stream().filter(a -> a.ruleId() == rule).map(AlertStore.Alert::summary).toList();
    }

    @Test
    void aFailingWebhookIsRetriedWithBackOffAndLoggedAndPrivateTargetsAreRefusedUnlessAllowed() throws Exception {
        alerts.createRule("d1", null, AlertStore.Kind.DEVICE_ERROR, 0, "admin");
        alerts.createRecipient("d1", null, AlertStore.Channel.WEBHOOK, hook, SECRET, false);
        store(acme, printer("KY-1", "down", "doorOpen", 1, 50));
        evaluate();
        failFirst.set(2);
        Notifier notifier = notifier(null, true);
        assertEquals(0, notifier.run(), "500: not sent");
        assertEquals(0, notifier.run(), "not due before its back-off");
        clock.now = clock.now.plus(Duration.ofSeconds(30));
        assertEquals(0, notifier.run(), "second attempt, 500 again");
        clock.now = clock.now.plus(Duration.ofSeconds(59));
        assertEquals(0, notifier.run(), "the second back-off is 60 s");
        clock.now = clock.now.plus(Duration.ofSeconds(1));
        assertEquals(1, notifier.run());
        assertEquals(1, received.size());
        List<AlertStore.Attempt> log = alerts.attempts("d1", 10);
        assertEquals(3, log.size(), log.toString());
        assertTrue(log.get(2).outcome().startsWith("IOException: answered 500; next attempt"), log.get(2).outcome());
        assertEquals("sent: answered 204", log.get(0).outcome());
        assertEquals(List.of(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)), List.of(notifier.delay(1), notifier.delay(2),
                notifier.delay(3)));
        assertEquals(Duration.ofHours(1), notifier.delay(20));

        // private targets: refused without the operator's permission, and nothing reaches them
        WebhookSender strict = new WebhookSender(false, Duration.ofSeconds(5));
        for (String url : List.of(hook, "http://localhost:9/x", "http://169.254.169.254/latest/meta-data", "http://10.1.2.3/", "http://192.168.0.1/",
                "http://172.16.0.1/", "http://100.64.0.1/", "http://[::1]/", "http://[fd00::1]/", "http://[fe80::1]/", "http://0.0.0.0/",
                "http://[::ffff:127.0.0.1]/")) {
            assertTrue(strict.refusal(url).isPresent(), url);
        }
        assertFalse(strict.refusal("https://192.0.2.10/hook").isPresent(), "a public address is allowed");
        assertTrue(strict.refusal("ftp://192.0.2.10/").isPresent());
        assertTrue(strict.refusal("http://user:pw@192.0.2.10/").isPresent());
        clock.now = clock.now.plus(Duration.ofHours(1));
        store(acme, printer("KY-1", "running", "", 2, 50));
        evaluate(); // closed: its delivery goes to the strict notifier
        assertEquals(0, notifier(null, false).run());
        assertEquals(1, received.size(), "a refused target gets nothing");
        assertTrue(alerts.attempts("d1", 1).get(0).outcome().contains("loopback, link-local or private"), alerts.attempts("d1", 1).toString());
    }

    @Test
    void alertMailArrivesOnceOverImplicitTlsAndStartTlsWithAuthAndDigestsCollectADay() throws Exception {
        int smtpsPort = freePort();
        int smtpPort = freePort();
        GreenMail mail = new GreenMail(new ServerSetup[] {new ServerSetup(smtpsPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS),
            new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)});
        mail.withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@dealer.example", "portal", "smtp-pass-1"));
        mail.start();
        try (StartTlsFront front = new StartTlsFront(smtpPort)) {
            String trust = keys.resolve("trust.p12").toString();
            MailSender smtps = new MailSender(new MailSender.Settings("127.0.0.1", smtpsPort, MailSender.Security.TLS, "portal", "smtp-pass-1",
                    "alerts@dealer.example", trust, "trustpass", Duration.ofSeconds(10)));
            MailSender startTls = new MailSender(new MailSender.Settings("127.0.0.1", front.port(), MailSender.Security.STARTTLS, "portal",
                    "smtp-pass-1", "alerts@dealer.example", trust, "trustpass", Duration.ofSeconds(10)));
            alerts.createRule("d1", null, AlertStore.Kind.DEVICE_ERROR, 0, "admin");
            alerts.createRecipient("d1", "c1", AlertStore.Channel.EMAIL, "tech@acme.example", null, false);
            store(acme, printer("KY-1", "warning", "jammed", 1, 50));
            evaluate();
            assertEquals(1, notifier(smtps::send, false).run(), () -> log());
            assertEquals(0, notifier(smtps::send, false).run());
            assertTrue(mail.waitForIncomingEmail(10_000, 1));
            MimeMessage[] messages = mail.getReceivedMessages();
            assertEquals(1, messages.length);
            assertEquals("tech@acme.example", messages[0].getAllRecipients()[0].toString());
            assertTrue(messages[0].getSubject().startsWith("PrintScout alert opened: Kyocera ECOSYS M2540dn KY-1"), messages[0].getSubject());
            assertTrue(messages[0].getContent().toString().contains("in error: jammed"), messages[0].getContent().toString());

            // STARTTLS: the close goes through the front that upgrades the connection, then AUTH
            clock.now = clock.now.plus(Duration.ofHours(1));
            store(acme, printer("KY-1", "running", "", 2, 50));
            evaluate();
            assertEquals(1, notifier(startTls::send, false).run(), () -> log());
            assertTrue(mail.waitForIncomingEmail(10_000, 2));
            assertTrue(mail.getReceivedMessages()[1].getSubject().startsWith("PrintScout alert closed"));
            assertTrue(front.upgraded.get() >= 1, "the conversation went through STARTTLS");

            // a wrong password is refused by the server; a server without STARTTLS gets nothing
            MailSender wrong = new MailSender(new MailSender.Settings("127.0.0.1", smtpsPort, MailSender.Security.TLS, "portal", "wrong",
                    "alerts@dealer.example", trust, "trustpass", Duration.ofSeconds(10)));
            MailSender.MailException refused = assertThrows(MailSender.MailException.class, () -> wrong.send(List.of("x@acme.example"), "s", "b"));
            assertTrue(refused.getMessage().startsWith("AUTH answered 5"), refused.getMessage());
            MailSender noTls = new MailSender(new MailSender.Settings("127.0.0.1", smtpPort, MailSender.Security.STARTTLS, "portal", "smtp-pass-1",
                    "alerts@dealer.example", trust, "trustpass", Duration.ofSeconds(10)));
            MailSender.MailException plain = assertThrows(MailSender.MailException.class, () -> noTls.send(List.of("x@acme.example"), "s", "b"));
            assertTrue(plain.getMessage().contains("does not offer STARTTLS; nothing was sent"), plain.getMessage());
            assertEquals(2, mail.getReceivedMessages().length);

            // a digest recipient: two alerts, one mail at the digest time
            alerts.createRecipient("d1", null, AlertStore.Channel.EMAIL, "boss@dealer.example", null, true);
            clock.now = clock.now.plus(Duration.ofHours(1));
            store(acme, printer("KY-1", "warning", "doorOpen", 3, 50) + printer("KY-2", "down", "", 3, 50));
            Instant digest = clock.now.plus(Duration.ofHours(5));
            rules.evaluate(digest);
            assertEquals(2, notifier(smtps::send, false).run(), "tech@ at once: two mails");
            clock.now = digest;
            assertEquals(1, notifier(smtps::send, false).run(), "boss@: one digest");
            assertTrue(mail.waitForIncomingEmail(10_000, 5));
            MimeMessage last = mail.getReceivedMessages()[4];
            assertEquals("boss@dealer.example", last.getAllRecipients()[0].toString());
            assertEquals("PrintScout: daily digest, 2 alert events", last.getSubject());
        } finally {
            mail.stop();
        }
    }

    private String log() {
        try {
            return alerts.attempts("d1", 10).toString();
        } catch (java.sql.SQLException e) {
            return e.toString();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * A STARTTLS front for GreenMail, whose SMTP server has no STARTTLS command (2.1.3): it greets,
     * offers STARTTLS, upgrades the connection with the test's key, and from then on relays the
     * conversation to GreenMail's plain SMTP port (whose own greeting it swallows), so EHLO, AUTH and
     * the mail transaction after the upgrade are GreenMail's.
     */
    static final class StartTlsFront implements AutoCloseable {
        private final ServerSocket server;
        final AtomicInteger upgraded = new AtomicInteger();

        StartTlsFront(int greenMailPort) throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keys.resolve("server.p12"))) {
                store.load(in, "changeit".toCharArray());
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(store, "changeit".toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers.getKeyManagers(), null, null);
            server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        new Thread(() -> serve(client, tls, greenMailPort)).start();
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "starttls-front");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve(Socket client, SSLContext tls, int greenMailPort) {
            try (client) {
                OutputStream out = client.getOutputStream();
                InputStream in = client.getInputStream();
                out.write("220 front ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                if (!line(in).startsWith("EHLO")) {
                    return;
                }
                out.write("250-front\r\n250 STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
                if (!line(in).equals("STARTTLS")) {
                    return;
                }
                out.write("220 go ahead\r\n".getBytes(StandardCharsets.US_ASCII));
                SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client, null, client.getPort(), false);
                secure.setUseClientMode(false);
                secure.startHandshake();
                upgraded.incrementAndGet();
                try (Socket back = new Socket(InetAddress.getLoopbackAddress(), greenMailPort)) {
                    line(back.getInputStream()); // GreenMail's greeting: the client had the front's
                    Thread up = new Thread(() -> pump(secure, back));
                    up.start();
                    pump(back, secure);
                    up.join(10_000);
                }
            } catch (Exception e) {
                // the client went away
            }
        }

        private static void pump(Socket from, Socket to) {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
                to.shutdownOutput();
            } catch (Exception e) {
                // closed
            }
        }

        private static String line(InputStream in) throws Exception {
            StringBuilder out = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
                if (c != '\r') {
                    out.append((char) c);
                }
            }
            return out.toString();
        }

        @Override
        public void close() throws Exception {
            server.close();
        }
    }
}
