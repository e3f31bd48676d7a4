package org.printscout.portal.server.internal;

import java.time.format.DateTimeFormatter;
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
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** The audit table for a dealer's admins ({@code /audit}, newest first, {@value #PAGE} rows a page, {@code ?before=ID} for older ones). */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalServletContext.SELECT)
@HttpWhiteboardServletPattern("/audit")
@HttpWhiteboardServletName("printscout-audit")
@HttpWhiteboardServletAsyncSupported
public final class AuditServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final int PAGE = 200;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC);

    /** An audit row as the page shows it. */
    public record EventView(long id, String at, String actor, String address, String action, String target, String detail) {
    }

    private final transient Sessions sessions;
    private final transient Templates templates;
    private final transient AuditLog audit;

    @Activate
    public AuditServlet(@Reference PortalComponent portal, @Reference Sessions sessions, @Reference Templates templates) {
        this.sessions = sessions;
        this.templates = templates;
        this.audit = portal.auditLog();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        sessions.serve(request, response, (exchange, session, form) -> {
            if (!PageServlet.manager(session.user())) {
                exchange.text(403, "only an admin who sees all of the dealer's customers reads the audit table");
                return;
            }
            long before = Long.MAX_VALUE;
            String given = request.getParameter("before");
            if (given != null) {
                try {
                    before = Long.parseLong(given);
                } catch (NumberFormatException e) {
                    exchange.text(400, "before must be an audit row number");
                    return;
                }
            }
            List<AuditLog.Event> events = audit.recent(session.user().dealerId(), before, PAGE);
            Map<String, Object> model = PageServlet.frame(session);
            model.put("events", events.stream().map(e -> new EventView(e.id(), WHEN.format(e.at()), e.actor(), e.address(), e.action(), e.target(),
                    e.detail())).toList());
            model.put("older", events.size() == PAGE ? events.get(events.size() - 1).id() : 0L);
            PageServlet.html(response, 200, templates.render("audit.ftlh", model));
        }, (exchange, session, form) -> exchange.text(405, "the audit table is read-only"));
    }
}
