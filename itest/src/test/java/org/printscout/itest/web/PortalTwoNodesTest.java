package org.printscout.itest.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.Test;
import org.printscout.itest.AgentHome;
import org.printscout.itest.Await;
import org.printscout.itest.PortalBrowser;
import org.printscout.portal.server.internal.TestPostgres;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Two portal processes (copies of distribution/portal) on one PostgreSQL: what one node stores the
 * other serves, agents split between the nodes can use either, and a command queued once is handed
 * out once however the two nodes are polled at the same moment. The layout is the portal's only
 * (no SNMP, discovery, scheduler or mapper bundle) and each copy has its H2 bundle removed: a
 * PostgreSQL portal does not need it. A person's session and its CSRF token, made on one node, are
 * good on the other, and signing out on either ends them on both.
 */
public class PortalTwoNodesTest {

    private static final int COMMANDS = 40;
    private static final int POLLERS_PER_NODE = 4;

    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(10)).build();

    record Agent(String id, String secret) {
        String authorization() {
            return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    public void twoNodesShareTheDatabaseAndHandOutEachCommandOnce() throws Exception {
        Path layout = Path.of(System.getProperty("printscout.portal.distribution"));
        try (Stream<Path> bundles = Files.list(layout.resolve("bundle"))) {
            List<String> agentSide = bundles.map(p -> p.getFileName().toString())
                    .filter(name -> name.matches("org\\.printscout\\.(snmp|wrap\\.snmp4j|discovery|scheduler|collector|inventory|mib\\..*|shell)-.*"))
                    .toList();
            assertEquals("the portal distribution carries the portal only", List.of(), agentSide);
        }
        try (TestPostgres database = TestPostgres.start();
             AgentHome one = node(database);
             AgentHome two = node(database)) {
            String urlOne = "http://" + one.ok("portal:address").strip();
            String urlTwo = "http://" + two.ok("portal:address").strip();
            one.ok("portal:dealer d1 Dealer");
            one.ok("portal:customer c1 d1 Acme");
            two.ok("portal:site s1 c1 HQ");

            // agents split between the nodes; a key made on one node is good on the other, once
            Agent first = activate(urlOne, two.ok("portal:key s1").strip());
            Agent second = activate(urlTwo, one.ok("portal:key s1").strip());
            for (String node : List.of(urlOne, urlTwo)) {
                for (Agent agent : List.of(first, second)) {
                    assertEquals(agent.id() + " at " + node, 200, get(node, agent, "config").statusCode());
                }
            }

            String reportOne = UUID.randomUUID().toString();
            String reportTwo = UUID.randomUUID().toString();
            assertEquals(201, upload(urlOne, first, reportOne).statusCode());
            assertEquals(201, upload(urlTwo, second, reportTwo).statusCode());
            assertEquals("a retry that reaches the other node is a duplicate", 200, upload(urlTwo, first, reportOne).statusCode());
            for (AgentHome node : List.of(one, two)) {
                String reports = node.ok("portal:reports");
                assertTrue(reports, reports.contains(reportOne) && reports.contains(reportTwo));
                assertEquals(reports, 2, reports.strip().split("\n").length);
            }

            for (int i = 0; i < COMMANDS; i++) {
                (i % 2 == 0 ? one : two).ok("portal:command " + first.id() + " 3");
            }
            List<Long> handedOut = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pollers = Executors.newFixedThreadPool(2 * POLLERS_PER_NODE);
            // all pollers send their first poll at once: each node reads the same queued commands and both race to mark them sent
            CountDownLatch ready = new CountDownLatch(2 * POLLERS_PER_NODE);
            try {
                List<Future<?>> polls = new ArrayList<>();
                for (int p = 0; p < 2 * POLLERS_PER_NODE; p++) {
                    String node = p % 2 == 0 ? urlOne : urlTwo;
                    polls.add(pollers.submit(() -> {
                        ready.countDown();
                        ready.await();
                        // each poller polls until a poll finds nothing left: bounded by the commands queued
                        for (int round = 0; round <= COMMANDS; round++) {
                            HttpResponse<String> answer = get(node, first, "commands");
                            assertEquals(answer.body(), 200, answer.statusCode());
                            List<Long> ids = new ArrayList<>();
                            for (JsonElement command : JsonParser.parseString(answer.body()).getAsJsonArray()) {
                                ids.add(command.getAsJsonObject().get("id").getAsLong());
                            }
                            if (ids.isEmpty()) {
                                return null;
                            }
                            handedOut.addAll(ids);
                        }
                        return null;
                    }));
                }
                for (Future<?> poll : polls) {
                    poll.get();
                }
            } finally {
                pollers.shutdownNow();
            }
            assertEquals("every command handed out once: " + handedOut, COMMANDS, handedOut.size());
            assertEquals("no command twice: " + handedOut, COMMANDS, handedOut.stream().distinct().count());
            String states = two.ok("portal:commands " + first.id());
            assertEquals(states, COMMANDS, states.lines().filter(line -> line.split("\t")[2].equals("sent")).count());
            assertEquals("the other agent got none", "[]", get(urlTwo, second, "commands").body());

            sessionsAreShared(one, urlOne, urlTwo, second);
        }
    }

    /**
     * A person signed in on one node is signed in on the other: the session and its CSRF token are
     * rows in the shared database, not memory of the node that made them. Each request names its
     * node's port explicitly, with the cookie copied by hand (a cookie jar would send it to both ports).
     */
    private void sessionsAreShared(AgentHome one, String urlOne, String urlTwo, Agent agent) throws Exception {
        one.ok("portal:user operator two-nodes-password admin d1 -");
        PortalBrowser onNodeOne = PortalBrowser.signedIn(urlOne, "operator", "two-nodes-password");
        String cookie = "printscout_session=" + onNodeOne.sessionCookie();
        String csrf = csrfOf(onNodeOne.get("/").body());

        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(urlTwo + "/")).header("Cookie", cookie));
        assertEquals("node two serves node one's session: " + page.body(), 200, page.statusCode());
        assertTrue(page.body(), page.body().contains("operator") && page.body().contains(agent.id()));

        HttpResponse<String> queued = send(HttpRequest.newBuilder(URI.create(urlTwo + "/commands")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + PortalBrowser.encode(csrf) + "&agent=" + agent.id() + "&code=2")));
        assertEquals("node one's CSRF token is good on node two: " + queued.body(), 303, queued.statusCode());
        String queue = one.ok("portal:commands " + agent.id());
        assertTrue("the command queued on node two: " + queue,
                queue.lines().anyMatch(line -> line.split("\t")[1].equals("2") && line.split("\t")[2].equals("queued")));

        HttpResponse<String> signedOut = send(HttpRequest.newBuilder(URI.create(urlTwo + "/signout")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + PortalBrowser.encode(csrf))));
        assertEquals(signedOut.body(), 303, signedOut.statusCode());
        HttpResponse<String> after = send(HttpRequest.newBuilder(URI.create(urlOne + "/")).header("Cookie", cookie));
        assertEquals("signed out on node two is signed out on node one", 303, after.statusCode());
        assertEquals("/signin", after.headers().firstValue("Location").orElse(""));
    }

    private static String csrfOf(String page) {
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertTrue("the page carries a CSRF token", token.find());
        return token.group(1);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A copy of the portal layout, without H2, on the shared PostgreSQL database, on a free loopback port. */
    private static AgentHome node(TestPostgres database) throws Exception {
        AgentHome home = AgentHome.copyOf(Path.of(System.getProperty("printscout.portal.distribution")));
        try (Stream<Path> bundles = Files.list(home.path().resolve("bundle"))) {
            List<Path> h2 = bundles.filter(p -> p.getFileName().toString().startsWith("h2-")).toList();
            assertEquals("the layout has one H2 bundle to remove: " + h2, 1, h2.size());
            Files.delete(h2.get(0));
        }
        Files.writeString(home.path().resolve("etc/org.printscout.portal.server.cfg"),
                "jdbcUrl = " + database.url("portal_test") + "\njdbcUser = portal\nbindAddress = 127.0.0.1\nport = 0\n");
        AgentHome.Run run = home.start();
        if (run.status() != 0) {
            throw new AssertionError("a portal node did not start: " + run.describe());
        }
        Await.until("the portal node listening", Duration.ofSeconds(60),
                () -> String.valueOf(home.answerOrNull("portal:address")).strip().matches("127\\.0\\.0\\.1:[0-9]+"),
                () -> home.answerOrNull("portal:address") + "\n" + log(home));
        // the servlets register on the whiteboard shortly after Jetty listens: an unauthenticated call is 401 once they are there
        URI probe = URI.create("http://" + home.ok("portal:address").strip() + "/api/v1/agents/nobody/config");
        HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        Await.until("the portal node's agent API", Duration.ofSeconds(30),
                () -> status(client, probe) == 401, () -> log(home));
        return home;
    }

    private static int status(HttpClient client, URI uri) {
        try {
            return client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String log(AgentHome home) {
        try {
            return Files.readString(home.path().resolve("data/log/printscout.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private Agent activate(String node, String key) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(node + "/api/v1/activate"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"activationKey\":\"" + key + "\",\"hostname\":\"node-test\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(response.body(), 200, response.statusCode());
        JsonObject answer = JsonParser.parseString(response.body()).getAsJsonObject();
        return new Agent(answer.get("agentId").getAsString(), answer.get("secret").getAsString());
    }

    private HttpResponse<String> get(String node, Agent agent, String resource) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(node + "/api/v1/agents/" + agent.id() + "/" + resource))
                .header("Authorization", agent.authorization()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> upload(String node, Agent agent, String reportId) throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><report xmlns=\"urn:printscout:report:1\" id=\"" + reportId
                + "\" agent=\"" + agent.id() + "\" site=\"s1\" kind=\"meter\" finished=\"2026-11-26T06:00:00Z\">"
                + "<device ip=\"10.1.0.5\" serial=\"SN-" + agent.id() + "\" readAt=\"2026-11-26T06:00:00Z\">"
                + "<meter name=\"total\">100</meter></device></report>";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("report.xml"));
            zip.write(xml.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return http.send(HttpRequest.newBuilder(URI.create(node + "/api/v1/agents/" + agent.id() + "/reports/" + reportId))
                .header("Authorization", agent.authorization()).header("Idempotency-Key", reportId)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
