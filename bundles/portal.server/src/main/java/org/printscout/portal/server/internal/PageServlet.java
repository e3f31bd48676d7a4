package org.printscout.portal.server.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The overview page: customers (with the remote web UI switch for admins), agents with their last
 * contact and their verdict on the site configuration, devices (status, last total meter, supply
 * bars, a small chart of the total meter) and the command queue with its form; and the files agents
 * sent back with commands. What a user sees is scoped by {@link UserStore#SCOPE}; viewers only read.
 * Requests go through {@link Sessions#serve} (signed in, CSRF token on every post); HTML comes from
 * {@link Templates}. Every page is sent with {@link #PAGE_POLICY}: no script at all, styles only from
 * the portal's own stylesheet.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalServletContext.SELECT)
@HttpWhiteboardServletPattern("/")
@HttpWhiteboardServletName("printscout-page")
@HttpWhiteboardServletAsyncSupported
public final class PageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Pattern REMOTE_UI = Pattern.compile("/customers/([A-Za-z0-9._-]{1,64})/remote-ui");
    private static final Pattern COMMAND_FILE = Pattern.compile("/commands/([0-9]{1,18})/file");

    /** The pages' policy: no script, styles and images only from the portal itself, forms only to itself, never framed. */
    static final String PAGE_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /** What the layout needs to know of the signed-in user. */
    public record Viewer(String name, String role, boolean admin, boolean manager, boolean mayQueue) {
    }

    /** A customer row. */
    public record CustomerView(String id, String name, boolean remoteUiAllowed) {
    }

    /** The customers a user sees, for a template. */
    static List<CustomerView> customerViews(List<TenancyStore.CustomerRow> rows) {
        return rows.stream().map(c -> new CustomerView(c.id(), c.name(), c.remoteUiAllowed())).toList();
    }

    /** An agent row. */
    public record AgentView(String agentId, String customerName, String siteName, String hostname, String lastContact, String configState,
                            String configWhen, String configReason) {
    }

    /** A supply: a bar (percent 0..100) or, for a level without a number, its meaning in words. */
    public record SupplyView(int percent, long barWidth, String levelText, String description, String forecast) {
    }

    /** A device row. */
    public record DeviceView(String siteName, String make, String model, String ip, String serial, String status, String lastSeen, String total,
                             List<SupplyView> supplies, String chartPoints, long id) {
    }

    /** A command row; {@code fileBytes} is -1 without a file. */
    public record CommandView(long id, String agentId, String name, String arguments, String state, String result, long fileBytes) {
    }

    /** A command the form offers. */
    public record SeedView(int code, String name) {
    }

    private final transient Sessions sessions;
    private final transient Templates templates;
    private final transient TenancyStore tenancy;
    private final transient CommandStore commandStore;
    private final transient ReadModels readModels;
    private final transient UserStore users;
    private final transient AuditLog audit;

    @Activate
    public PageServlet(@Reference PortalComponent portal, @Reference Sessions sessions, @Reference Templates templates) {
        this(sessions, templates, portal.tenancyStore(), portal.commandStore(), portal.readModels(), portal.userStore(), portal.auditLog());
    }

    PageServlet(Sessions sessions, Templates templates, TenancyStore tenancy, CommandStore commandStore, ReadModels readModels, UserStore users,
                AuditLog audit) {
        this.sessions = sessions;
        this.templates = templates;
        this.tenancy = tenancy;
        this.commandStore = commandStore;
        this.readModels = readModels;
        this.users = users;
        this.audit = audit;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        sessions.serve(request, response, this::get, this::post);
    }

    /** An admin who sees all of the dealer's customers: manages users and reads the audit table. */
    static boolean manager(UserStore.User user) {
        return user.role() == UserStore.Role.ADMIN && user.allCustomers();
    }

    /** The model every page's layout needs: the viewer and the session's CSRF token. */
    static Map<String, Object> frame(SessionStore.Session session) {
        UserStore.User user = session.user();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("viewer", new Viewer(user.username(), user.role().name().toLowerCase(Locale.ROOT), user.role() == UserStore.Role.ADMIN,
                manager(user), user.role() != UserStore.Role.VIEWER));
        model.put("csrf", session.csrf());
        return model;
    }

    /** Sends a rendered page with the pages' Content-Security-Policy. */
    static void html(HttpServletResponse response, int status, String html) throws IOException {
        response.setHeader("Content-Security-Policy", PAGE_POLICY);
        Http.send(response, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    private void get(Exchange exchange, SessionStore.Session session, Form form) throws Exception {
        UserStore.User user = session.user();
        String path = exchange.request.getRequestURI();
        Matcher file = COMMAND_FILE.matcher(path);
        if (file.matches()) {
            Optional<byte[]> zip = commandStore.commandFile(user, Long.parseLong(file.group(1)));
            if (zip.isEmpty()) {
                exchange.text(404, "no such file");
            } else {
                exchange.response.setHeader("Content-Disposition", "attachment; filename=\"command-" + file.group(1) + ".zip\"");
                Http.send(exchange.response, 200, "application/zip", zip.get());
            }
        } else if (path.equals("/")) {
            html(exchange.response, 200, templates.render("overview.ftlh", overview(session)));
        } else {
            exchange.text(404, "no such page");
        }
    }

    private void post(Exchange exchange, SessionStore.Session session, Form form) throws Exception {
        String path = exchange.request.getRequestURI();
        Matcher remoteUi = REMOTE_UI.matcher(path);
        if (path.equals("/commands")) {
            queue(exchange, session.user(), form);
        } else if (remoteUi.matches()) {
            switchRemoteUi(exchange, session.user(), remoteUi.group(1), form);
        } else {
            exchange.text(404, "no such form");
        }
    }

    private void switchRemoteUi(Exchange exchange, UserStore.User user, String customerId, Form form) throws Exception {
        if (user.role() != UserStore.Role.ADMIN) {
            exchange.text(403, "only an admin may change a customer's remote web UI setting");
            return;
        }
        String allowed = form.get("allowed");
        if (!allowed.equals("true") && !allowed.equals("false")) {
            exchange.text(400, "allowed must be true or false");
            return;
        }
        if (!tenancy.setRemoteUiAllowed(user, customerId, allowed.equals("true"))) {
            exchange.text(404, "no such customer");
            return;
        }
        audit.record(user.dealerId(), user.username(), Http.clientAddress(exchange.request), AuditLog.Action.REMOTE_UI_SWITCHED, customerId,
                allowed.equals("true") ? "allowed" : "forbidden");
        SignInServlet.redirect(exchange.response, "/");
    }

    private void queue(Exchange exchange, UserStore.User user, Form form) throws Exception {
        if (user.role() == UserStore.Role.VIEWER) {
            exchange.text(403, "viewers may not queue commands");
            return;
        }
        String agent = form.get("agent");
        int code;
        try {
            code = Integer.parseInt(form.get("code"));
        } catch (NumberFormatException e) {
            code = -1;
        }
        if (!CommandCodes.valid(code) || !users.mayAccessAgent(user, agent)) {
            exchange.text(400, "unknown agent or malformed command code");
            return;
        }
        String arguments = form.get("arguments");
        long id = commandStore.enqueueCommand(agent, code, arguments);
        audit.record(user.dealerId(), user.username(), Http.clientAddress(exchange.request), AuditLog.Action.COMMAND_QUEUED, agent,
                "#" + id + " " + CommandCodes.name(code) + (arguments.isEmpty() ? "" : " " + arguments));
        SignInServlet.redirect(exchange.response, "/");
    }

    private Map<String, Object> overview(SessionStore.Session session) throws Exception {
        UserStore.User user = session.user();
        Map<String, Object> model = frame(session);
        model.put("customers", customerViews(tenancy.customers(user)));
        List<ReadModels.AgentRow> agentRows = readModels.agents(user);
        List<AgentView> agents = new ArrayList<>();
        for (ReadModels.AgentRow agent : agentRows) {
            Optional<TenancyStore.ConfigStatus> status = tenancy.configStatus(agent.agentId());
            agents.add(new AgentView(agent.agentId(), agent.customerName(), agent.siteName(), agent.hostname() == null ? "" : agent.hostname(),
                    agent.lastContact() == null ? "never" : ago(agent.lastContact()),
                    status.isEmpty() ? "none" : status.get().applied() ? "applied" : "refused",
                    status.map(s -> ago(s.reported())).orElse(""), status.map(TenancyStore.ConfigStatus::reason).orElse("")));
        }
        model.put("agents", agents);
        List<DeviceView> devices = new ArrayList<>();
        for (ReadModels.DeviceRow device : readModels.devices(user)) {
            List<SupplyView> supplies = new ArrayList<>();
            for (ReadModels.SupplyRow supply : device.supplies()) {
                int percent = supply.percent();
                supplies.add(new SupplyView(percent, percent >= 0 ? Math.round(80 * percent / 100.0) : 0,
                        supply.level() == -3 ? "some remaining" : supply.level() == -2 ? "unknown" : "other", text(supply.description()),
                        forecastText(supply.forecast())));
            }
            devices.add(new DeviceView(text(device.siteName()), text(device.make()), text(device.model()), text(device.ip()), text(device.serial()),
                    text(device.status()), ago(device.lastSeen()), device.total() == null ? "–" : String.format(Locale.US, "%,d", device.total()),
                    supplies, chartPoints(readModels.totalHistory(device.id())), device.id()));
        }
        model.put("devices", devices);
        List<CommandView> commands = new ArrayList<>();
        for (ReadModels.AgentRow agent : agentRows) {
            for (CommandStore.Command command : commandStore.commands(agent.agentId(), false)) {
                commands.add(new CommandView(command.id(), command.agentId(), CommandCodes.name(command.code()), text(command.arguments()),
                        text(command.state()), text(command.result()), commandStore.commandFileSize(command.id()).orElse(-1L)));
            }
        }
        model.put("commands", commands);
        List<SeedView> seeds = new ArrayList<>();
        CommandCodes.seed().forEach((code, name) -> seeds.add(new SeedView(code, name)));
        model.put("seedCommands", seeds);
        return model;
    }

    /** The run-out forecast in words: when it runs out, or why there is no date. */
    static String forecastText(RunOutForecast.Forecast forecast) {
        switch (forecast.kind()) {
            case RUNS_OUT:
                long days = forecast.wholeDays();
                return (days == 0 ? "runs out within a day" : "runs out in about " + days + (days == 1 ? " day" : " days")) + " ("
                        + forecast.emptyAt().atZone(java.time.ZoneOffset.UTC).toLocalDate() + ")";
            case EMPTY:
                return "empty";
            case NOT_ENOUGH_HISTORY:
                return "no forecast yet: not enough history since the last refill";
            case NOT_DRAINING:
                return "no use seen recently";
            default:
                return "";
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** The points of an SVG polyline of the total meter over time (120×30); empty for fewer than two readings. */
    static String chartPoints(List<ReadModels.MeterPoint> points) {
        if (points.size() < 2) {
            return "";
        }
        long t0 = points.get(0).at().getEpochSecond();
        long t1 = Math.max(t0 + 1, points.get(points.size() - 1).at().getEpochSecond());
        long v0 = points.stream().mapToLong(ReadModels.MeterPoint::value).min().orElse(0);
        long v1 = Math.max(v0 + 1, points.stream().mapToLong(ReadModels.MeterPoint::value).max().orElse(1));
        StringBuilder svg = new StringBuilder();
        for (ReadModels.MeterPoint point : points) {
            double x = 118.0 * (point.at().getEpochSecond() - t0) / (t1 - t0) + 1;
            double y = 29 - 28.0 * (point.value() - v0) / (v1 - v0);
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return svg.toString().strip();
    }

    static String ago(Instant instant) {
        Duration since = Duration.between(instant, Instant.now());
        if (since.toMinutes() < 2) {
            return "just now";
        }
        if (since.toHours() < 2) {
            return since.toMinutes() + " min ago";
        }
        if (since.toDays() < 2) {
            return since.toHours() + " h ago";
        }
        return since.toDays() + " days ago";
    }
}
