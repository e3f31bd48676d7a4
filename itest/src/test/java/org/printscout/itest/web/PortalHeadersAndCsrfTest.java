package org.printscout.itest.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.After;
import org.junit.Test;

/**
 * Issue 11 item 12 and issue 12 items 2-3, against the assembled portal: the page cannot be framed (X-Frame-Options DENY,
 * CSP frame-ancestors 'none'), has a strict CSP (no 'unsafe-inline'), no Referer to other sites, no sniffing and is
 * never cached; over TLS every answer carries HSTS (plain HTTP does not). Every state-changing form
 * post needs the user's CSRF token: without it, or with another site's Origin, it is 403 and
 * nothing is queued; the browser's own post with the token from the page works.
 */
public class PortalHeadersAndCsrfTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"");

    private PortalUnderTest portal;

    @After
    public void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    public void thePageCannotBeFramedOrCachedAndFormPostsNeedTheCsrfToken() throws Exception {
        portal = PortalUnderTest.started("");
        PortalUnderTest.Agent agent = portal.activate();
        org.printscout.itest.PortalBrowser admin = portal.person();
        HttpResponse<String> page = admin.get("/");
        assertEquals(200, page.statusCode());
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        System.out.println("page Content-Security-Policy: " + policy);
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
        assertTrue(policy, policy.contains("frame-ancestors 'none'") && policy.contains("default-src 'none'"));
        assertFalse(policy, policy.contains("unsafe-inline") || policy.contains("script-src"));
        assertEquals("same-origin", page.headers().firstValue("Referrer-Policy").orElse(""));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
        assertFalse("no HSTS over plain HTTP", page.headers().firstValue("Strict-Transport-Security").isPresent());
        assertFalse("no inline style attribute (the CSP would block it)", page.body().contains("style=\""));
        Matcher token = CSRF.matcher(page.body());
        assertTrue("every form carries the token: " + page.body(), token.find());
        String csrf = token.group(1);
        HttpResponse<String> unauthenticated = portal.http.send(HttpRequest.newBuilder(URI.create(portal.url("/api/v1/agents/x/config"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("the agent API's answers carry the headers too", "DENY", unauthenticated.headers().firstValue("X-Frame-Options").orElse(""));

        String form = "agent=" + agent.id() + "&code=2&arguments=";
        HttpResponse<String> noToken = post(admin, form + "no-token", null);
        assertEquals(noToken.body(), 403, noToken.statusCode());
        assertTrue(noToken.body(), noToken.body().contains("CSRF token"));
        HttpResponse<String> wrongToken = post(admin, form + "wrong-token&csrf=" + csrf.substring(1) + "A", null);
        assertEquals(403, wrongToken.statusCode());
        HttpResponse<String> foreign = post(admin, form + "foreign&csrf=" + csrf, "https://evil.example");
        assertEquals(foreign.body(), 403, foreign.statusCode());
        HttpResponse<String> nullOrigin = post(admin, form + "null-origin&csrf=" + csrf, "null");
        assertEquals(403, nullOrigin.statusCode());
        PortalUnderTest.Raw crossSite = portal.raw("127.0.0.1", "POST", "/commands", Map.of("Cookie", "printscout_session=" + admin.sessionCookie(),
                "Content-Type", "application/x-www-form-urlencoded", "Sec-Fetch-Site", "cross-site"), (form + "fetch-site&csrf=" + csrf).getBytes());
        assertEquals(403, crossSite.status());
        assertEquals("nothing was queued by the refused posts", "", portal.ok("portal:commands " + agent.id()).strip());

        HttpResponse<String> own = post(admin, form + "with-token&csrf=" + csrf, "http://" + portal.address);
        assertEquals(own.body(), 303, own.statusCode());
        String commands = portal.ok("portal:commands " + agent.id());
        assertTrue(commands, commands.contains("with-token") && !commands.contains("no-token") && !commands.contains("foreign"));
        portal.ok("portal:user other 'other-pw-1234' admin d1 -");
        org.printscout.itest.PortalBrowser other = org.printscout.itest.PortalBrowser.signedIn(portal.url(""), "other", "other-pw-1234");
        HttpResponse<String> othersToken = post(other, form + "others-token&csrf=" + csrf, null);
        assertEquals("a token is per session", 403, othersToken.statusCode());
    }

    @Test
    public void overTlsEveryAnswerCarriesHsts() throws Exception {
        Path dir = Files.createTempDirectory("portal-tls");
        Path keyStore = dir.resolve("portal.p12");
        Path certificate = dir.resolve("portal.pem");
        keytool("-genkeypair", "-alias", "portal", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", "portal-pw", "-keypass", "portal-pw");
        keytool("-exportcert", "-rfc", "-alias", "portal", "-keystore", keyStore.toString(), "-storepass", "portal-pw", "-file", certificate.toString());
        portal = PortalUnderTest.started("keyStore = " + keyStore + "\nkeyStorePassword = portal-pw\n", trusting(certificate));
        HttpClient https = HttpClient.newBuilder().sslContext(trusting(certificate)).connectTimeout(Duration.ofSeconds(10)).build();
        for (String path : new String[] {"/", "/api/v1/activate"}) {
            HttpResponse<String> response = https.send(HttpRequest.newBuilder(URI.create("https://" + portal.address + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println("https " + path + " -> " + response.statusCode() + ", Strict-Transport-Security: "
                    + response.headers().firstValue("Strict-Transport-Security").orElse("(none)")
                    + ", TLS " + response.sslSession().map(s -> s.getProtocol()).orElse("?"));
            assertEquals("max-age=31536000", response.headers().firstValue("Strict-Transport-Security").orElse(""));
            assertTrue(response.sslSession().orElseThrow().getProtocol().matches("TLSv1\\.[23]"));
        }
        // the session cookie is Secure under TLS
        org.printscout.itest.PortalBrowser person = new org.printscout.itest.PortalBrowser("https://" + portal.address, trusting(certificate));
        HttpResponse<String> signedIn = person.signIn(PortalUnderTest.USER, PortalUnderTest.PASSWORD);
        assertEquals(signedIn.body(), 303, signedIn.statusCode());
        String cookie = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("printscout_session=")).findFirst().orElse("");
        assertTrue("Secure, HttpOnly, SameSite=Strict over TLS: " + cookie, cookie.contains("Secure") && cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Strict"));
        assertEquals(200, person.get("/").statusCode());
    }

    private HttpResponse<String> post(org.printscout.itest.PortalBrowser who, String form, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(portal.url("/commands")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return who.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void keytool(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("keytool failed: " + out);
        }
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("portal", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
