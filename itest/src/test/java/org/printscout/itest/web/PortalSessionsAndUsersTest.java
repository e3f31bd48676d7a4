package org.printscout.itest.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Test;
import org.printscout.itest.PortalBrowser;

import com.google.gson.JsonParser;

/**
 * Issue 12 items 2 and 4, against the assembled portal: people sign in with the form into a session
 * kept in the database (cookie HttpOnly, SameSite=Strict), sign out, and lose the session when idle
 * or too old; failed sign-ins are throttled (429 with Retry-After, a correct password during the wait
 * does not sign in); an admin creates users with a role and customers, resets a password (their
 * sessions end), a user changes their own; viewers only read, and a technician of one customer sees
 * nothing of another; every sign-in, failure and admin action is in the audit table.
 */
public class PortalSessionsAndUsersTest {

    private PortalUnderTest portal;

    @After
    public void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    public void formSignInSessionsRolesThrottleAndAudit() throws Exception {
        portal = PortalUnderTest.started("");
        portal.ok("portal:customer c2 d1 Globex");
        portal.ok("portal:site s2 c2 Plant");
        String agentOfAcme = portal.activate().id();
        String agentOfGlobex = activate("s2");
        String base = portal.url("");

        // --- signed out: pages send to the form, posts are refused ---
        PortalBrowser stranger = new PortalBrowser(base);
        HttpResponse<String> overview = stranger.get("/");
        assertEquals(303, overview.statusCode());
        assertEquals("/signin", overview.headers().firstValue("Location").orElse(""));
        assertEquals(403, stranger.post("/commands", Map.of("agent", agentOfAcme, "code", "2")).statusCode());

        // --- the form: the cookie's attributes, the overview, sign-out ---
        PortalBrowser admin = new PortalBrowser(base);
        admin.get("/signin");
        HttpResponse<String> signedIn = admin.post("/signin", Map.of("username", PortalUnderTest.USER, "password", PortalUnderTest.PASSWORD));
        assertEquals(signedIn.body(), 303, signedIn.statusCode());
        String setCookie = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("printscout_session=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + signedIn.headers().map()));
        System.out.println("session cookie attributes: " + setCookie.replaceAll("=[A-Za-z0-9_-]{43}", "=…"));
        assertTrue(setCookie, setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/"));
        assertFalse("no Secure over plain HTTP (the TLS case is PortalHeadersAndCsrfTest): " + setCookie, setCookie.contains("Secure"));
        HttpResponse<String> page = admin.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body(), page.body().contains(agentOfAcme) && page.body().contains(agentOfGlobex));
        // a post without the token, or with another session's token, changes nothing
        assertEquals(403, admin.postRaw("/commands", "agent=" + agentOfAcme + "&code=2").statusCode());
        assertEquals(403, admin.post("/commands", Map.of("csrf", "x".repeat(43), "agent", agentOfAcme, "code", "2")).statusCode());
        assertFalse(portal.ok("portal:commands " + agentOfAcme), portal.ok("portal:commands " + agentOfAcme).contains("queued"));

        // --- users: a viewer of Acme, a technician of Globex; a too-short password is refused ---
        admin.get("/users");
        HttpResponse<String> tooShort = admin.post("/users", Map.of("username", "vera", "password", "short", "role", "viewer"));
        assertEquals(400, tooShort.statusCode());
        assertTrue(tooShort.body(), tooShort.body().contains("at least 12 characters"));
        assertEquals(200, admin.postRaw("/users", "csrf=" + admin.csrf() + "&username=vera&password=" + PortalBrowser.encode("viewer password 1")
                + "&role=viewer&customer=c1").statusCode());
        assertEquals(200, admin.postRaw("/users", "csrf=" + admin.csrf() + "&username=tom&password=" + PortalBrowser.encode("technician pw 22")
                + "&role=technician&customer=c2").statusCode());
        HttpResponse<String> unknownCustomer = admin.postRaw("/users", "csrf=" + admin.csrf() + "&username=eve&password="
                + PortalBrowser.encode("a long password") + "&role=admin&customer=nobody");
        assertEquals(400, unknownCustomer.statusCode());
        HttpResponse<String> users = admin.get("/users");
        assertTrue(users.body(), users.body().contains("vera") && users.body().contains("tom") && !users.body().contains(">eve<"));

        PortalBrowser vera = PortalBrowser.signedIn(base, "vera", "viewer password 1");
        String veraPage = vera.get("/").body();
        assertTrue(veraPage, veraPage.contains(agentOfAcme));
        assertFalse("a viewer of Acme sees nothing of Globex: " + veraPage, veraPage.contains(agentOfGlobex) || veraPage.contains("Globex"));
        assertFalse("a viewer gets no command form", veraPage.contains("action=\"/commands\""));
        assertEquals(403, vera.post("/commands", Map.of("agent", agentOfAcme, "code", "2")).statusCode());
        assertEquals(403, vera.get("/users").statusCode());
        assertEquals(403, vera.get("/audit").statusCode());

        PortalBrowser tom = PortalBrowser.signedIn(base, "tom", "technician pw 22");
        String tomPage = tom.get("/").body();
        assertTrue(tomPage, tomPage.contains(agentOfGlobex) && !tomPage.contains(agentOfAcme));
        assertEquals("a technician of Globex cannot queue for Acme's agent", 400,
                tom.post("/commands", Map.of("agent", agentOfAcme, "code", "2")).statusCode());
        assertEquals(303, tom.post("/commands", Map.of("agent", agentOfGlobex, "code", "2", "arguments", "")).statusCode());
        assertTrue(portal.ok("portal:commands " + agentOfGlobex).contains("queued"));

        // --- an admin resets vera's password: her session ends; she changes it herself, with the current one ---
        admin.get("/users");
        assertEquals(200, admin.post("/users/vera/password", Map.of("password", "reset by the admin")).statusCode());
        assertEquals("vera's session ended with the reset", 303, vera.get("/").statusCode());
        PortalBrowser vera2 = PortalBrowser.signedIn(base, "vera", "reset by the admin");
        vera2.get("/account");
        assertEquals(403, vera2.post("/account/password", Map.of("current", "wrong current pw", "password", "vera's own password",
                "repeat", "vera's own password")).statusCode());
        assertEquals(200, vera2.post("/account/password", Map.of("current", "reset by the admin", "password", "vera's own password",
                "repeat", "vera's own password")).statusCode());
        assertEquals("the session that changed it stays", 200, vera2.get("/").statusCode());
        assertEquals(401, new PortalBrowser(base).signIn("vera", "reset by the admin").statusCode());
        PortalBrowser.signedIn(base, "vera", "vera's own password");
        // an admin cannot lock themselves out
        admin.get("/users");
        assertEquals(400, admin.post("/users/" + PortalUnderTest.USER + "/access", Map.of("role", "viewer")).statusCode());
        assertEquals(400, admin.post("/users/" + PortalUnderTest.USER + "/delete", Map.of()).statusCode());
        // one's own password only at /account, with the current one: a stolen admin session cannot take the account
        assertEquals(400, admin.post("/users/" + PortalUnderTest.USER + "/password", Map.of("password", "taken over by a thief")).statusCode());
        assertEquals("the admin's own password is unchanged", 303, rawSignIn("127.0.0.12", PortalUnderTest.USER, PortalUnderTest.PASSWORD).status());
        // a name of dots (a path segment the browser resolves away) and one that differs from a user's only in case are refused
        assertEquals(400, admin.post("/users", Map.of("username", "..", "password", "a long password", "role", "admin")).statusCode());
        assertEquals(409, admin.post("/users", Map.of("username", "ADMIN", "password", "a long password", "role", "viewer")).statusCode());

        // --- sign-out: the old cookie no longer signs in ---
        String token = tom.sessionCookie();
        tom.get("/");
        assertEquals(303, tom.post("/signout", Map.of()).statusCode());
        PortalBrowser replay = new PortalBrowser(base);
        replay.cookies.getCookieStore().add(URI.create(base + "/"), cookie(token));
        assertEquals("a signed-out session's cookie is worth nothing", 303, replay.get("/").statusCode());

        // --- throttling (from an address of its own, 127.0.0.9, so this test's other sign-ins are not throttled with it):
        //     five failures, then 429 with Retry-After, and the right password during the wait does not sign in ---
        for (int i = 0; i < 5; i++) {
            assertEquals(401, rawSignIn("127.0.0.9", "tom", "wrong guess " + i).status());
        }
        PortalUnderTest.Raw throttled = rawSignIn("127.0.0.9", "tom", "technician pw 22");
        assertEquals(throttled.body(), 429, throttled.status());
        assertTrue(throttled.headers().toString(), Integer.parseInt(throttled.header("Retry-After")) >= 1);
        assertTrue("no session during the wait: " + throttled.headers(), throttled.header("Set-Cookie") == null
                || !throttled.header("Set-Cookie").contains("printscout_session="));

        // --- the audit table ---
        String audit = admin.get("/audit").body();
        for (String action : List.of("sign-in", "sign-in-failed", "sign-out", "user-created", "password-reset", "password-changed",
                "command-queued")) {
            assertTrue(action + " is audited:\n" + audit, audit.contains("<td>" + action + "</td>"));
        }

        // --- timeouts (shortened): idle 8 s, absolute 12 s ---
        Files.writeString(portal.home.path().resolve("etc/org.printscout.portal.sessions.cfg"), "idleSeconds = 8\nabsoluteSeconds = 12\n");
        boolean idleEnded = false;
        for (int attempt = 0; attempt < 4 && !idleEnded; attempt++) { // FileInstall applies the file within a few seconds
            PortalBrowser idle = PortalBrowser.signedIn(base, "vera", "vera's own password");
            Thread.sleep(9_000);
            idleEnded = idle.get("/").statusCode() == 303;
        }
        assertTrue("a session idle for 9 s ends (idle timeout 8 s)", idleEnded);
        PortalBrowser busy = PortalBrowser.signedIn(base, "vera", "vera's own password");
        long start = System.nanoTime();
        int status = 200;
        while (status == 200 && System.nanoTime() - start < Duration.ofSeconds(30).toNanos()) {
            Thread.sleep(2_000);
            status = busy.get("/").statusCode();
        }
        long lasted = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        System.out.println("a session used every 2 s ended after " + lasted + " s (absolute timeout 12 s)");
        assertEquals(303, status);
        assertTrue("ended by the absolute timeout, not the idle one: " + lasted + " s", lasted >= 10 && lasted <= 16);
    }

    /** The form's sign-in over a raw connection from {@code source}: GET the form (its cookie and token), POST it. */
    private PortalUnderTest.Raw rawSignIn(String source, String user, String password) throws Exception {
        PortalUnderTest.Raw form = portal.raw(source, "GET", "/signin", Map.of(), null);
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertTrue(form.body(), token.find());
        byte[] body = ("csrf=" + token.group(1) + "&username=" + PortalBrowser.encode(user) + "&password=" + PortalBrowser.encode(password))
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return portal.raw(source, "POST", "/signin", Map.of("Cookie", "printscout_signin=" + token.group(1),
                "Content-Type", "application/x-www-form-urlencoded"), body);
    }

    private String activate(String site) throws Exception {
        String key = portal.ok("portal:key " + site).strip();
        HttpResponse<String> response = portal.http.send(HttpRequest.newBuilder(URI.create(portal.url("/api/v1/activate")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"activationKey\":\"" + key + "\",\"hostname\":\"plant-pc\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(response.body(), 200, response.statusCode());
        return JsonParser.parseString(response.body()).getAsJsonObject().get("agentId").getAsString();
    }

    private static java.net.HttpCookie cookie(String token) {
        java.net.HttpCookie cookie = new java.net.HttpCookie("printscout_session", token);
        cookie.setPath("/");
        cookie.setVersion(0);
        return cookie;
    }
}
