package org.printscout.upload.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

class PortalClientTest {

    @TempDir
    static Path certificates;
    static TestPortal.Certificates loopback;
    static TestPortal.Certificates otherHost;

    private TestPortal portal;
    private PortalClient client;

    @BeforeAll
    static void makeCertificates() throws Exception {
        loopback = TestPortal.Certificates.generate(certificates, "loopback", "ip:127.0.0.1,dns:localhost");
        otherHost = TestPortal.Certificates.generate(certificates, "other", "dns:portal.example.org");
    }

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        if (portal != null) {
            portal.close();
        }
    }

    private PortalClient client(String url, SSLContext tls, PortalClient.Proxy proxy) {
        client = new PortalClient(new PortalClient.Settings(URI.create(url), tls, proxy, 5, 5));
        return client;
    }

    private static SSLContext trusting(Path pem, Set<String> pins) throws Exception {
        return TlsTrust.context(pem, pins);
    }

    private static String fingerprint(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return TlsTrust.sha256((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
    }

    @Test
    void overHttpsWithTheTrustedCertificateActivationConfigAndUploadWork() throws Exception {
        portal = TestPortal.https(loopback.keyStore);
        PortalClient https = client(portal.url("https"), trusting(loopback.pem, Set.of()), null);

        PortalClient.Identity identity = https.activate(TestPortal.GOOD_KEY, "host-a");
        assertEquals(TestPortal.AGENT, identity.agentId());
        assertEquals("site-9", identity.siteId());
        assertTrue(!identity.toString().contains(TestPortal.SECRET), "the secret is never in toString");

        Optional<PortalClient.SiteConfig> config = https.siteConfig(identity, null);
        assertEquals("\"v1\"", config.orElseThrow().etag());
        assertEquals(Optional.empty(), https.siteConfig(identity, "\"v1\""), "unchanged: 304");
        assertEquals(1, portal.notModified.get());

        String id = "0b9c2a7e-1111-4222-8333-944455556666";
        assertEquals(PortalClient.UploadOutcome.STORED, https.upload(identity, id, new byte[] {1, 2, 3}));
        assertEquals(PortalClient.UploadOutcome.ALREADY_STORED, https.upload(identity, id, new byte[] {1, 2, 3}));
        assertEquals(1, portal.reports.size(), "the same id is stored once");
    }

    @Test
    void theJdkTrustStoreDoesNotTrustASelfSignedPortal() throws Exception {
        portal = TestPortal.https(loopback.keyStore);
        PortalClient https = client(portal.url("https"), TlsTrust.context(null, Set.of()), null);
        PortalException e = assertThrows(PortalException.class, () -> https.activate(TestPortal.GOOD_KEY, "h"));
        assertEquals(PortalException.Reason.UNREACHABLE, e.reason());
        assertTrue(e.getMessage().contains("certificate not trusted"), e.getMessage());
        assertTrue(portal.requestLines.isEmpty(), "no request got through");
    }

    @Test
    void aTrustedCertificateForAnotherHostNameIsRefused() throws Exception {
        portal = TestPortal.https(otherHost.keyStore);
        PortalClient https = client(portal.url("https"), trusting(otherHost.pem, Set.of()), null);
        PortalException e = assertThrows(PortalException.class, () -> https.activate(TestPortal.GOOD_KEY, "h"));
        assertEquals(PortalException.Reason.UNREACHABLE, e.reason());
        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
        assertTrue(portal.requestLines.isEmpty(), "no request got through: " + portal.requestLines);
    }

    @Test
    void aPinnedFingerprintMustMatch() throws Exception {
        portal = TestPortal.https(loopback.keyStore);
        String wrongPin = fingerprint(otherHost.pem);
        PortalClient wrong = client(portal.url("https"), trusting(loopback.pem, Set.of(wrongPin)), null);
        PortalException e = assertThrows(PortalException.class, () -> wrong.activate(TestPortal.GOOD_KEY, "h"));
        assertTrue(e.getMessage().contains("not one of the pinned"), e.getMessage());
        wrong.close();

        PortalClient right = client(portal.url("https"), trusting(loopback.pem, Set.of(fingerprint(loopback.pem))), null);
        assertEquals(TestPortal.AGENT, right.activate(TestPortal.GOOD_KEY, "h").agentId());
    }

    @Test
    void aWrongActivationKeySaysSo() throws Exception {
        portal = TestPortal.http();
        PortalClient http = client(portal.url("http"), TlsTrust.context(null, Set.of()), null);
        PortalException e = assertThrows(PortalException.class, () -> http.activate("ACT-WRONG", "h"));
        assertEquals(PortalException.Reason.KEY_REJECTED, e.reason());
        assertTrue(e.getMessage().contains("refused the activation key (HTTP 403: unknown activation key)"), e.getMessage());
    }

    @Test
    void anUnreachablePortalSaysSo() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        PortalClient http = client("https://127.0.0.1:" + closedPort + "/", TlsTrust.context(null, Set.of()), null);
        PortalException e = assertThrows(PortalException.class, () -> http.activate(TestPortal.GOOD_KEY, "h"));
        assertEquals(PortalException.Reason.UNREACHABLE, e.reason());
        assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
    }

    @Test
    void plainHttpOnlyWhenTheUrlSaysHttp() throws Exception {
        portal = TestPortal.http();
        PortalClient http = client(portal.url("http"), TlsTrust.context(null, Set.of()), null);
        assertEquals(TestPortal.AGENT, http.activate(TestPortal.GOOD_KEY, "h").agentId());
        http.close();
        // an https URL against a plain-HTTP server fails; it never falls back to plain HTTP
        PortalClient https = client(portal.url("https"), TlsTrust.context(null, Set.of()), null);
        PortalException e = assertThrows(PortalException.class, () -> https.activate(TestPortal.GOOD_KEY, "h"));
        assertEquals(PortalException.Reason.UNREACHABLE, e.reason());
        assertEquals(1, portal.requestLines.size(), "only the plain-HTTP request reached the server");
    }

    @Test
    void httpsGoesThroughAnAuthenticatingProxyWithCertificateAndHostChecksIntact() throws Exception {
        portal = TestPortal.https(loopback.keyStore);
        String expected = "Basic " + Base64.getEncoder().encodeToString("proxy-user:proxy-pw".getBytes(StandardCharsets.UTF_8));
        try (ConnectProxy proxy = new ConnectProxy(expected)) {
            PortalClient.Proxy settings = new PortalClient.Proxy("127.0.0.1", proxy.port(), "proxy-user", "proxy-pw".toCharArray());
            PortalClient viaProxy = client(portal.url("https"), trusting(loopback.pem, Set.of()), settings);
            assertEquals(TestPortal.AGENT, viaProxy.activate(TestPortal.GOOD_KEY, "h").agentId());
            assertTrue(proxy.requests.get(0).startsWith("CONNECT 127.0.0.1:" + portal.port()), proxy.requests.toString());
            assertTrue(proxy.requests.get(proxy.requests.size() - 1).endsWith("auth=true"), proxy.requests.toString());
            viaProxy.close();

            // through the proxy, an untrusted certificate is still refused
            PortalClient untrusting = client(portal.url("https"), TlsTrust.context(null, Set.of()), settings);
            PortalException e = assertThrows(PortalException.class, () -> untrusting.activate(TestPortal.GOOD_KEY, "h"));
            assertTrue(e.getMessage().contains("certificate not trusted"), e.getMessage());
        }
    }

    @Test
    void anAuthenticatingProxyIsUsedWithItsCredentials() throws Exception {
        portal = TestPortal.http();
        CopyOnWriteArrayList<String> seen = new CopyOnWriteArrayList<>();
        String expected = "Basic " + Base64.getEncoder().encodeToString("proxy-user:proxy-pw".getBytes(StandardCharsets.UTF_8));
        // A forward proxy for plain HTTP: it gets the absolute URI and forwards to the portal.
        HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> {
            try {
                URI target = exchange.getRequestURI();
                String auth = exchange.getRequestHeaders().getFirst("Proxy-Authorization");
                seen.add(target + " auth=" + (auth != null));
                if (!expected.equals(auth)) {
                    exchange.getResponseHeaders().set("Proxy-Authenticate", "Basic realm=\"proxy\"");
                    exchange.getRequestBody().readAllBytes();
                    TestPortal.send(exchange, 407, "proxy authentication required");
                    return;
                }
                java.net.http.HttpClient forward = java.net.http.HttpClient.newHttpClient();
                java.net.http.HttpResponse<byte[]> answer = forward.send(java.net.http.HttpRequest.newBuilder(target)
                        .method(exchange.getRequestMethod(), java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                                exchange.getRequestBody().readAllBytes()))
                        .header("Content-Type", "application/json").build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                exchange.getResponseBody().write(answer.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        proxy.start();
        try {
            PortalClient viaProxy = client(portal.url("http"), TlsTrust.context(null, Set.of()),
                    new PortalClient.Proxy("127.0.0.1", proxy.getAddress().getPort(), "proxy-user", "proxy-pw".toCharArray()));
            assertEquals(TestPortal.AGENT, viaProxy.activate(TestPortal.GOOD_KEY, "h").agentId());
            assertTrue(seen.get(0).startsWith("http://127.0.0.1:" + portal.port() + "/portal/api/v1/activate"), seen.toString());
            assertTrue(seen.get(seen.size() - 1).endsWith("auth=true"), seen.toString());
            assertEquals(1, portal.requestLines.size(), "the portal got the request once, through the proxy");
        } finally {
            proxy.stop(0);
        }
    }
}
