package org.printscout.itest.remoteui;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.printscout.itest.Await;
import org.printscout.itest.PortalBrowser;

/**
 * The remote web UI's figures (docs/performance.md), on the whole chain of {@link RemoteUiSite}:
 * <ul>
 * <li>button to first byte: from the technician's POST of "Open web UI" to the first byte of the
 * printer's page through the relay (the session page polled every 50 ms until open, the ticket
 * traded for the relay's cookie, the printer's redirect followed), 5 times, with 20 other sessions open;</li>
 * <li>a 10 MB download from the printer through relay and tunnel, against the same download straight
 * from the printer's web server, 3 times each, with those 20 sessions open.</li>
 * </ul>
 * Run as root (sshd's AuthorizedKeysCommand), after {@code mvn -q install -DskipTests}:
 * <pre>
 * mvn -q -o -pl itest test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.printscout.itest.remoteui.RemoteUiBenchmark
 * </pre>
 */
public final class RemoteUiBenchmark {

    private static final int OPEN_SESSIONS = 20;
    private static final long DOWNLOAD = 10L * 1024 * 1024;
    private static final Pattern STATE = Pattern.compile("id=\"remote-state\" class=\"state-([a-z]+)\"");

    private RemoteUiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        for (Map.Entry<String, String> property : Map.of(
                "printscout.portal.distribution", "distribution/portal/target/printscout-portal",
                "printscout.distribution", "distribution/agent/target/printscout",
                "printscout.testdata", "../shared/testdata").entrySet()) {
            System.setProperty(property.getKey(), System.getProperty(property.getKey(), Path.of(property.getValue()).toAbsolutePath().toString()));
        }
        try (RemoteUiSite site = RemoteUiSite.start("127.85.0.", 600)) {
            // room on the agent for the sessions held open during the measurements
            java.nio.file.Files.writeString(site.agent.path().resolve("etc/org.printscout.remoteui.tunnels.cfg"), "maxSessions = 40\n");
            RemoteUiSite.awaitLog(site.agent, "remote UI: connected to the broker", 2);
            PortalBrowser tech = PortalBrowser.signedIn(site.base, RemoteUiSite.TECH, RemoteUiSite.TECH_PASSWORD);
            tech.get("/devices/" + site.deviceId);
            List<String> held = new ArrayList<>();
            for (int i = 0; i < OPEN_SESSIONS; i++) {
                held.add(open(tech, site).orElseThrow());
            }
            for (String session : held) {
                Await.until("session " + session + " open", Duration.ofSeconds(60), () -> "open".equals(state(tech, session)));
            }
            double[] firstByte = new double[5];
            HttpClient relay = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).followRedirects(HttpClient.Redirect.NEVER).build();
            String cookie = null;
            for (int i = 0; i < firstByte.length; i++) {
                long pressed = System.nanoTime();
                String session = open(tech, site).orElseThrow();
                while (!"open".equals(state(tech, session))) {
                    Thread.sleep(50);
                }
                HttpResponse<String> enter = tech.get("/remote-ui/" + session + "/enter");
                String ticketUrl = enter.headers().firstValue("Location").orElseThrow();
                HttpResponse<Void> entered = relay.send(HttpRequest.newBuilder(URI.create(ticketUrl)).build(), HttpResponse.BodyHandlers.discarding());
                cookie = entered.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
                HttpResponse<Void> root = relay.send(HttpRequest.newBuilder(URI.create(site.relay() + "/")).header("Cookie", cookie).build(),
                        HttpResponse.BodyHandlers.discarding());
                String page = root.headers().firstValue("Location").orElse("/");
                HttpResponse<InputStream> first = relay.send(HttpRequest.newBuilder(URI.create(site.relay() + page)).header("Cookie", cookie).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = first.body()) {
                    if (body.read() < 0 || first.statusCode() != 200) {
                        throw new AssertionError("no page through the relay: " + first.statusCode());
                    }
                }
                firstByte[i] = (System.nanoTime() - pressed) / 1e6;
            }
            // a WebSocket of the printer's page through the relay (JDK client with the relay's cookie)
            java.util.concurrent.CompletableFuture<String> echoed = new java.util.concurrent.CompletableFuture<>();
            java.net.http.WebSocket socket = relay.newWebSocketBuilder().header("Cookie", cookie)
                    .buildAsync(URI.create(site.relay().replace("http:", "ws:") + "/echo"), new java.net.http.WebSocket.Listener() {
                        @Override
                        public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
                            echoed.complete(data.toString());
                            return null;
                        }
                    }).get(20, java.util.concurrent.TimeUnit.SECONDS);
            long sent = System.nanoTime();
            socket.sendText("hello printer", true);
            System.out.printf("  WebSocket echo through the relay: '%s' in %.1f ms%n", echoed.get(20, java.util.concurrent.TimeUnit.SECONDS),
                    (System.nanoTime() - sent) / 1e6);
            double[] throughRelay = new double[3];
            double[] direct = new double[3];
            for (int i = 0; i < 3; i++) {
                throughRelay[i] = download(relay, site.relay() + "/download?" + DOWNLOAD, cookie);
                direct[i] = download(relay, "http://" + site.printer.address + ":" + site.printer.port + "/download?" + DOWNLOAD, null);
            }
            Arrays.sort(firstByte);
            Arrays.sort(throughRelay);
            Arrays.sort(direct);
            System.out.printf("remote UI, %d other sessions open (each its own SSH connection through sshd)%n", OPEN_SESSIONS);
            System.out.printf("  button to first byte of the printer's page: median %.0f ms (min %.0f, max %.0f) over %d%n",
                    firstByte[firstByte.length / 2], firstByte[0], firstByte[firstByte.length - 1], firstByte.length);
            System.out.printf("  10 MB download: relay + tunnel median %.1f MB/s (%.1f-%.1f), straight from the printer %.1f MB/s (%.1f-%.1f)%n",
                    throughRelay[1], throughRelay[0], throughRelay[2], direct[1], direct[0], direct[2]);
        }
    }

    private static Optional<String> open(PortalBrowser tech, RemoteUiSite site) throws Exception {
        HttpResponse<String> opened = tech.post("/remote-ui/open", Map.of("device", site.deviceId, "port", "80"));
        if (opened.statusCode() != 303) {
            throw new AssertionError("open answered " + opened.statusCode() + ": " + opened.body());
        }
        return Optional.of(opened.headers().firstValue("Location").orElseThrow().substring("/remote-ui/".length()));
    }

    private static String state(PortalBrowser tech, String session) {
        try {
            Matcher state = STATE.matcher(tech.get("/remote-ui/" + session).body());
            return state.find() ? state.group(1) : "";
        } catch (Exception e) {
            return "";
        }
    }

    /** MB/s of one download (the body read to the end). */
    private static double download(HttpClient client, String url, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        long start = System.nanoTime();
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream body = response.body()) {
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                bytes += n;
            }
        }
        if (response.statusCode() != 200 || bytes != DOWNLOAD) {
            throw new AssertionError(url + ": " + response.statusCode() + ", " + bytes + " bytes");
        }
        return bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
    }
}
