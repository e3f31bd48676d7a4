package org.printscout.portal.server.internal;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The portal's one web page: agents with their last contact, devices per site (status, last total
 * meter, supply bars, a small chart of the total meter) and the command queue with a form. Users
 * sign in with HTTP Basic; what they see is scoped by {@link PortalStore}; only admins and
 * technicians may queue commands. Browsers resend Basic credentials on cross-site form posts, so a
 * POST whose Origin header is not this page's own is refused.
 */
final class Dashboard implements HttpHandler {

    private static final java.util.regex.Pattern REMOTE_UI = java.util.regex.Pattern.compile("/customers/([A-Za-z0-9._-]{1,64})/remote-ui");
    private static final java.util.regex.Pattern COMMAND_FILE = java.util.regex.Pattern.compile("/commands/([0-9]{1,18})/file");

    private final PortalStore store;
    private final Consumer<String> log;

    Dashboard(PortalStore store, Consumer<String> log) {
        this.store = store;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            Optional<PortalStore.User> user = signIn(exchange);
            if (user.isEmpty()) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"PrintScout portal\", charset=\"UTF-8\"");
                ImporterApi.Http.text(exchange, 401, "sign in required");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            java.util.regex.Matcher file = COMMAND_FILE.matcher(path);
            java.util.regex.Matcher remoteUi = REMOTE_UI.matcher(path);
            if (path.equals("/commands") && exchange.getRequestMethod().equals("POST")) {
                queue(exchange, user.get());
            } else if (remoteUi.matches() && exchange.getRequestMethod().equals("POST")) {
                switchRemoteUi(exchange, user.get(), remoteUi.group(1));
            } else if (file.matches() && exchange.getRequestMethod().equals("GET")) {
                Optional<byte[]> zip = store.commandFile(user.get(), Long.parseLong(file.group(1)));
                if (zip.isEmpty()) {
                    ImporterApi.Http.text(exchange, 404, "no such file");
                } else {
                    exchange.getResponseHeaders().set("Content-Type", "application/zip");
                    exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"command-" + file.group(1) + ".zip\"");
                    exchange.sendResponseHeaders(200, zip.get().length);
                    exchange.getResponseBody().write(zip.get());
                }
            } else if (path.equals("/") && exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
                ImporterApi.Http.send(exchange, 200, "text/html; charset=utf-8", page(user.get()));
            } else {
                ImporterApi.Http.text(exchange, 404, "no such page");
            }
        } catch (SQLException e) {
            log.accept("portal page: storage failed: " + e);
            ImporterApi.Http.text(exchange, 503, "storage unavailable");
        } finally {
            exchange.close();
        }
    }

    private Optional<PortalStore.User> signIn(HttpExchange exchange) throws SQLException {
        Optional<String[]> basic = ImporterApi.Http.basic(exchange);
        if (basic.isEmpty()) {
            return Optional.empty();
        }
        return store.login(basic.get()[0], basic.get()[1].toCharArray());
    }

    /** False (and answered 403) for a form post from another site: browsers resend Basic credentials there too. */
    private static boolean sameOrigin(HttpExchange exchange) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (origin != null && (host == null || !origin.endsWith("://" + host))) {
            ImporterApi.Http.text(exchange, 403, "cross-site form posts are refused");
            return false;
        }
        return true;
    }

    /** The posted form's fields, or null (answered 413) when it is too large. */
    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        byte[] body = ImporterApi.Http.body(exchange, 8192);
        if (body == null) {
            ImporterApi.Http.text(exchange, 413, "form too large");
            return null;
        }
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private void switchRemoteUi(HttpExchange exchange, PortalStore.User user, String customerId) throws IOException, SQLException {
        if (!sameOrigin(exchange)) {
            return;
        }
        if (user.role() != PortalStore.Role.ADMIN) {
            ImporterApi.Http.text(exchange, 403, "only an admin may change a customer's remote web UI setting");
            return;
        }
        Map<String, String> form = form(exchange);
        if (form == null) {
            return;
        }
        String allowed = form.getOrDefault("allowed", "");
        if (!allowed.equals("true") && !allowed.equals("false")) {
            ImporterApi.Http.text(exchange, 400, "allowed must be true or false");
            return;
        }
        if (!store.setRemoteUiAllowed(user, customerId, allowed.equals("true"))) {
            ImporterApi.Http.text(exchange, 404, "no such customer");
            return;
        }
        log.accept("portal page: " + user.username() + " set remote web UI of customer " + customerId + " to " + allowed);
        exchange.getResponseHeaders().set("Location", "/");
        exchange.sendResponseHeaders(303, -1);
    }

    private void queue(HttpExchange exchange, PortalStore.User user) throws IOException, SQLException {
        if (!sameOrigin(exchange)) {
            return;
        }
        if (user.role() == PortalStore.Role.VIEWER) {
            ImporterApi.Http.text(exchange, 403, "viewers may not queue commands");
            return;
        }
        Map<String, String> form = form(exchange);
        if (form == null) {
            return;
        }
        String agent = form.getOrDefault("agent", "");
        int code;
        try {
            code = Integer.parseInt(form.getOrDefault("code", ""));
        } catch (NumberFormatException e) {
            code = -1;
        }
        if (!CommandCodes.valid(code) || !store.mayAccessAgent(user, agent)) {
            ImporterApi.Http.text(exchange, 400, "unknown agent or malformed command code");
            return;
        }
        store.enqueueCommand(agent, code, form.getOrDefault("arguments", ""));
        exchange.getResponseHeaders().set("Location", "/");
        exchange.sendResponseHeaders(303, -1);
    }

    String page(PortalStore.User user) throws SQLException {
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>PrintScout portal</title><style>")
                .append("body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;margin-bottom:1.5em}")
                .append("td,th{border-bottom:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}")
                .append(".bar{display:inline-block;width:80px;height:9px;background:#eee;margin-right:.3em}")
                .append(".bar span{display:block;height:9px;background:#4a7}")
                .append("</style></head><body><h1>PrintScout portal</h1><p>Signed in as ").append(esc(user.username()))
                .append(" (").append(user.role().name().toLowerCase()).append(")</p>");
        html.append("<h2>Customers</h2><table><tr><th>customer</th><th>remote web UI</th></tr>");
        for (PortalStore.CustomerRow customer : store.customers(user)) {
            html.append("<tr><td>").append(esc(customer.name())).append("</td><td>")
                    .append(customer.remoteUiAllowed() ? "allowed" : "not allowed");
            if (user.role() == PortalStore.Role.ADMIN) {
                html.append(" <form method=\"post\" action=\"/customers/").append(esc(customer.id()))
                        .append("/remote-ui\" style=\"display:inline\"><input type=\"hidden\" name=\"allowed\" value=\"")
                        .append(!customer.remoteUiAllowed()).append("\"><button>").append(customer.remoteUiAllowed() ? "Forbid" : "Allow")
                        .append("</button></form>");
            }
            html.append("</td></tr>");
        }
        html.append("</table>");
        List<PortalStore.AgentRow> agents = store.agents(user);
        html.append("<h2>Agents</h2><table><tr><th>agent</th><th>customer</th><th>site</th><th>host</th><th>last contact</th></tr>");
        for (PortalStore.AgentRow agent : agents) {
            html.append("<tr><td>").append(esc(agent.agentId())).append("</td><td>").append(esc(agent.customerName()))
                    .append("</td><td>").append(esc(agent.siteName())).append("</td><td>").append(esc(agent.hostname()))
                    .append("</td><td>").append(agent.lastContact() == null ? "never" : ago(agent.lastContact())).append("</td></tr>");
        }
        html.append("</table><h2>Devices</h2><table><tr><th>site</th><th>device</th><th>status</th><th>total</th><th>supplies</th><th>total meter</th></tr>");
        for (PortalStore.DeviceRow device : store.devices(user)) {
            html.append("<tr><td>").append(esc(device.siteName())).append("</td><td>").append(esc(device.make())).append(' ')
                    .append(esc(device.model())).append("<br>").append(esc(device.ip())).append(" · ").append(esc(device.serial()))
                    .append("</td><td>").append(esc(device.status())).append("<br><small>").append(ago(device.lastSeen()))
                    .append("</small></td><td>").append(device.total() == null ? "–" : String.format("%,d", device.total()))
                    .append("</td><td>");
            for (PortalStore.SupplyRow supply : device.supplies()) {
                int percent = supply.percent();
                html.append("<div>");
                if (percent >= 0) {
                    html.append("<span class=\"bar\"><span style=\"width:").append(percent).append("%\"></span></span>")
                            .append(percent).append("% ");
                } else {
                    html.append(supply.level() == -3 ? "some remaining " : supply.level() == -2 ? "unknown " : "other ");
                }
                html.append(esc(supply.description())).append("</div>");
            }
            html.append("</td><td>").append(chart(store.totalHistory(device.id()))).append("</td></tr>");
        }
        html.append("</table><h2>Commands</h2><table><tr><th>#</th><th>agent</th><th>command</th><th>arguments</th><th>state</th><th>result</th><th>file</th></tr>");
        for (PortalStore.AgentRow agent : agents) {
            for (PortalStore.Command command : store.commands(agent.agentId(), false)) {
                html.append("<tr><td>").append(command.id()).append("</td><td>").append(esc(command.agentId())).append("</td><td>")
                        .append(esc(CommandCodes.name(command.code()))).append("</td><td>").append(esc(command.arguments())).append("</td><td>")
                        .append(esc(command.state())).append("</td><td>").append(esc(command.result())).append("</td><td>");
                Optional<Long> size = store.commandFileSize(command.id());
                if (size.isPresent()) {
                    html.append("<a href=\"/commands/").append(command.id()).append("/file\">").append(size.get()).append(" bytes</a>");
                }
                html.append("</td></tr>");
            }
        }
        html.append("</table>");
        if (user.role() != PortalStore.Role.VIEWER && !agents.isEmpty()) {
            html.append("<form method=\"post\" action=\"/commands\"><select name=\"agent\">");
            for (PortalStore.AgentRow agent : agents) {
                html.append("<option value=\"").append(esc(agent.agentId())).append("\">").append(esc(agent.siteName()))
                        .append(" – ").append(esc(agent.agentId())).append("</option>");
            }
            html.append("</select> <select name=\"code\">");
            for (java.util.Map.Entry<Integer, String> seed : CommandCodes.seed().entrySet()) {
                html.append("<option value=\"").append(seed.getKey()).append("\">").append(esc(seed.getValue())).append("</option>");
            }
            html.append("</select> <input name=\"arguments\" placeholder=\"parameter (log mode, IP to walk)\"> <button>Queue</button></form>");
        }
        return html.append("</body></html>").toString();
    }

    /** An inline SVG polyline of the total meter over time; nothing for fewer than two points. */
    static String chart(List<PortalStore.MeterPoint> points) {
        if (points.size() < 2) {
            return "";
        }
        long t0 = points.get(0).at().getEpochSecond();
        long t1 = Math.max(t0 + 1, points.get(points.size() - 1).at().getEpochSecond());
        long v0 = points.stream().mapToLong(PortalStore.MeterPoint::value).min().orElse(0);
        long v1 = Math.max(v0 + 1, points.stream().mapToLong(PortalStore.MeterPoint::value).max().orElse(1));
        StringBuilder svg = new StringBuilder("<svg width=\"120\" height=\"30\" viewBox=\"0 0 120 30\" role=\"img\"><polyline fill=\"none\" stroke=\"#36c\" points=\"");
        for (PortalStore.MeterPoint point : points) {
            double x = 118.0 * (point.at().getEpochSecond() - t0) / (t1 - t0) + 1;
            double y = 29 - 28.0 * (point.value() - v0) / (v1 - v0);
            svg.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return svg.append("\"/></svg>").toString();
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
