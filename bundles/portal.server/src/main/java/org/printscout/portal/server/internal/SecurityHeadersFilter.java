package org.printscout.portal.server.internal;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * Browser-facing protections for every response of the portal's context: never framed
 * ({@code X-Frame-Options: DENY}, {@code frame-ancestors 'none'}), no content sniffing, no Referer to other sites (same-origin:
 * under no-referrer browsers send {@code Origin: null} with the page's own posts),
 * nothing cached ({@code Cache-Control: no-store}: pages show customers' data, API answers carry
 * secrets), HSTS when served over TLS, and a Content-Security-Policy that allows nothing (the page
 * replaces it with its own, which allows its style block). A state-changing request to a page
 * (anything but GET/HEAD/OPTIONS outside {@code /api/}) from another origin is refused 403 before
 * it reaches a servlet: a foreign or {@code null} {@code Origin}, or a browser's
 * {@code Sec-Fetch-Site} other than same-origin/none. The CSRF token itself is checked by
 * {@link PageServlet}, which knows the signed-in user.
 */
@Component(service = Filter.class, property = "service.ranking:Integer=100")
@HttpWhiteboardContextSelect(PortalServletContext.SELECT)
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardFilterName("printscout-security-headers")
@HttpWhiteboardFilterAsyncSupported
public final class SecurityHeadersFilter implements Filter {

    static final String DEFAULT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    static final String HSTS = "max-age=31536000";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Content-Security-Policy", DEFAULT_POLICY);
        response.setHeader("Cache-Control", "no-store");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        if (!SAFE_METHODS.contains(request.getMethod()) && !request.getRequestURI().startsWith("/api/")) {
            String refusal = crossSite(request);
            if (refusal != null) {
                Http.text(response, 403, refusal);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Why this state-changing request is refused as cross-site, or null when it is not. */
    static String crossSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return "cross-site form posts are refused (Sec-Fetch-Site: " + fetchSite.toLowerCase(Locale.ROOT) + ")";
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return null;
        }
        String host = request.getHeader("Host");
        if (host == null || !(origin.equalsIgnoreCase("http://" + host) || origin.equalsIgnoreCase("https://" + host))) {
            return "cross-site form posts are refused (Origin " + SignIn.FailureLog.printable(origin) + ")";
        }
        return null;
    }
}
