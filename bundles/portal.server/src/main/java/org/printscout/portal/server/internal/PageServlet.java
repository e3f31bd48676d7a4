package org.printscout.portal.server.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
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
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The portal's one web page: agents with their last contact and their verdict on the site
 * configuration, devices per site (status, last total meter, supply bars, a small chart of the total
 * meter) and the command queue with a form. Users sign in with HTTP Basic ({@link SignIn}: throttled,
 * hashed on its own pool); what they see is scoped by {@link UserStore#SCOPE}; only admins and
 * technicians may queue commands. Every form carries the user's CSRF token and every POST must
 * bring it back (403 otherwise, nothing changed); {@link SecurityHeadersFilter} refuses cross-site
 * posts and sets the headers. The page has no script and no inline style: its one style block is
 * allowed by its hash in the Content-Security-Policy, bars and charts are SVG.
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
    /** Largest form accepted. */
    static final int MAX_FORM = 8192;

    static final String STYLE = "body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;margin-bottom:1.5em}"
            + "td,th{border-bottom:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}"
            + ".bar{margin-right:.3em;vertical-align:middle}.inline{display:inline}.refused{color:#b00}";
    /** The page's policy: nothing but its own style block (by hash) and form posts to itself; never framed. */
    static final String PAGE_POLICY = "default-src 'none'; style-src '" + sha256(STYLE) + "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final transient TenancyStore tenancy;
    private final transient CommandStore commandStore;
    private final transient ReadModels readModels;
    private final transient UserStore users;
    private final transient SignIn signIn;
    private final transient Logger log;

    @Activate
    public PageServlet(@Reference PortalComponent portal, @Reference SignIn signIn, @Reference(service = LoggerFactory.class) Logger log) {
        this(portal.tenancyStore(), portal.commandStore(), portal.readModels(), portal.userStore(), signIn, log);
    }

    PageServlet(TenancyStore tenancy, CommandStore commandStore, ReadModels readModels, UserStore users, SignIn signIn, Logger log) {
        this.tenancy = tenancy;
        this.commandStore = commandStore;
        this.readModels = readModels;
        this.users = users;
        this.signIn = signIn;
        this.log = log;
    }

    private static String sha256(String text) {
        try {
            return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface SignedIn {
        void accept(UserStore.User user) throws Exception;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        Exchange.start(request, response, log, exchange -> {
            String method = request.getMethod();
            if (method.equals("POST")) {
                exchange.body(MAX_FORM, body -> {
                    if (body == null) {
                        exchange.text(413, "form too large: at most " + MAX_FORM + " bytes");
                        return;
                    }
                    Map<String, String> form = Http.form(body);
                    signedIn(exchange, user -> post(exchange, user, form));
                });
            } else if (method.equals("GET") || method.equals("HEAD")) {
                signedIn(exchange, user -> get(exchange, user));
            } else {
                exchange.response.setHeader("Allow", "GET, POST");
                exchange.text(405, "GET or POST only");
            }
        });
    }

    /** Signs the request's user in (on the sign-in pool) and hands on to {@code then}, or answers 401, 429 or 503. */
    private void signedIn(Exchange exchange, SignedIn then) {
        Optional<Http.Basic> basic = Http.basic(exchange.request);
        if (basic.isEmpty()) {
            exchange.response.setHeader("WWW-Authenticate", "Basic realm=\"PrintScout portal\", charset=\"UTF-8\"");
            try {
                exchange.text(401, "sign in required");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return;
        }
        exchange.await(signIn.signIn(basic.get().user(), basic.get().password(), Http.clientAddress(exchange.request)), outcome -> {
            switch (outcome.kind()) {
                case SIGNED_IN:
                    then.accept(outcome.user().get());
                    break;
                case THROTTLED:
                    exchange.response.setHeader("Retry-After", Long.toString(outcome.retryAfterSeconds()));
                    exchange.text(429, "too many failed sign-ins for this user or from this address; try again in "
                            + outcome.retryAfterSeconds() + " s");
                    break;
                case BUSY:
                    exchange.response.setHeader("Retry-After", Long.toString(outcome.retryAfterSeconds()));
                    exchange.text(503, "too many sign-ins at once; try again in a moment");
                    break;
                default:
                    exchange.response.setHeader("WWW-Authenticate", "Basic realm=\"PrintScout portal\", charset=\"UTF-8\"");
                    exchange.text(401, "wrong user name or password");
                    break;
            }
        });
    }

    private void get(Exchange exchange, UserStore.User user) throws Exception {
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
            exchange.response.setHeader("Content-Security-Policy", PAGE_POLICY);
            Http.send(exchange.response, 200, "text/html; charset=utf-8", page(user).getBytes(StandardCharsets.UTF_8));
        } else {
            exchange.text(404, "no such page");
        }
    }

    private void post(Exchange exchange, UserStore.User user, Map<String, String> form) throws Exception {
        if (!signIn.validCsrfToken(user.username(), form.get("csrf"))) {
            exchange.text(403, "the form's CSRF token is missing or wrong; reload the page and try again");
            return;
        }
        String path = exchange.request.getRequestURI();
        Matcher remoteUi = REMOTE_UI.matcher(path);
        if (path.equals("/commands")) {
            queue(exchange, user, form);
        } else if (remoteUi.matches()) {
            switchRemoteUi(exchange, user, remoteUi.group(1), form);
        } else {
            exchange.text(404, "no such form");
        }
    }

    private void switchRemoteUi(Exchange exchange, UserStore.User user, String customerId, Map<String, String> form) throws Exception {
        if (user.role() != UserStore.Role.ADMIN) {
            exchange.text(403, "only an admin may change a customer's remote web UI setting");
            return;
        }
        String allowed = form.getOrDefault("allowed", "");
        if (!allowed.equals("true") && !allowed.equals("false")) {
            exchange.text(400, "allowed must be true or false");
            return;
        }
        if (!tenancy.setRemoteUiAllowed(user, customerId, allowed.equals("true"))) {
            exchange.text(404, "no such customer");
            return;
        }
        log.info("portal page: " + user.username() + " set remote web UI of customer " + customerId + " to " + allowed);
        exchange.response.setHeader("Location", "/");
        exchange.response.setStatus(303);
    }

    private void queue(Exchange exchange, UserStore.User user, Map<String, String> form) throws Exception {
        if (user.role() == UserStore.Role.VIEWER) {
            exchange.text(403, "viewers may not queue commands");
            return;
        }
        String agent = form.getOrDefault("agent", "");
        int code;
        try {
            code = Integer.parseInt(form.getOrDefault("code", ""));
        } catch (NumberFormatException e) {
            code = -1;
        }
        if (!CommandCodes.valid(code) || !users.mayAccessAgent(user, agent)) {
            exchange.text(400, "unknown agent or malformed command code");
            return;
        }
        commandStore.enqueueCommand(agent, code, form.getOrDefault("arguments", ""));
        exchange.response.setHeader("Location", "/");
        exchange.response.setStatus(303);
    }

    String page(UserStore.User user) throws SQLException {
        String csrf = "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(signIn.csrfToken(user.username())) + "\">";
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>PrintScout portal</title><style>")
                .append(STYLE).append("</style></head><body><h1>PrintScout portal</h1><p>Signed in as ").append(esc(user.username()))
                .append(" (").append(user.role().name().toLowerCase()).append(")</p>");
        html.append("<h2>Customers</h2><table><tr><th>customer</th><th>remote web UI</th></tr>");
        for (TenancyStore.CustomerRow customer : tenancy.customers(user)) {
            html.append("<tr><td>").append(esc(customer.name())).append("</td><td>")
                    .append(customer.remoteUiAllowed() ? "allowed" : "not allowed");
            if (user.role() == UserStore.Role.ADMIN) {
                html.append(" <form method=\"post\" action=\"/customers/").append(esc(customer.id()))
                        .append("/remote-ui\" class=\"inline\">").append(csrf).append("<input type=\"hidden\" name=\"allowed\" value=\"")
                        .append(!customer.remoteUiAllowed()).append("\"><button>").append(customer.remoteUiAllowed() ? "Forbid" : "Allow")
                        .append("</button></form>");
            }
            html.append("</td></tr>");
        }
        html.append("</table>");
        List<ReadModels.AgentRow> agents = readModels.agents(user);
        html.append("<h2>Agents</h2><table><tr><th>agent</th><th>customer</th><th>site</th><th>host</th><th>last contact</th><th>configuration</th></tr>");
        for (ReadModels.AgentRow agent : agents) {
            html.append("<tr><td>").append(esc(agent.agentId())).append("</td><td>").append(esc(agent.customerName()))
                    .append("</td><td>").append(esc(agent.siteName())).append("</td><td>").append(esc(agent.hostname()))
                    .append("</td><td>").append(agent.lastContact() == null ? "never" : ago(agent.lastContact())).append("</td><td>")
                    .append(configStatus(tenancy.configStatus(agent.agentId()))).append("</td></tr>");
        }
        html.append("</table><h2>Devices</h2><table><tr><th>site</th><th>device</th><th>status</th><th>total</th><th>supplies</th><th>total meter</th></tr>");
        for (ReadModels.DeviceRow device : readModels.devices(user)) {
            html.append("<tr><td>").append(esc(device.siteName())).append("</td><td>").append(esc(device.make())).append(' ')
                    .append(esc(device.model())).append("<br>").append(esc(device.ip())).append(" · ").append(esc(device.serial()))
                    .append("</td><td>").append(esc(device.status())).append("<br><small>").append(ago(device.lastSeen()))
                    .append("</small></td><td>").append(device.total() == null ? "–" : String.format("%,d", device.total()))
                    .append("</td><td>");
            for (ReadModels.SupplyRow supply : device.supplies()) {
                int percent = supply.percent();
                html.append("<div>");
                if (percent >= 0) {
                    html.append("<svg class=\"bar\" width=\"80\" height=\"9\" viewBox=\"0 0 80 9\" role=\"img\"><rect width=\"80\" height=\"9\" fill=\"#eee\"/>")
                            .append("<rect width=\"").append(Math.round(80 * percent / 100.0)).append("\" height=\"9\" fill=\"#4a7\"/></svg> ")
                            .append(percent).append("% ");
                } else {
                    html.append(supply.level() == -3 ? "some remaining " : supply.level() == -2 ? "unknown " : "other ");
                }
                html.append(esc(supply.description())).append("</div>");
            }
            html.append("</td><td>").append(chart(readModels.totalHistory(device.id()))).append("</td></tr>");
        }
        html.append("</table><h2>Commands</h2><table><tr><th>#</th><th>agent</th><th>command</th><th>arguments</th><th>state</th><th>result</th><th>file</th></tr>");
        for (ReadModels.AgentRow agent : agents) {
            for (CommandStore.Command command : commandStore.commands(agent.agentId(), false)) {
                html.append("<tr><td>").append(command.id()).append("</td><td>").append(esc(command.agentId())).append("</td><td>")
                        .append(esc(CommandCodes.name(command.code()))).append("</td><td>").append(esc(command.arguments())).append("</td><td>")
                        .append(esc(command.state())).append("</td><td>").append(esc(command.result())).append("</td><td>");
                Optional<Long> size = commandStore.commandFileSize(command.id());
                if (size.isPresent()) {
                    html.append("<a href=\"/commands/").append(command.id()).append("/file\">").append(size.get()).append(" bytes</a>");
                }
                html.append("</td></tr>");
            }
        }
        html.append("</table>");
        if (user.role() != UserStore.Role.VIEWER && !agents.isEmpty()) {
            html.append("<form method=\"post\" action=\"/commands\">").append(csrf).append("<select name=\"agent\">");
            for (ReadModels.AgentRow agent : agents) {
                html.append("<option value=\"").append(esc(agent.agentId())).append("\">").append(esc(agent.siteName()))
                        .append(" – ").append(esc(agent.agentId())).append("</option>");
            }
            html.append("</select> <select name=\"code\">");
            for (Map.Entry<Integer, String> seed : CommandCodes.seed().entrySet()) {
                html.append("<option value=\"").append(seed.getKey()).append("\">").append(esc(seed.getValue())).append("</option>");
            }
            html.append("</select> <input name=\"arguments\" placeholder=\"parameter (log mode, IP to walk)\"> <button>Queue</button></form>");
        }
        return html.append("</body></html>").toString();
    }

    /** An inline SVG polyline of the total meter over time; nothing for fewer than two points. */
    static String chart(List<ReadModels.MeterPoint> points) {
        if (points.size() < 2) {
            return "";
        }
        long t0 = points.get(0).at().getEpochSecond();
        long t1 = Math.max(t0 + 1, points.get(points.size() - 1).at().getEpochSecond());
        long v0 = points.stream().mapToLong(ReadModels.MeterPoint::value).min().orElse(0);
        long v1 = Math.max(v0 + 1, points.stream().mapToLong(ReadModels.MeterPoint::value).max().orElse(1));
        StringBuilder svg = new StringBuilder("<svg width=\"120\" height=\"30\" viewBox=\"0 0 120 30\" role=\"img\"><polyline fill=\"none\" stroke=\"#36c\" points=\"");
        for (ReadModels.MeterPoint point : points) {
            double x = 118.0 * (point.at().getEpochSecond() - t0) / (t1 - t0) + 1;
            double y = 29 - 28.0 * (point.value() - v0) / (v1 - v0);
            svg.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return svg.append("\"/></svg>").toString();
    }

    /** An agent's verdict on its site configuration: refused ones stand out, with the agent's reason. */
    private static String configStatus(Optional<TenancyStore.ConfigStatus> status) {
        if (status.isEmpty()) {
            return "–";
        }
        if (status.get().applied()) {
            return "applied <small>" + ago(status.get().reported()) + "</small>";
        }
        return "<strong class=\"refused\">refused</strong> <small>" + ago(status.get().reported()) + "</small><br>" + esc(status.get().reason());
    }

    private static String ago(Instant instant) {
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

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '&': out.append("&amp;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }
}
