package org.printscout.web.internal;

import static org.printscout.web.internal.Html.esc;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.printscout.api.config.ConfigurationChecker;
import org.printscout.api.config.ConfigurationRefusedException;
import org.printscout.api.inventory.KnownDevice;
import org.printscout.api.model.Supply;
import org.printscout.api.schedule.ScanTrigger;

/**
 * The signed-in pages: status ({@code /}), the device list with supplies ({@code /devices}) and the
 * settings ({@code /settings}: the portal URL and activation key, and for a site configured locally its
 * ranges and an SNMP credential). Settings are checked against the metatype by the ConfigurationChecker
 * before anything is written; secrets are never shown back. {@code POST /scan} starts the meter scan now.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WebServletContext.SELECT)
@HttpWhiteboardServletPattern({"/", "/devices", "/settings", "/scan"})
@HttpWhiteboardServletName("printscout-web-pages")
public final class PageServlet extends HttpServlet {

    static final String UPLOAD_PID = "org.printscout.upload";
    static final String SITE_PID = "org.printscout.discovery.site~local";
    static final String PROFILE_PID = "org.printscout.snmp.profile~local";

    private static final long serialVersionUID = 1L;
    private final transient AgentFacts facts;
    private final transient ConfigurationAdmin configAdmin;
    private final transient ConfigurationChecker checker;
    private final transient Logger log;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile ScanTrigger scanTrigger;

    @Activate
    public PageServlet(@Reference AgentFacts facts, @Reference ConfigurationAdmin configAdmin, @Reference ConfigurationChecker checker,
                       @Reference(service = LoggerFactory.class) Logger log) {
        this.facts = facts;
        this.configAdmin = configAdmin;
        this.checker = checker;
        this.log = log;
    }

    private static Sessions.Session session(HttpServletRequest request) {
        return (Sessions.Session) request.getAttribute(WebGuardFilter.SESSION_ATTRIBUTE);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Sessions.Session session = session(request);
        if (session == null) {
            Html.text(response, 401, "sign in first");
            return;
        }
        switch (request.getServletPath()) {
            case "/devices" -> Html.page(response, 200, "Devices", true, session.csrfToken(), devices(facts.devices()));
            case "/settings" -> Html.page(response, 200, "Settings", true, session.csrfToken(), settings(session, null, null));
            default -> {
                if (!"/".equals(request.getRequestURI())) {
                    Html.text(response, 404, "no such page");
                    return;
                }
                Html.page(response, 200, "Status", true, session.csrfToken(), status(session));
            }
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Sessions.Session session = session(request);
        String path = request.getServletPath();
        if (session == null || !("/settings".equals(path) || "/scan".equals(path))) {
            Html.text(response, session == null ? 401 : 405, session == null ? "sign in first" : "only the settings and the scan take a form");
            return;
        }
        if (!Sessions.csrfMatches(session, request.getParameter("csrf"))) {
            Html.text(response, 403, "the form's CSRF token is missing or wrong; reload the page");
            return;
        }
        if ("/scan".equals(path)) {
            ScanTrigger trigger = scanTrigger;
            String outcome = trigger == null ? "no scheduler runs: the scan cannot start"
                    : trigger.startMeterScan() ? "the meter scan started" : "a scan is already running";
            log.info("local web UI: scan now from " + request.getRemoteAddr() + ": " + outcome);
            Html.page(response, trigger == null ? 503 : 200, "Status", true, session.csrfToken(),
                    "<p class=\"ok\" id=\"scan-outcome\">" + esc(outcome) + "</p>" + status(session));
            return;
        }
        String form = String.valueOf(request.getParameter("form"));
        Map<String, Object> values = new LinkedHashMap<>();
        String pid;
        switch (form) {
            case "portal" -> {
                pid = UPLOAD_PID;
                values.put("portalUrl", trimmed(request.getParameter("portalUrl")));
                values.put("activationKey", trimmed(request.getParameter("activationKey")));
            }
            case "site" -> {
                pid = SITE_PID;
                values.put("name", "local");
                // one entry a line (or comma-separated); an entry keeps its inner blanks ("# a comment")
                values.put("ranges", trimmed(request.getParameter("ranges")).replaceAll("\\s*[\\r\\n,]+\\s*", ",").replaceAll("^,|,$", ""));
                values.put("profile", "local");
                values.put("port", trimmed(request.getParameter("port")));
            }
            case "profile" -> {
                pid = PROFILE_PID;
                String version = trimmed(request.getParameter("version"));
                values.put("name", "local");
                values.put("version", version);
                if ("3".equals(version)) {
                    values.put("user", trimmed(request.getParameter("user")));
                    values.put("level", trimmed(request.getParameter("level")));
                    values.put("authProtocol", trimmed(request.getParameter("authProtocol")));
                    values.put("authPassphrase", String.valueOf(request.getParameter("authPassphrase")));
                    values.put("privProtocol", trimmed(request.getParameter("privProtocol")));
                    values.put("privPassphrase", String.valueOf(request.getParameter("privPassphrase")));
                } else {
                    values.put("community", String.valueOf(request.getParameter("community")));
                }
            }
            default -> {
                Html.text(response, 400, "unknown form '" + Html.printable(form) + "'");
                return;
            }
        }
        try {
            Map<String, Object> checked = checker.check(pid, values);
            apply(pid, checked);
            log.info("local web UI: " + form + " settings changed (" + String.join(", ", checked.keySet()) + ") from " + request.getRemoteAddr());
            Html.page(response, 200, "Settings", true, session.csrfToken(), settings(session, "saved: " + form, null));
        } catch (ConfigurationRefusedException e) {
            Html.page(response, 400, "Settings", true, session.csrfToken(), settings(session, null, e.getMessage()));
        }
    }

    private static String trimmed(String s) {
        return s == null ? "" : s.strip();
    }

    private void apply(String pid, Map<String, Object> checked) throws IOException {
        int tilde = pid.indexOf('~');
        Configuration c = tilde < 0 ? configAdmin.getConfiguration(pid, "?")
                : configAdmin.getFactoryConfiguration(pid.substring(0, tilde), pid.substring(tilde + 1), "?");
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        checked.forEach(props::put);
        c.update(props);
    }

    private Object current(String pid, String key) {
        try {
            int tilde = pid.indexOf('~');
            Configuration c = tilde < 0 ? configAdmin.getConfiguration(pid, "?")
                    : configAdmin.getFactoryConfiguration(pid.substring(0, tilde), pid.substring(tilde + 1), "?");
            Object v = c.getProperties() == null ? null : c.getProperties().get(key);
            if (v instanceof String[] a) {
                return String.join("\n", a);
            }
            return v == null ? "" : v;
        } catch (IOException e) {
            return "";
        }
    }

    private String status(Sessions.Session session) {
        List<KnownDevice> devices = facts.devices();
        long online = devices.stream().filter(KnownDevice::online).count();
        StringBuilder html = new StringBuilder();
        html.append("<form method=\"post\" action=\"/scan\" id=\"scan-form\"><input type=\"hidden\" name=\"csrf\" value=\"")
                .append(esc(session.csrfToken())).append("\"><button type=\"submit\">Scan now</button></form>");
        html.append("<table id=\"summary\"><tr><th>Version</th><td>").append(esc(facts.version())).append("</td></tr>")
                .append("<tr><th>Up for</th><td>").append(esc(facts.uptime().toMinutes())).append(" min</td></tr>")
                .append("<tr><th>Portal</th><td id=\"portal\">").append(facts.activated() ? "activated" : "not activated").append("</td></tr>")
                .append("<tr><th>Devices</th><td id=\"counts\">").append(devices.size()).append(" known, ").append(online).append(" online, ")
                .append(devices.size() - online).append(" offline</td></tr></table>");
        List<String> notActive = facts.bundlesNotActive();
        if (!notActive.isEmpty()) {
            html.append("<p class=\"error\">Not running: ").append(esc(String.join(", ", notActive))).append("</p>");
        }
        facts.sections().forEach((title, text) -> html.append("<h2>").append(esc(title)).append("</h2><pre>").append(esc(text)).append("</pre>"));
        return html.toString();
    }

    static String devices(List<KnownDevice> devices) {
        if (devices.isEmpty()) {
            return "<p class=\"muted\" id=\"none\">No devices yet: the first discovery scan runs at the configured time, or set a site's ranges "
                    + "in <a href=\"/settings\">Settings</a>.</p>";
        }
        StringBuilder html = new StringBuilder("<table id=\"devices\"><tr><th>Device</th><th>Address</th><th>Serial</th><th>State</th>"
                + "<th>Total pages</th><th>Supplies</th></tr>");
        for (KnownDevice d : devices) {
            String name = d.lastReading() == null ? d.id()
                    : (String.valueOf(d.lastReading().identity().manufacturer()) + " " + String.valueOf(d.lastReading().identity().model()))
                            .replace("null", "").strip();
            html.append("<tr><td>").append(esc(name.isEmpty() ? d.id() : name)).append("</td><td>").append(esc(d.address())).append("</td><td>")
                    .append(esc(d.serialNumber())).append("</td><td>").append(d.online() ? "online" : "offline").append("</td><td>");
            if (d.lastReading() != null) {
                d.lastReading().meter("total").ifPresent(m -> html.append(m.value()));
            }
            html.append("</td><td>");
            if (d.lastReading() != null) {
                for (Supply s : d.lastReading().supplies()) {
                    html.append("<div class=\"supply\">");
                    if (s.percent().isPresent()) {
                        html.append("<meter min=\"0\" max=\"100\" value=\"").append(Math.round(s.percent().getAsDouble())).append("\"></meter>");
                    }
                    html.append("<span>").append(esc(s.description())).append(": ").append(esc(AgentFacts.supplyLevel(s))).append("</span></div>");
                }
            }
            html.append("</td></tr>");
        }
        return html.append("</table>").toString();
    }

    private String settings(Sessions.Session session, String saved, String error) {
        String csrf = "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(session.csrfToken()) + "\">";
        StringBuilder html = new StringBuilder();
        if (saved != null) {
            html.append("<p class=\"ok\" id=\"saved\">").append(esc(saved)).append("</p>");
        }
        if (error != null) {
            html.append("<p class=\"error\" id=\"error\">").append(esc(error)).append("</p>");
        }
        html.append("<form method=\"post\" action=\"/settings\" class=\"card\" id=\"portal-form\">").append(csrf)
                .append("<input type=\"hidden\" name=\"form\" value=\"portal\"><h2>Portal</h2>")
                .append("<p class=\"muted\">The dealer's portal issues the activation key; the portal then sends this box its sites, "
                        + "ranges and SNMP profiles.</p>")
                .append("<label for=\"portalUrl\">Portal URL</label><input type=\"url\" id=\"portalUrl\" name=\"portalUrl\" value=\"")
                .append(esc(current(UPLOAD_PID, "portalUrl"))).append("\" placeholder=\"https://portal.example.com/\">")
                .append("<label for=\"activationKey\">Activation key</label>")
                .append("<input type=\"password\" id=\"activationKey\" name=\"activationKey\" autocomplete=\"off\" placeholder=\"")
                .append("".equals(current(UPLOAD_PID, "activationKey")) ? "ACT-..." : "(set; enter a new one to replace it)")
                .append("\"><button type=\"submit\">Save portal</button></form>");
        html.append("<form method=\"post\" action=\"/settings\" class=\"card\" id=\"site-form\">").append(csrf)
                .append("<input type=\"hidden\" name=\"form\" value=\"site\"><h2>Local site (without a portal)</h2>")
                .append("<label for=\"ranges\">Address ranges (one a line: 192.168.1.0/24, 10.0.0.5-10.0.0.80, printer.local, !10.0.0.9)</label>")
                .append("<textarea id=\"ranges\" name=\"ranges\" rows=\"4\">").append(esc(current(SITE_PID, "ranges"))).append("</textarea>")
                .append("<label for=\"port\">SNMP port</label><input type=\"text\" id=\"port\" name=\"port\" value=\"")
                .append(esc("".equals(current(SITE_PID, "port")) ? "161" : current(SITE_PID, "port"))).append("\">")
                .append("<button type=\"submit\">Save ranges</button></form>");
        html.append("<form method=\"post\" action=\"/settings\" class=\"card\" id=\"profile-form\">").append(csrf)
                .append("<input type=\"hidden\" name=\"form\" value=\"profile\"><h2>SNMP credential of the local site</h2>")
                .append("<label for=\"version\">Version</label><select id=\"version\" name=\"version\">")
                .append("<option value=\"2c\">v2c</option><option value=\"1\">v1</option><option value=\"3\">v3</option></select>")
                .append("<label for=\"community\">Community (v1/v2c)</label><input type=\"password\" id=\"community\" name=\"community\" autocomplete=\"off\">")
                .append("<label for=\"user\">User (v3)</label><input type=\"text\" id=\"user\" name=\"user\">")
                .append("<label for=\"level\">Security level (v3)</label><select id=\"level\" name=\"level\"><option>authPriv</option>")
                .append("<option>authNoPriv</option><option>noAuthNoPriv</option></select>")
                .append("<label for=\"authProtocol\">Authentication (v3)</label><select id=\"authProtocol\" name=\"authProtocol\"><option>SHA</option>")
                .append("<option>SHA-256</option><option>SHA-512</option><option>MD5</option></select>")
                .append("<label for=\"authPassphrase\">Authentication passphrase</label>")
                .append("<input type=\"password\" id=\"authPassphrase\" name=\"authPassphrase\" autocomplete=\"off\">")
                .append("<label for=\"privProtocol\">Privacy (v3)</label><select id=\"privProtocol\" name=\"privProtocol\"><option>AES</option>")
                .append("<option>AES-256</option><option>DES</option></select>")
                .append("<label for=\"privPassphrase\">Privacy passphrase</label>")
                .append("<input type=\"password\" id=\"privPassphrase\" name=\"privPassphrase\" autocomplete=\"off\">")
                .append("<button type=\"submit\">Save credential</button></form>");
        return html.toString();
    }
}
