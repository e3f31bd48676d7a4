package org.printscout.portal.server.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The remote web UI's pages on the portal's origin: "Open web UI" ({@code POST /remote-ui/open}),
 * the session's page that waits for the agent and then lets the user in ({@code /remote-ui/ID},
 * {@code /remote-ui/ID/enter}), ending it ({@code POST /remote-ui/ID/end}), and the session log
 * ({@code /remote-ui}). A session's page is its user's (and their dealer's admins'); only its user may
 * enter it. Entering trades a single-use ticket at the relay's origin for the relay's own cookie, so
 * no portal cookie ever reaches the printer's origin.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalServletContext.SELECT)
@HttpWhiteboardServletPattern({"/remote-ui", "/remote-ui/*"})
@HttpWhiteboardServletName("printscout-remote-ui")
@HttpWhiteboardServletAsyncSupported
public final class RemoteUiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Pattern SESSION = Pattern.compile("/remote-ui/(rs-[0-9a-f]{20})");
    private static final Pattern ENTER = Pattern.compile("/remote-ui/(rs-[0-9a-f]{20})/enter");
    private static final Pattern END = Pattern.compile("/remote-ui/(rs-[0-9a-f]{20})/end");

    /** A session as its page and the log show it. */
    public record SessionView(String id, String user, String agent, long deviceId, String device, String state, String reason, String created,
                              String ended, String timeLeft, boolean live, boolean open, boolean mine) {
    }

    private final transient Sessions sessions;
    private final transient Templates templates;
    private final transient RemoteUiService remoteUi;
    private final transient AuditLog audit;

    @Activate
    public RemoteUiServlet(@Reference PortalComponent portal, @Reference Sessions sessions, @Reference Templates templates,
                           @Reference RemoteUiService remoteUi) {
        this.sessions = sessions;
        this.templates = templates;
        this.remoteUi = remoteUi;
        this.audit = portal.auditLog();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        sessions.serve(request, response, this::get, this::post);
    }

    private void get(Exchange exchange, SessionStore.Session session, Form form) throws Exception {
        String path = exchange.request.getRequestURI();
        UserStore.User user = session.user();
        Matcher page = SESSION.matcher(path);
        Matcher enter = ENTER.matcher(path);
        if (path.equals("/remote-ui")) {
            if (user.role() != UserStore.Role.ADMIN) {
                exchange.text(403, "only admins read the remote web UI's session log");
                return;
            }
            List<SessionView> log = new ArrayList<>();
            for (RemoteUiStore.Session row : remoteUi.store().log(user, 200)) {
                log.add(view(row, user));
            }
            Map<String, Object> model = PageServlet.frame(session);
            model.put("sessions", log);
            PageServlet.html(exchange.response, 200, templates.render("remoteui-log.ftlh", model));
        } else if (page.matches()) {
            Optional<RemoteUiStore.Session> row = visible(page.group(1), user);
            if (row.isEmpty()) {
                exchange.text(404, "no such remote web UI session");
                return;
            }
            Map<String, Object> model = PageServlet.frame(session);
            model.put("session", view(row.get(), user));
            if (row.get().state().equals(RemoteUiStore.REQUESTED)) {
                // the page asks again each second until the agent answered: no script needed
                exchange.response.setHeader("Refresh", "1");
            }
            PageServlet.html(exchange.response, 200, templates.render("remoteui.ftlh", model));
        } else if (enter.matches()) {
            Optional<RemoteUiStore.Session> row = remoteUi.store().session(enter.group(1)).filter(s -> s.username().equals(user.username()));
            Optional<String> ticket = row.isEmpty() ? Optional.empty() : remoteUi.store().issueTicket(row.get().id(), user.username());
            if (ticket.isEmpty()) {
                exchange.text(404, "no open remote web UI session of yours with that id");
                return;
            }
            SignInServlet.redirect(exchange.response, remoteUi.relayOrigin() + RelayServlet.ENTER + "?session=" + row.get().id() + "&ticket="
                    + URLEncoder.encode(ticket.get(), StandardCharsets.UTF_8));
        } else {
            exchange.text(404, "no such page");
        }
    }

    private void post(Exchange exchange, SessionStore.Session session, Form form) throws Exception {
        String path = exchange.request.getRequestURI();
        UserStore.User user = session.user();
        Matcher end = END.matcher(path);
        if (path.equals("/remote-ui/open")) {
            long device;
            int port;
            try {
                device = Long.parseLong(form.get("device"));
                port = form.get("port").isEmpty() ? 80 : Integer.parseInt(form.get("port"));
            } catch (NumberFormatException e) {
                exchange.text(400, "device and port must be numbers");
                return;
            }
            if (!remoteUi.webPorts().contains(port)) {
                exchange.text(400, "port must be one of the printers' web ports " + remoteUi.webPorts());
                return;
            }
            RemoteUiService.Opening opening = remoteUi.open(user, session.tokenSha256(), device, port);
            if (opening.session() == null) {
                exchange.text(opening.status(), opening.problem());
                return;
            }
            audit.record(user.dealerId(), user.username(), Http.clientAddress(exchange.request), AuditLog.Action.REMOTE_UI_OPENED,
                    opening.session().id(), "device " + device + " port " + port + " via agent " + opening.session().agentId());
            SignInServlet.redirect(exchange.response, "/remote-ui/" + opening.session().id());
        } else if (end.matches()) {
            Optional<RemoteUiStore.Session> row = visible(end.group(1), user);
            if (row.isEmpty()) {
                exchange.text(404, "no such remote web UI session");
                return;
            }
            remoteUi.end(row.get(), "ended by " + user.username());
            SignInServlet.redirect(exchange.response, "/remote-ui/" + row.get().id());
        } else {
            exchange.text(404, "no such form");
        }
    }

    /** The session, if it is the user's own or the user is an admin of its customer. */
    private Optional<RemoteUiStore.Session> visible(String id, UserStore.User user) throws SQLException {
        Optional<RemoteUiStore.Session> row = remoteUi.store().session(id);
        if (row.isEmpty()) {
            return row;
        }
        if (row.get().username().equals(user.username())) {
            return row;
        }
        boolean admin = user.role() == UserStore.Role.ADMIN
                && remoteUi.store().log(user, 500).stream().anyMatch(s -> s.id().equals(id));
        return admin ? row : Optional.empty();
    }

    private static SessionView view(RemoteUiStore.Session row, UserStore.User viewer) {
        long left = row.live() ? Math.max(0, Duration.between(Instant.now(), row.expires()).getSeconds()) : 0;
        return new SessionView(row.id(), row.username(), row.agentId(), row.deviceId(), row.deviceAddress() + ":" + row.devicePort(), row.state(),
                row.reason(), row.created().toString(), row.ended() == null ? "" : row.ended().toString(),
                row.live() ? left / 60 + ":" + String.format("%02d", left % 60) : "", row.live(), row.state().equals(RemoteUiStore.OPEN),
                row.username().equals(viewer.username()));
    }
}
