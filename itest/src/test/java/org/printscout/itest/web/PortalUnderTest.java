package org.printscout.itest.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.printscout.itest.AgentHome;
import org.printscout.itest.Await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A copy of the assembled portal distribution in its own process, on a free loopback port chosen by
 * Jetty ({@code port = 0}), provisioned through Gogo: dealer d1, customer c1, site s1, user
 * {@value #USER} / {@value #PASSWORD} (admin). Also a raw HTTP/1.1 client that can use any
 * loopback source address (127.0.0.x), for tests of per-address throttling.
 */
final class PortalUnderTest implements AutoCloseable {

    static final String USER = "admin";
    static final String PASSWORD = "correct horse";

    final AgentHome home;
    final String address;
    final int port;
    final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(10)).build();

    private PortalUnderTest(AgentHome home, String address) {
        this.home = home;
        this.address = address;
        this.port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    /** Starts and provisions a portal on plain HTTP; {@code extraLines} go into its configuration. */
    static PortalUnderTest started(String extraLines) throws Exception {
        return started(extraLines, null);
    }

    /**
     * Starts and provisions a portal; {@code extraLines} go into its configuration (a key store, for
     * one), {@code tls} (null: plain HTTP) trusts its certificate for the check that it serves.
     */
    static PortalUnderTest started(String extraLines, javax.net.ssl.SSLContext tls) throws Exception {
        AgentHome home = AgentHome.copyOf(Path.of(System.getProperty("printscout.portal.distribution")));
        Files.writeString(home.path().resolve("etc/org.printscout.portal.server.cfg"),
                "jdbcUrl = jdbc:h2:./data/portal/portal\nbindAddress = 127.0.0.1\nport = 0\n" + extraLines);
        AgentHome.Run run = home.start();
        if (run.status() != 0) {
            throw new AssertionError("the portal did not start: " + run.describe());
        }
        Await.until("the portal listening", Duration.ofSeconds(60), () -> String.valueOf(home.answerOrNull("portal:address")).strip()
                .matches("127\\.0\\.0\\.1:[0-9]+"), () -> String.valueOf(home.answerOrNull("portal:address")));
        PortalUnderTest portal = new PortalUnderTest(home, home.ok("portal:address").strip());
        // the listener comes up before the whiteboard has registered every servlet: wait for the API and the sign-in form
        Await.until("the portal's servlets registered", Duration.ofSeconds(60), () -> portal.serving(tls), () -> "Jetty still answers 404 itself");
        portal.ok("portal:dealer d1 Dealer");
        portal.ok("portal:customer c1 d1 Acme");
        portal.ok("portal:site s1 c1 HQ");
        portal.ok("portal:user " + USER + " '" + PASSWORD + "' admin d1 -");
        return portal;
    }

    private org.printscout.itest.PortalBrowser person;

    /** The admin, signed in through the form once (a PBKDF2 check), then reused. */
    synchronized org.printscout.itest.PortalBrowser person() throws IOException, InterruptedException {
        if (person == null) {
            person = org.printscout.itest.PortalBrowser.signedIn(url(""), USER, PASSWORD);
        }
        return person;
    }

    private boolean serving(javax.net.ssl.SSLContext tls) {
        HttpClient probe = tls == null ? http
                : HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        String base = (tls == null ? "http://" : "https://") + address;
        try {
            HttpResponse<String> api = probe.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/activate")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> form = probe.send(HttpRequest.newBuilder(URI.create(base + "/signin")).build(), HttpResponse.BodyHandlers.ofString());
            return !api.headers().firstValue("Content-Type").orElse("text/html").startsWith("text/html") && form.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String ok(String command) {
        return home.ok(command);
    }

    String url(String path) {
        return "http://" + address + path;
    }

    Path log() {
        return home.path().resolve("data/log/printscout.log");
    }

    String logText() throws IOException {
        return Files.readString(log());
    }

    record Agent(String id, String secret) {
        String authorization() {
            return basic(id, secret);
        }
    }

    /** Activates a new agent for site s1 through the API. */
    Agent activate() throws Exception {
        String key = ok("portal:key s1").strip();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/activate")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"activationKey\":\"" + key + "\",\"hostname\":\"test-host\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("activation: " + response.statusCode() + " " + response.body());
        }
        JsonObject answer = JsonParser.parseString(response.body()).getAsJsonObject();
        return new Agent(answer.get("agentId").getAsString(), answer.get("secret").getAsString());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** An HTTP answer as read off the socket. */
    record Raw(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One request over a new connection from {@code source} (a loopback address), {@code Connection: close}. */
    Raw raw(String source, String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + address + "\r\nConnection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return parse(socket.getInputStream());
        }
    }

    static Raw parse(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        String text = bytes.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete HTTP answer: '" + text + "'");
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
    }

    @Override
    public void close() throws Exception {
        home.close();
    }
}
