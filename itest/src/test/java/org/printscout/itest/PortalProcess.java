package org.printscout.itest;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;

/**
 * A copy of the assembled reference portal (distribution/portal) on plain HTTP at a fixed loopback
 * port, provisioned through its Gogo commands as an operator would: dealer d1, customer c1, one
 * site s1, a user {@code admin} / {@code correct horse}. The port stays the same across
 * {@link #stop()} and {@link #start()}, so agents find it again after an outage.
 */
public final class PortalProcess implements AutoCloseable {

    public static final String USER = "admin";
    public static final String PASSWORD = "correct horse";

    private final AgentHome home;
    private final int port;

    private PortalProcess(AgentHome home, int port) {
        this.home = home;
        this.port = port;
    }

    /** Starts a new portal with an empty embedded database and provisions site s1 (configured with {@code portal:siteconfig}). */
    public static PortalProcess provisioned() throws Exception {
        return provisioned("jdbcUrl = jdbc:h2:./data/portal/portal\n");
    }

    /** As {@link #provisioned()}, on the database these configuration lines name ({@code jdbcUrl}, {@code jdbcUser}, ...). */
    public static PortalProcess provisioned(String databaseLines) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        AgentHome home = AgentHome.copyOf(Path.of(System.getProperty("printscout.portal.distribution")));
        Files.writeString(home.path().resolve("etc/org.printscout.portal.server.cfg"),
                databaseLines + "bindAddress = 127.0.0.1\nport = " + port + "\n");
        PortalProcess portal = new PortalProcess(home, port);
        portal.start();
        portal.ok("portal:dealer d1 Dealer");
        portal.ok("portal:customer c1 d1 Acme");
        portal.ok("portal:site s1 c1 HQ");
        portal.ok("portal:user " + USER + " '" + PASSWORD + "' admin d1 -");
        return portal;
    }

    void start() throws Exception {
        home.start();
        Await.until("the portal listening on port " + port, Duration.ofSeconds(60),
                () -> String.valueOf(home.answerOrNull("portal:address")).strip().endsWith(":" + port));
        // the listener comes up before the whiteboard has registered every servlet
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().proxy(java.net.http.HttpClient.Builder.NO_PROXY).build();
        Await.until("the portal's sign-in form served", Duration.ofSeconds(60), () -> {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url() + "signin")).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (java.io.IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    void stop() throws Exception {
        AgentHome.Run run = home.printscout("stop");
        if (run.status() != 0) {
            throw new AssertionError("the portal did not stop: " + run.describe());
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    int port() {
        return port;
    }

    public AgentHome home() {
        return home;
    }

    /** A new single-use activation key for site s1. */
    public String activationKey() {
        return ok("portal:key s1").strip();
    }

    /**
     * Sets site s1's configuration, then starts a copy of the agent distribution that knows nothing
     * but {@code portalUrl} and a fresh activation key; the agent activates and takes the site
     * configuration from the portal. The configuration is made only now because its meter scan
     * time is only seconds ahead.
     */
    public AgentHome startAgent(String portalUrl, Supplier<String> siteConfig) throws Exception {
        return startAgent("s1", portalUrl, siteConfig, java.util.Map.of());
    }

    /** As {@link #startAgent(String, Supplier)} for {@code site}, with more files in the agent's {@code etc/} (name to content). */
    public AgentHome startAgent(String site, String portalUrl, Supplier<String> siteConfig, java.util.Map<String, String> etc) throws Exception {
        String key = ok("portal:key " + site).strip();
        AgentHome agent = AgentHome.copyOfDistribution();
        ok("portal:siteconfig " + site + " '" + siteConfig.get() + "'");
        Files.writeString(agent.path().resolve("etc/org.printscout.upload.cfg"), "portalUrl = " + portalUrl
                + "\nactivationKey = " + key + "\nuploadIntervalSeconds = 1\nconfigPollSeconds = 10\nretryBaseSeconds = 1\nretryMaxSeconds = 2\n");
        for (java.util.Map.Entry<String, String> file : etc.entrySet()) {
            Files.writeString(agent.path().resolve("etc").resolve(file.getKey()), file.getValue());
        }
        agent.start();
        return agent;
    }

    /**
     * A site with one discovery range on {@code port}, its meter scan 12 s after the configuration is
     * made (an agent starts and activates in about 2 s), and further scheduler keys as JSON members.
     */
    public static Supplier<String> siteConfig(String range, int port, String schedulerMembers) {
        return () -> "{\"configurations\":{"
                + "\"org.printscout.discovery.site~hq\":{\"name\":\"hq\",\"ranges\":[\"" + range + "\"],\"port\":" + port
                + ",\"profile\":\"default\"},"
                + "\"org.printscout.scheduler\":{\"meterScanTime\":\""
                + LocalTime.now().plusSeconds(12).format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "\","
                + schedulerMembers + "}}}";
    }

    /** Runs a Gogo command in the portal; fails the test when it fails. */
    public String ok(String command) {
        return home.ok(command);
    }

    /** The ids of the stored reports, oldest first, as {@code portal:reports} lists them (duplicates kept). */
    public List<String> reportIds() {
        List<String> ids = new ArrayList<>();
        for (String line : ok("portal:reports").split("\n")) {
            if (!line.isBlank()) {
                ids.add(line.split("\t")[0].strip());
            }
        }
        return ids;
    }

    /** What the database holds per device: the newest meters and supplies ({@code portal:devices --json}). */
    JsonArray devices() {
        return JsonParser.parseString(ok("portal:devices --json")).getAsJsonArray();
    }

    @Override
    public void close() throws Exception {
        home.close();
    }
}
