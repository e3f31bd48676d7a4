package org.printscout.itest.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.After;
import org.junit.Test;

import com.google.gson.JsonObject;

/**
 * The agents' verdict on their site configuration ({@code POST /api/v1/agents/{id}/config-status}),
 * against the assembled portal: 204, the latest per agent kept; a refused configuration and its
 * reason are shown on the page's agents table and by {@code portal:agents}; an applied one replaces
 * it; a malformed body or a too long reason is 400, another agent's path 403.
 */
public class PortalConfigStatusTest {

    private PortalUnderTest portal;

    @After
    public void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    public void aRefusedConfigurationAndItsReasonAreShownUntilOneIsApplied() throws Exception {
        portal = PortalUnderTest.started("");
        PortalUnderTest.Agent agent = portal.activate();
        PortalUnderTest.Agent other = portal.activate();
        String reason = "org.printscout.discovery.site~hq: key 'ranges': 0.0.0.0/0 is not a private range <b>";
        HttpResponse<String> refused = status(agent, agent.id(), body("\"0123456789abcdef\"", false, reason));
        assertEquals(refused.body(), 204, refused.statusCode());

        String agents = portal.ok("portal:agents");
        System.out.println("portal:agents\n" + agents);
        String line = agents.lines().filter(l -> l.startsWith(agent.id())).findFirst().orElseThrow();
        assertTrue(line, line.contains("\ts1\t") && line.contains("config: REFUSED \"0123456789abcdef\"") && line.contains(reason));
        assertTrue(agents, agents.lines().anyMatch(l -> l.startsWith(other.id()) && l.contains("config: not reported")));
        String page = page();
        assertTrue(page, page.contains("<strong class=\"refused\">refused</strong>"));
        assertTrue("the reason, escaped: " + page, page.contains("is not a private range &lt;b&gt;"));

        assertEquals(204, status(agent, agent.id(), body("\"fedcba9876543210\"", true, "")).statusCode());
        line = portal.ok("portal:agents").lines().filter(l -> l.startsWith(agent.id())).findFirst().orElseThrow();
        assertTrue(line, line.contains("config: applied \"fedcba9876543210\""));
        assertFalse(page(), page().contains("class=\"refused\""));

        assertEquals(400, status(agent, agent.id(), body("\"e\"", false, "x".repeat(2001))).statusCode());
        assertEquals(400, status(agent, agent.id(), "{\"etag\":\"e\",\"applied\":\"yes\"}").statusCode());
        assertEquals(400, status(agent, agent.id(), "{\"applied\":true}").statusCode());
        assertEquals(204, status(agent, agent.id(), body("\"e\"", false, "y".repeat(2000))).statusCode());
        assertEquals("an agent may not report for another", 403, status(agent, other.id(), body("\"e\"", true, "")).statusCode());
        assertEquals(401, status(new PortalUnderTest.Agent(agent.id(), "wrong"), agent.id(), body("\"e\"", true, "")).statusCode());
    }

    /** A config-status body; the ETag as the agent got it in the header, quotes included. */
    private static String body(String etag, boolean applied, String reason) {
        JsonObject body = new JsonObject();
        body.addProperty("etag", etag);
        body.addProperty("applied", applied);
        body.addProperty("reason", reason);
        return body.toString();
    }

    private HttpResponse<String> status(PortalUnderTest.Agent as, String pathAgent, String json) throws Exception {
        return portal.http.send(HttpRequest.newBuilder(URI.create(portal.url("/api/v1/agents/" + pathAgent + "/config-status")))
                .header("Authorization", as.authorization()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String page() throws Exception {
        return portal.person().get("/").body();
    }
}
