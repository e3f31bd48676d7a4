package org.printscout.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import org.printscout.api.inventory.KnownDevice;
import org.printscout.api.model.DeviceIdentity;
import org.printscout.api.model.Supply;

import com.google.gson.Gson;

/**
 * The JSON API behind the pages ({@code /api/status}, {@code /api/devices}), for a signed-in browser or a
 * script with the administrator password by HTTP Basic (checked and throttled by {@link WebGuardFilter}).
 * Read-only; no credential, community or key is ever part of an answer.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WebServletContext.SELECT)
@HttpWhiteboardServletPattern("/api/*")
@HttpWhiteboardServletName("printscout-web-api")
public final class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient AgentFacts facts;

    @Activate
    public ApiServlet(@Reference AgentFacts facts) {
        this.facts = facts;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object body;
        switch (String.valueOf(request.getPathInfo())) {
            case "/status" -> body = status(facts);
            case "/devices" -> body = devices(facts.devices());
            default -> {
                Html.text(response, 404, "no such API: /api" + Html.printable(String.valueOf(request.getPathInfo())) + " (try /api/status, /api/devices)");
                return;
            }
        }
        response.setContentType("application/json;charset=utf-8");
        response.getOutputStream().write(new Gson().toJson(body).getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, Object> status(AgentFacts facts) {
        List<KnownDevice> devices = facts.devices();
        long online = devices.stream().filter(KnownDevice::online).count();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", facts.version());
        out.put("uptimeSeconds", facts.uptime().toSeconds());
        out.put("activated", facts.activated());
        out.put("devices", Map.of("known", devices.size(), "online", online, "offline", devices.size() - online));
        out.put("sections", facts.sections());
        return out;
    }

    static List<Map<String, Object>> devices(List<KnownDevice> devices) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (KnownDevice d : devices) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("address", d.address());
            m.put("port", d.port());
            m.put("online", d.online());
            m.put("site", d.site());
            m.put("lastSeen", d.lastSeen() == null ? null : d.lastSeen().toString());
            m.put("serialNumber", d.serialNumber());
            if (d.lastReading() != null) {
                DeviceIdentity id = d.lastReading().identity();
                m.put("manufacturer", id.manufacturer());
                m.put("model", id.model());
                d.lastReading().meter("total").ifPresent(meter -> m.put("totalPages", meter.value()));
                List<Map<String, Object>> supplies = new ArrayList<>();
                for (Supply s : d.lastReading().supplies()) {
                    Map<String, Object> sm = new LinkedHashMap<>();
                    sm.put("description", s.description());
                    sm.put("colorant", s.colorant());
                    sm.put("level", AgentFacts.supplyLevel(s));
                    s.percent().ifPresent(p -> sm.put("percent", Math.round(p)));
                    supplies.add(sm);
                }
                m.put("supplies", supplies);
            }
            out.add(m);
        }
        return out;
    }
}
