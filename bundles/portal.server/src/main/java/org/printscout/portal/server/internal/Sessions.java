package org.printscout.portal.server.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Who is signed in: the session cookie ({@value #COOKIE}: {@code HttpOnly}, {@code SameSite=Strict},
 * {@code Secure} when the request came over TLS) and its row in {@link SessionStore}, with the idle
 * and absolute timeouts of PID {@value #PID}. Every page servlet goes through {@link #serve}: a GET
 * without a live session is sent to the sign-in form, a POST without one or without the session's
 * CSRF token is refused 403 and changes nothing. Also deletes ended sessions and old audit rows.
 */
@Component(service = Sessions.class, configurationPid = Sessions.PID)
@Designate(ocd = SessionsConfig.class)
public final class Sessions {

    static final String PID = "org.printscout.portal.sessions";
    static final String COOKIE = "printscout_session";
    /** Largest form a page accepts. */
    static final int MAX_FORM = 8192;

    /** A page's handling of a request by a signed-in user; the form is empty for a GET. */
    @FunctionalInterface
    interface PageStep {
        void accept(Exchange exchange, SessionStore.Session session, Form form) throws Exception;
    }

    private final SessionStore store;
    private final AuditLog audit;
    private final Logger log;
    private final ScheduledExecutorService housekeeping;
    private volatile Duration idle;
    private volatile Duration absolute;
    private volatile Duration auditKept;

    @Activate
    public Sessions(@Reference PortalComponent portal, @Reference(service = LoggerFactory.class) Logger log, SessionsConfig config) {
        this(portal.sessionStore(), portal.auditLog(), log);
        modified(config);
    }

    /** Sessions with the default timeouts (30 min idle, 12 h absolute), until {@link #modified} says otherwise. */
    Sessions(SessionStore store, AuditLog audit, Logger log) {
        this.store = store;
        this.audit = audit;
        this.log = log;
        this.idle = Duration.ofMinutes(30);
        this.absolute = Duration.ofHours(12);
        this.auditKept = Duration.ofDays(400);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "printscout-portal-sessions");
            thread.setDaemon(true);
            return thread;
        });
        housekeeping.scheduleWithFixedDelay(this::purge, 1, 10, TimeUnit.MINUTES);
    }

    @Modified
    void modified(SessionsConfig config) {
        this.idle = Duration.ofSeconds(ConfigValues.range(PID, "idleSeconds", config.idleSeconds(), 5, 86400));
        this.absolute = Duration.ofSeconds(ConfigValues.range(PID, "absoluteSeconds", config.absoluteSeconds(), 5, 2592000));
        this.auditKept = Duration.ofDays(ConfigValues.range(PID, "auditDays", config.auditDays(), 1, 3650));
    }

    @Deactivate
    void deactivate() {
        housekeeping.shutdownNow();
    }

    private void purge() {
        try {
            store.purge(idle, absolute);
            audit.purge(Instant.now().minus(auditKept));
        } catch (SQLException | RuntimeException e) {
            log.warn("portal: ended sessions or old audit rows could not be deleted (tried again in 10 minutes): " + e);
        }
    }

    /** The request's live session, if its cookie names one. */
    Optional<SessionStore.Session> current(HttpServletRequest request) throws SQLException {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(COOKIE)) {
                return store.find(cookie.getValue(), idle, absolute);
            }
        }
        return Optional.empty();
    }

    /**
     * Opens a session for a user who has just signed in (their password checked against
     * {@code verifiedHash}); empty when the password changed meanwhile. The caller sets the cookie
     * with {@link #setCookie} once everything else that belongs to the sign-in is written.
     */
    Optional<SessionStore.Opened> open(UserStore.User user, String verifiedHash, HttpServletRequest request) throws SQLException {
        return store.open(user.username(), verifiedHash, Http.clientAddress(request));
    }

    /** The cookie of a session just opened. */
    static void setCookie(SessionStore.Opened opened, HttpServletRequest request, HttpServletResponse response) {
        response.addCookie(cookie(COOKIE, opened.token(), "/", -1, request.isSecure()));
    }

    /** Ends the session and clears its cookie. */
    void close(SessionStore.Session session, HttpServletRequest request, HttpServletResponse response) throws SQLException {
        store.close(session.tokenSha256());
        response.addCookie(cookie(COOKIE, "", "/", 0, request.isSecure()));
    }

    /** Ends every session of a user but {@code keep} (null: all of them). */
    int closeAllOf(String username, SessionStore.Session keep) throws SQLException {
        return store.closeAllOf(username, keep == null ? null : keep.tokenSha256());
    }

    static boolean sameToken(String expected, String given) {
        return given != null && !expected.isEmpty()
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** A cookie only this site's pages send back, never readable by script; {@code maxAge} -1 ends it with the browser, 0 clears it. */
    static Cookie cookie(String name, String value, String path, int maxAge, boolean secure) {
        Cookie cookie = new Cookie(name, value);
        cookie.setPath(path);
        cookie.setHttpOnly(true);
        cookie.setSecure(secure);
        cookie.setMaxAge(maxAge);
        cookie.setAttribute("SameSite", "Strict");
        return cookie;
    }

    /**
     * Serves a page request of a signed-in user: GET and HEAD go to {@code get} (or, signed out, a 303
     * to the sign-in form), POST to {@code post} once its form has arrived and carries the session's
     * CSRF token; anything else is 405.
     */
    void serve(HttpServletRequest request, HttpServletResponse response, PageStep get, PageStep post) {
        Exchange.start(request, response, log, exchange -> {
            String method = request.getMethod();
            if (method.equals("POST")) {
                exchange.body(MAX_FORM, body -> {
                    if (body == null) {
                        exchange.text(413, "form too large: at most " + MAX_FORM + " bytes");
                        return;
                    }
                    Form form = Form.parse(body);
                    Optional<SessionStore.Session> session = current(request);
                    if (session.isEmpty()) {
                        exchange.text(403, "you are not signed in (or your session ended); sign in and try again");
                    } else if (!sameToken(session.get().csrf(), form.get("csrf"))) {
                        exchange.text(403, "the form's CSRF token is missing or wrong; reload the page and try again");
                    } else {
                        post.accept(exchange, session.get(), form);
                    }
                });
            } else if (method.equals("GET") || method.equals("HEAD")) {
                Optional<SessionStore.Session> session = current(request);
                if (session.isEmpty()) {
                    response.setHeader("Location", "/signin");
                    response.setStatus(303);
                } else {
                    get.accept(exchange, session.get(), Form.EMPTY);
                }
            } else {
                response.setHeader("Allow", "GET, POST");
                exchange.text(405, "GET or POST only");
            }
        });
    }
}
