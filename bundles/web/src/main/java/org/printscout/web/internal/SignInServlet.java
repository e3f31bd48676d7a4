package org.printscout.web.internal;

import static org.printscout.web.internal.Html.esc;

import java.io.IOException;

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

/**
 * {@code /setup} (first start: the one-time code from the log, then the new password), {@code /signin}
 * and {@code /signout}. A wrong password or code is answered after the throttle's wait, with 429 and
 * Retry-After while the client has to wait.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WebServletContext.SELECT)
@HttpWhiteboardServletPattern({"/signin", "/setup", "/signout"})
@HttpWhiteboardServletName("printscout-web-signin")
public final class SignInServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient LocalAdmin admin;

    @Activate
    public SignInServlet(@Reference LocalAdmin admin) {
        this.admin = admin;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (request.getServletPath()) {
            case "/setup" -> {
                if (admin.passwordSet()) {
                    response.sendRedirect("/signin");
                } else {
                    setupPage(response, 200, null);
                }
            }
            case "/signin" -> {
                if (!admin.passwordSet()) {
                    response.sendRedirect("/setup");
                } else {
                    signInPage(response, 200, null);
                }
            }
            default -> Html.text(response, 405, "sign out with POST");
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            switch (request.getServletPath()) {
                case "/setup" -> {
                    String password = request.getParameter("password");
                    if (password != null && !password.equals(request.getParameter("repeat"))) {
                        setupPage(response, 400, "the two passwords differ");
                        return;
                    }
                    LocalAdmin.Attempt attempt = admin.firstStart(request.getRemoteAddr(), request.getParameter("code"), password);
                    finish(request, response, attempt, true);
                }
                case "/signin" -> finish(request, response, admin.signIn(request.getRemoteAddr(), request.getParameter("password")), false);
                default -> {
                    Object session = request.getAttribute(WebGuardFilter.SESSION_ATTRIBUTE);
                    if (session instanceof Sessions.Session s) {
                        if (!Sessions.csrfMatches(s, request.getParameter("csrf"))) {
                            Html.text(response, 403, "the form's CSRF token is missing or wrong; reload the page");
                            return;
                        }
                        admin.signOut(s.id());
                    }
                    response.addHeader("Set-Cookie", Sessions.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
                    response.sendRedirect("/signin");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Html.text(response, 503, "stopping");
        }
    }

    private void finish(HttpServletRequest request, HttpServletResponse response, LocalAdmin.Attempt attempt, boolean setup) throws IOException {
        if (attempt.session().isPresent()) {
            response.addHeader("Set-Cookie", Sessions.COOKIE + "=" + attempt.session().get().id() + "; Path=/; HttpOnly; SameSite=Strict"
                    + (request.isSecure() ? "; Secure" : ""));
            response.sendRedirect(setup ? "/settings" : "/");
            return;
        }
        int status = attempt.waitSeconds() > 0 ? 429 : setup && admin.passwordSet() ? 409 : 401;
        if (attempt.waitSeconds() > 0) {
            response.setHeader("Retry-After", Long.toString(attempt.waitSeconds()));
        }
        if (setup && !admin.passwordSet()) {
            setupPage(response, status, attempt.refusal());
        } else {
            signInPage(response, status, attempt.refusal());
        }
    }

    private static void setupPage(HttpServletResponse response, int status, String error) throws IOException {
        String body = (error == null ? "" : "<p class=\"error\" id=\"error\">" + esc(error) + "</p>")
                + "<p>This box has no administrator password yet, and none is shipped. Enter the one-time code that the agent wrote "
                + "to its log (<code>journalctl -u printscout</code> or <code>data/log/printscout.log</code>), or set the password "
                + "on the box's console with <code>echo 'web:password NEW-PASSWORD' | printscout exec -</code>.</p>"
                + "<form method=\"post\" action=\"/setup\" class=\"card\" id=\"setup\">"
                + "<label for=\"code\">One-time code</label><input type=\"text\" id=\"code\" name=\"code\" autocomplete=\"off\" required>"
                + "<label for=\"password\">New password (at least " + AdminPassword.MIN_LENGTH + " characters)</label>"
                + "<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"new-password\" required>"
                + "<label for=\"repeat\">The same again</label><input type=\"password\" id=\"repeat\" name=\"repeat\" autocomplete=\"new-password\" required>"
                + "<button type=\"submit\">Set password</button></form>";
        Html.page(response, status, "First start", false, null, body);
    }

    private static void signInPage(HttpServletResponse response, int status, String error) throws IOException {
        String body = (error == null ? "" : "<p class=\"error\" id=\"error\">" + esc(error) + "</p>")
                + "<form method=\"post\" action=\"/signin\" class=\"card\" id=\"signin\">"
                + "<label for=\"password\">Administrator password</label>"
                + "<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required autofocus>"
                + "<button type=\"submit\">Sign in</button></form>";
        Html.page(response, status, "Sign in", false, null, body);
    }
}
