package org.printscout.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * Every request of the local UI passes here: security headers (never framed, no sniffing, nothing
 * cached, a Content-Security-Policy that allows only the page's own style), cross-site state changes
 * refused (foreign Origin or Sec-Fetch-Site), and nothing but /health, /signin and /setup without a
 * session (pages) or the administrator's password by HTTP Basic (the JSON API, for scripts). The CSRF
 * token of a form is checked by the servlet that owns the form.
 */
@Component(service = Filter.class)
@HttpWhiteboardContextSelect(WebServletContext.SELECT)
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardFilterName("printscout-web-guard")
public final class WebGuardFilter implements Filter {

    static final String SESSION_ATTRIBUTE = "printscout.web.session";
    static final String POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private static final Set<String> OPEN_PATHS = Set.of("/health", "/signin", "/setup", "/style.css");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");

    private final LocalAdmin admin;

    @Activate
    public WebGuardFilter(@Reference LocalAdmin admin) {
        this.admin = admin;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("Cache-Control", "no-store");
        if (!SAFE_METHODS.contains(request.getMethod())) {
            String refusal = crossSite(request);
            if (refusal != null) {
                Html.text(response, 403, refusal);
                return;
            }
        }
        String path = request.getRequestURI();
        Optional<Sessions.Session> session = admin.session(cookie(request));
        session.ifPresent(s -> request.setAttribute(SESSION_ATTRIBUTE, s));
        if (session.isPresent() || OPEN_PATHS.contains(path)) {
            chain.doFilter(request, response);
            return;
        }
        if (path.startsWith("/api/")) {
            if (basicAuthPasses(request, response)) {
                chain.doFilter(request, response);
            }
            return;
        }
        response.sendRedirect(admin.passwordSet() ? "/signin" : "/setup");
    }

    private boolean basicAuthPasses(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = "";
            }
            int colon = decoded.indexOf(':');
            try {
                LocalAdmin.Attempt attempt = admin.signIn(request.getRemoteAddr(), colon < 0 ? "" : decoded.substring(colon + 1));
                if (attempt.session().isPresent()) {
                    admin.signOut(attempt.session().get().id());
                    return true;
                }
                if (attempt.waitSeconds() > 0) {
                    response.setHeader("Retry-After", Long.toString(attempt.waitSeconds()));
                    Html.text(response, 429, attempt.refusal());
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"PrintScout\", charset=\"UTF-8\"");
        Html.text(response, 401, "sign in: HTTP Basic with the administrator password (any user name)");
        return false;
    }

    static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (Sessions.COOKIE.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    /** Why this state-changing request is refused as cross-site, or null when it is not. */
    static String crossSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return "cross-site requests that change something are refused (Sec-Fetch-Site: " + fetchSite.toLowerCase(Locale.ROOT) + ")";
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return null;
        }
        String host = request.getHeader("Host");
        if (host == null || !(origin.equalsIgnoreCase("http://" + host) || origin.equalsIgnoreCase("https://" + host))) {
            return "cross-site requests that change something are refused (Origin " + Html.printable(origin) + ")";
        }
        return null;
    }
}
