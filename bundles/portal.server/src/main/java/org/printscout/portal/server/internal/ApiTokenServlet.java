package org.printscout.portal.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * A dealer's API tokens ({@code /tokens}), for the admins who manage users (an admin who sees all of
 * the dealer's customers): the list, a new token (shown once), revoking one. Every change is audited.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalServletContext.SELECT)
@HttpWhiteboardServletPattern({"/tokens", "/tokens/*"})
@HttpWhiteboardServletName("printscout-tokens")
@HttpWhiteboardServletAsyncSupported
public final class ApiTokenServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Pattern REVOKE = Pattern.compile("/tokens/([0-9]{1,18})/revoke");

    /** A token as the page lists it. */
    public record TokenView(long id, String name, String created, String createdBy, String lastUsed, boolean active, String revoked) {
    }

    private final transient Sessions sessions;
    private final transient Templates templates;
    private final transient ApiTokenStore tokens;
    private final transient AuditLog audit;

    @Activate
    public ApiTokenServlet(@Reference PortalComponent portal, @Reference Sessions sessions, @Reference Templates templates) {
        this(sessions, templates, portal.apiTokens(), portal.auditLog());
    }

    ApiTokenServlet(Sessions sessions, Templates templates, ApiTokenStore tokens, AuditLog audit) {
        this.sessions = sessions;
        this.templates = templates;
        this.tokens = tokens;
        this.audit = audit;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        sessions.serve(request, response, (exchange, session, form) -> {
            if (!PageServlet.manager(session.user())) {
                exchange.text(403, "only an admin who sees all of the dealer's customers manages API tokens");
            } else if (!exchange.request.getRequestURI().equals("/tokens")) {
                exchange.text(404, "no such page");
            } else {
                page(exchange, session, 200, "", "done", "");
            }
        }, this::change);
    }

    private void change(Exchange exchange, SessionStore.Session session, Form form) throws Exception {
        UserStore.User admin = session.user();
        if (!PageServlet.manager(admin)) {
            exchange.text(403, "only an admin who sees all of the dealer's customers manages API tokens");
            return;
        }
        String path = exchange.request.getRequestURI();
        String address = Http.clientAddress(exchange.request);
        Matcher revoke = REVOKE.matcher(path);
        if (path.equals("/tokens")) {
            String name = form.get("name").strip();
            if (!name.matches(ApiTokenStore.NAME_PATTERN)) {
                page(exchange, session, 400, "A token's name has 1 to 100 letters, digits, spaces or . _ @ - and nothing else.", "error", "");
                return;
            }
            ApiTokenStore.Created created = tokens.create(admin.dealerId(), name, admin.username());
            audit.record(admin.dealerId(), admin.username(), address, AuditLog.Action.TOKEN_CREATED, "token " + created.id(), name);
            page(exchange, session, 200, "Token " + created.id() + " created.", "done", created.token());
        } else if (revoke.matches()) {
            long id = Long.parseLong(revoke.group(1));
            if (!tokens.revoke(admin.dealerId(), id)) {
                page(exchange, session, 404, "No live token " + id + " here.", "error", "");
                return;
            }
            audit.record(admin.dealerId(), admin.username(), address, AuditLog.Action.TOKEN_REVOKED, "token " + id, "");
            page(exchange, session, 200, "Token " + id + " revoked.", "done", "");
        } else {
            exchange.text(404, "no such form");
        }
    }

    private void page(Exchange exchange, SessionStore.Session session, int status, String message, String kind, String newToken) throws Exception {
        List<TokenView> list = new ArrayList<>();
        for (ApiTokenStore.TokenRow row : tokens.tokensOf(session.user().dealerId())) {
            list.add(new TokenView(row.id(), row.name(), PageServlet.ago(row.created()), row.createdBy(),
                    row.lastUsed() == null ? "never" : PageServlet.ago(row.lastUsed()), row.active(),
                    row.revoked() == null ? "" : PageServlet.ago(row.revoked())));
        }
        Map<String, Object> model = PageServlet.frame(session);
        model.put("message", message);
        model.put("messageKind", kind);
        model.put("tokens", list);
        model.put("newToken", newToken);
        // the one answer that shows a token: never kept by a cache
        exchange.response.setHeader("Cache-Control", "no-store");
        PageServlet.html(exchange.response, status, templates.render("tokens.ftlh", model));
    }
}
