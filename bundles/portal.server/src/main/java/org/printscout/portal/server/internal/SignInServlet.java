package org.printscout.portal.server.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.Cookie;
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
 * The sign-in form ({@code /signin}) and sign-out ({@code POST /signout}). The form carries a token
 * that must equal the one in its own cookie (a double-submit token: another site can neither read
 * nor set it), on top of the cross-site refusal of {@link SecurityHeadersFilter}. The password is
 * checked by {@link SignIn} (its pool, its throttle: 429 with Retry-After, a correct password during
 * the wait does not sign in); a success opens a new session ({@link Sessions}) and is audited, as is
 * each failure and sign-out.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalServletContext.SELECT)
@HttpWhiteboardServletPattern({"/signin", "/signout"})
@HttpWhiteboardServletName("printscout-signin")
@HttpWhiteboardServletAsyncSupported
public final class SignInServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The sign-in form's own token: it lives for an hour and is sent to {@code /signin} only. */
    static final String FORM_COOKIE = "printscout_signin";
    private static final int FORM_COOKIE_SECONDS = 3600;

    private final transient SignIn signIn;
    private final transient Sessions sessions;
    private final transient Templates templates;
    private final transient UserStore users;
    private final transient AuditLog audit;
    private final transient Logger log;

    @Activate
    public SignInServlet(@Reference PortalComponent portal, @Reference SignIn signIn, @Reference Sessions sessions, @Reference Templates templates,
                         @Reference(service = LoggerFactory.class) Logger log) {
        this(signIn, sessions, templates, portal.userStore(), portal.auditLog(), log);
    }

    SignInServlet(SignIn signIn, Sessions sessions, Templates templates, UserStore users, AuditLog audit, Logger log) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.templates = templates;
        this.users = users;
        this.audit = audit;
        this.log = log;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        if (request.getRequestURI().equals("/signout")) {
            sessions.serve(request, response, (exchange, session, form) -> {
                response.setHeader("Allow", "POST");
                exchange.text(405, "sign out with the form's button (POST)");
            }, (exchange, session, form) -> {
                sessions.close(session, request, response);
                UserStore.User user = session.user();
                audit.record(user.dealerId(), user.username(), Http.clientAddress(request), AuditLog.Action.SIGN_OUT, user.username(), "");
                redirect(response, "/signin");
            });
            return;
        }
        Exchange.start(request, response, log, exchange -> {
            if (request.getMethod().equals("GET") || request.getMethod().equals("HEAD")) {
                if (sessions.current(request).isPresent()) {
                    redirect(response, "/");
                    return;
                }
                form(exchange, 200, "", "");
            } else if (request.getMethod().equals("POST")) {
                exchange.body(Sessions.MAX_FORM, body -> {
                    if (body == null) {
                        exchange.text(413, "form too large: at most " + Sessions.MAX_FORM + " bytes");
                        return;
                    }
                    Form form = Form.parse(body);
                    if (!Sessions.sameToken(formCookie(request).orElse(""), form.get("csrf"))) {
                        form(exchange, 403, "", "The sign-in form expired or came from elsewhere; sign in again.");
                        return;
                    }
                    signIn(exchange, form.get("username"), form.get("password"));
                });
            } else {
                response.setHeader("Allow", "GET, POST");
                exchange.text(405, "GET or POST only");
            }
        });
    }

    private void signIn(Exchange exchange, String username, String password) {
        HttpServletRequest request = exchange.request;
        HttpServletResponse response = exchange.response;
        String address = Http.clientAddress(request);
        exchange.await(signIn.signIn(username, password, address), outcome -> {
            switch (outcome.kind()) {
                case SIGNED_IN:
                    UserStore.User user = outcome.user().get();
                    Optional<SessionStore.Opened> opened = sessions.open(user, outcome.verifiedHash(), request);
                    if (opened.isEmpty()) {
                        form(exchange, 401, username, "The password was changed while you signed in; sign in with the new one.");
                        break;
                    }
                    // the audit row first: should it fail, the answer is 503 and no cookie went out
                    audit.record(user.dealerId(), user.username(), address, AuditLog.Action.SIGN_IN, user.username(), "");
                    Sessions.setCookie(opened.get(), request, response);
                    response.addCookie(Sessions.cookie(FORM_COOKIE, "", "/signin", 0, request.isSecure()));
                    redirect(response, "/");
                    break;
                case THROTTLED:
                    response.setHeader("Retry-After", Long.toString(outcome.retryAfterSeconds()));
                    form(exchange, 429, username, "Too many failed sign-ins for this user or from this address; try again in "
                            + outcome.retryAfterSeconds() + " s.");
                    break;
                case BUSY:
                    response.setHeader("Retry-After", Long.toString(outcome.retryAfterSeconds()));
                    form(exchange, 503, username, "Too many sign-ins at once; try again in a moment.");
                    break;
                default:
                    // a row for a user who exists (their throttle bounds how many); made-up names only in the minute's summary,
                    // so guessing at names cannot grow the table
                    Optional<String> dealer = users.dealerOfUser(username);
                    if (dealer.isPresent()) {
                        audit.record(dealer.get(), username, address, AuditLog.Action.SIGN_IN_FAILED, username, "wrong password");
                    }
                    form(exchange, 401, username, "Wrong user name or password.");
                    break;
            }
        });
    }

    /** The sign-in form, with a fresh form token in its cookie unless the browser has one. */
    private void form(Exchange exchange, int status, String username, String message) throws java.io.IOException {
        String token = formCookie(exchange.request).orElse(null);
        if (token == null || token.length() != 43) {
            token = Passwords.newSecret();
            exchange.response.addCookie(Sessions.cookie(FORM_COOKIE, token, "/signin", FORM_COOKIE_SECONDS, exchange.request.isSecure()));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("csrf", token);
        model.put("username", username.length() > 100 ? "" : username);
        model.put("message", message);
        PageServlet.html(exchange.response, status, templates.render("signin.ftlh", model));
    }

    private static Optional<String> formCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (cookie.getName().equals(FORM_COOKIE)) {
                    return Optional.of(cookie.getValue());
                }
            }
        }
        return Optional.empty();
    }

    static void redirect(HttpServletResponse response, String path) {
        response.setHeader("Location", path);
        response.setStatus(303);
    }
}
