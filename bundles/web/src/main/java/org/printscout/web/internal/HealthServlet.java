package org.printscout.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.google.gson.Gson;

/**
 * {@code GET /health} for a monitoring check, without sign-in: 200 and {@code "status":"up"} when every
 * bundle runs, 503 and the names of those that do not otherwise. Nothing secret, no device data.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WebServletContext.SELECT)
@HttpWhiteboardServletPattern("/health")
@HttpWhiteboardServletName("printscout-web-health")
public final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient AgentFacts facts;

    @Activate
    public HealthServlet(@Reference AgentFacts facts) {
        this.facts = facts;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<String> notActive = facts.bundlesNotActive();
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", notActive.isEmpty() ? "up" : "degraded");
        health.put("version", facts.version());
        health.put("uptimeSeconds", facts.uptime().toSeconds());
        health.put("activated", facts.activated());
        health.put("bundlesNotActive", notActive);
        response.setStatus(notActive.isEmpty() ? 200 : 503);
        response.setContentType("application/json;charset=utf-8");
        response.getOutputStream().write(new Gson().toJson(health).getBytes(StandardCharsets.UTF_8));
    }
}
