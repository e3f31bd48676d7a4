package org.printscout.itest.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.After;
import org.junit.Test;
import org.printscout.itest.Await;
import org.printscout.itest.FixtureBundles;

/**
 * Issue 11 item 7 (last part) and item 9, against the assembled portal.
 *
 * <p>A handler that throws is answered, never a dropped connection: a servlet on the portal's
 * context (a fixture bundle dropped into {@code deploy/}) throws an OutOfMemoryError, a
 * StackOverflowError and a RuntimeException; the answers are 503, 503 and 500, each logged in the
 * portal's log. Deeply nested JSON (8 000 levels, 16 KB) to the activation endpoint, before any
 * sign-in, is a 400 naming the problem (it was a StackOverflowError and a dropped connection), and
 * so is the same body to an agent's config-status; the portal serves on.
 */
public class PortalFailureContainmentTest {

    private PortalUnderTest portal;

    @After
    public void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    public void anErrorOrAnExceptionInAHandlerIsLoggedAndAnswered() throws Exception {
        portal = PortalUnderTest.started("");
        FixtureBundles.drop(portal.home.path().resolve("deploy"), "throwing-servlet.jar",
                FixtureBundles.bundle("org.printscout.itest.throwing", "1.0.0", ThrowingServletActivator.class,
                        Map.of("Import-Package", "org.osgi.framework, jakarta.servlet, jakarta.servlet.http")));
        Await.until("the throwing servlet registered", Duration.ofSeconds(30), () -> {
            try {
                return get("/boom/bug").statusCode() == 500;
            } catch (Exception e) {
                return false;
            }
        });
        for (String[] expected : new String[][] {{"/boom/oom", "503", "OutOfMemoryError"}, {"/boom/stack", "503", "StackOverflowError"},
                {"/boom/bug", "500", "IllegalStateException"}}) {
            HttpResponse<String> response = get(expected[0]);
            System.out.println("GET " + expected[0] + " -> " + response.statusCode() + " " + response.body());
            assertEquals(expected[0] + ": " + response.body(), Integer.parseInt(expected[1]), response.statusCode());
            // the answer can reach the test before the log line reaches the file
            String line = "portal: GET " + expected[0] + " failed: java.lang." + expected[2];
            Await.until("the portal's log names " + expected[2], Duration.ofSeconds(10), () -> logContains(line));
        }
        assertTrue(get("/boom/oom").headers().firstValue("Retry-After").isPresent());
        assertEquals("the portal serves on (sends to the sign-in form)", 303, get("/").statusCode());
    }

    private boolean logContains(String line) {
        try {
            return portal.logText().contains(line);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    public void deeplyNestedJsonIsRefusedWith400BeforeSignIn() throws Exception {
        portal = PortalUnderTest.started("");
        String deep = "[".repeat(8000) + "]".repeat(8000);
        assertEquals(16_000, deep.length());
        HttpResponse<String> activation = post("/api/v1/activate", deep, null);
        System.out.println("8 000 nested arrays to /api/v1/activate -> " + activation.statusCode() + " " + activation.body());
        assertEquals(activation.body(), 400, activation.statusCode());
        assertTrue(activation.body(), activation.body().contains("nested deeper than 64 levels"));
        String deepObject = "{\"activationKey\":" + "{\"a\":".repeat(2000) + "1" + "}".repeat(2001);
        HttpResponse<String> objects = post("/api/v1/activate", deepObject, null);
        assertEquals(objects.body(), 400, objects.statusCode());

        PortalUnderTest.Agent agent = portal.activate();
        HttpResponse<String> status = post("/api/v1/agents/" + agent.id() + "/config-status", deep, agent.authorization());
        assertEquals(status.body(), 400, status.statusCode());
        assertTrue(status.body(), status.body().contains("nested deeper"));
        HttpResponse<String> shallow = post("/api/v1/activate", "{\"activationKey\":\"no-such-key\"}", null);
        assertEquals("the portal serves on: " + shallow.body(), 403, shallow.statusCode());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return portal.http.send(HttpRequest.newBuilder(URI.create(portal.url(path))).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(portal.url(path))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return portal.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
