package org.printscout.portal.server.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.ee10.proxy.AsyncMiddleManServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ClientConnector;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The relay: the user's browser reaches the printer's own web pages through the portal, at the
 * relay's origin (a Felix HTTP instance of its own, on its own host), never the portal's. It is
 * Jetty's reverse proxy ({@link AsyncMiddleManServlet}) pointed at the session's port on the tunnel server,
 * and, for the pages' WebSockets (which that proxy does not pass), Jetty's WebSocket server bridged
 * to a client on the same port ({@link RelayWebSocket});
 * what this class adds is who may pass: a single-use ticket from the portal's session page becomes
 * the relay's own cookie, which is checked on every request against an open session whose user is
 * still signed in to the portal. The relay's cookie is removed before the request goes on to the
 * printer, and redirects and links the printer sends to its own address are made relative.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/*",
    "osgi.http.whiteboard.servlet.name=printscout-relay",
    "osgi.http.whiteboard.servlet.asyncSupported=true",
    "osgi.http.whiteboard.target=" + RemoteUiService.RELAY_TARGET,
    "servlet.init.maxThreads=32",
    "servlet.init.idleTimeout=60000",
    "servlet.init.timeout=0"})
public final class RelayServlet extends JettyWebSocketServlet {

    private static final long serialVersionUID = 1L;

    /** Where the portal's session page sends the browser with its ticket. */
    static final String ENTER = "/.printscout/enter";
    static final String COOKIE = "printscout_relay";
    private static final String TARGET = RelayServlet.class.getName() + ".session";
    private static final Pattern SESSION_ID = Pattern.compile("rs-[0-9a-f]{20}");

    private final transient RemoteUiService remoteUi;
    private final transient Logger log;
    private final transient RelayProxy proxy;

    @Activate
    public RelayServlet(@Reference RemoteUiService remoteUi, @Reference(service = LoggerFactory.class) Logger log) {
        this.remoteUi = remoteUi;
        this.log = log;
        this.proxy = new RelayProxy(remoteUi);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        try {
            if (request.getRequestURI().equals(ENTER)) {
                enter(request, response);
                return;
            }
            Optional<RemoteUiStore.Session> session = session(request);
            if (session.isEmpty()) {
                refuse(response, 403, "This remote web UI session has ended, or it is not yours. Open it again from the portal.");
                return;
            }
            request.setAttribute(TARGET, session.get());
        } catch (SQLException e) {
            log.warn("relay: cannot check a session: " + e);
            refuse(response, 503, "The portal cannot check this session right now.");
            return;
        }
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            try {
                super.service(request, response);
            } catch (ServletException | IOException | RuntimeException e) {
                RemoteUiStore.Session target = (RemoteUiStore.Session) request.getAttribute(TARGET);
                log.warn("relay: session " + target.id() + ": the WebSocket upgrade of " + request.getRequestURI() + " failed: " + e);
                throw e;
            }
        } else {
            proxy.relay(request, response);
        }
    }

    @Override
    public void init() throws ServletException {
        super.init();
        proxy.init(getServletConfig());
    }

    @Override
    public void destroy() {
        proxy.destroy();
        super.destroy();
    }

    /** A printer page's WebSocket: connected to the printer first, then accepted with the subprotocol it chose. */
    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
        factory.setMaxTextMessageSize(RelayWebSocket.MAX_MESSAGE);
        factory.setMaxBinaryMessageSize(RelayWebSocket.MAX_MESSAGE);
        // browsers send a message as one frame: a frame may be as large as a message
        factory.setMaxFrameSize(RelayWebSocket.MAX_MESSAGE);
        factory.setIdleTimeout(java.time.Duration.ofMinutes(10));
        factory.setCreator((upgrade, answer) -> {
            HttpServletRequest request = upgrade.getHttpServletRequest();
            RemoteUiStore.Session session = (RemoteUiStore.Session) request.getAttribute(TARGET);
            String query = request.getQueryString();
            boolean tls = remoteUi.tls(session.devicePort());
            URI target = URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + session.remotePort() + request.getRequestURI()
                    + (query == null ? "" : "?" + query));
            RelayWebSocket bridge;
            try {
                bridge = RelayWebSocket.connect(target, tls ? PrinterTls.jdkClient() : null, upgrade.getSubProtocols(),
                        printerCookies(request.getHeader("Cookie")), java.time.Duration.ofSeconds(10));
            } catch (Exception e) {
                log.warn("relay: session " + session.id() + ": the printer's WebSocket " + request.getRequestURI() + " did not open: " + e);
                answer.sendError(502, "the printer's WebSocket did not open");
                return null;
            }
            if (bridge.subprotocol() != null && !bridge.subprotocol().isEmpty()) {
                answer.setAcceptedSubProtocol(bridge.subprotocol());
            }
            return bridge;
        });
    }

    /** The relay's and the portal's cookies are theirs: the printer gets its own cookies only. */
    static String printerCookies(String header) {
        if (header == null) {
            return "";
        }
        java.util.List<String> kept = new java.util.ArrayList<>();
        for (String pair : header.split(";")) {
            String name = pair.strip();
            if (!name.startsWith(COOKIE + "=") && !name.startsWith(Sessions.COOKIE + "=") && !name.isEmpty()) {
                kept.add(name);
            }
        }
        return String.join("; ", kept);
    }

    private void enter(HttpServletRequest request, HttpServletResponse response) throws SQLException, IOException {
        String id = String.valueOf(request.getParameter("session"));
        String ticket = request.getParameter("ticket");
        Optional<String> token = SESSION_ID.matcher(id).matches() && ticket != null ? remoteUi.store().redeemTicket(id, ticket) : Optional.empty();
        if (token.isEmpty()) {
            refuse(response, 403, "This link was used already or has expired. Open the web UI again from the portal.");
            return;
        }
        boolean secure = remoteUi.relayOrigin().startsWith("https:");
        response.addHeader("Set-Cookie", COOKIE + "=" + id + "." + token.get() + "; Path=/; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : ""));
        response.setHeader("Location", "/");
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(303);
    }

    private Optional<RemoteUiStore.Session> session(HttpServletRequest request) throws SQLException {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(COOKIE)) {
                String value = cookie.getValue();
                int dot = value.indexOf('.');
                if (dot > 0 && SESSION_ID.matcher(value.substring(0, dot)).matches()) {
                    return remoteUi.store().relaySession(value.substring(0, dot), value.substring(dot + 1));
                }
            }
        }
        return Optional.empty();
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * Jetty's reverse proxy, for everything that is not a WebSocket; the middle-man variant, so the
     * pages' absolute links to the printer can be made relative on the way ({@link PrinterLinks}).
     */
    private static final class RelayProxy extends AsyncMiddleManServlet {

        private static final long serialVersionUID = 1L;
        private final transient RemoteUiService remoteUi;

        RelayProxy(RemoteUiService remoteUi) {
            this.remoteUi = remoteUi;
        }

        void relay(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
            service(request, response);
        }

        @Override
        protected String rewriteTarget(HttpServletRequest request) {
            RemoteUiStore.Session session = (RemoteUiStore.Session) request.getAttribute(TARGET);
            if (session == null) {
                return null;
            }
            String query = request.getQueryString();
            return (remoteUi.tls(session.devicePort()) ? "https" : "http") + "://127.0.0.1:" + session.remotePort() + request.getRequestURI()
                    + (query == null ? "" : "?" + query);
        }

        /** One client for every session: plain HTTP, or TLS to a printer's HTTPS port ({@link PrinterTls}). */
        @Override
        protected ClientConnector newClientConnector() {
            ClientConnector connector = super.newClientConnector();
            connector.setSslContextFactory(PrinterTls.jettyClient());
            return connector;
        }

        @Override
        protected void copyRequestHeaders(HttpServletRequest clientRequest, Request proxyRequest) {
            super.copyRequestHeaders(clientRequest, proxyRequest);
            proxyRequest.headers(headers -> {
                String kept = printerCookies(String.join("; ", headers.getValuesList(HttpHeader.COOKIE)));
                headers.remove(HttpHeader.COOKIE);
                if (!kept.isEmpty()) {
                    headers.put(HttpHeader.COOKIE, kept);
                }
            });
        }

        /** Text bodies get their links to the printer made relative; gzip is undone and redone for it; other encodings pass as they are. */
        @Override
        protected ContentTransformer newServerResponseContentTransformer(HttpServletRequest clientRequest, HttpServletResponse proxyResponse,
                                                                         Response serverResponse) {
            RemoteUiStore.Session session = (RemoteUiStore.Session) clientRequest.getAttribute(TARGET);
            if (session == null || !PrinterLinks.rewritable(serverResponse.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
                return ContentTransformer.IDENTITY;
            }
            String encoding = serverResponse.getHeaders().get(HttpHeader.CONTENT_ENCODING);
            PrinterLinks links = new PrinterLinks(session.deviceAddress(), session.devicePort(), remoteUi.tls(session.devicePort()));
            if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
                return links;
            }
            return encoding.equalsIgnoreCase("gzip") ? new GZIPContentTransformer(getHttpClient(), links) : ContentTransformer.IDENTITY;
        }

        /** A redirect to the printer's own address (or the tunnel's) stays on the relay. */
        @Override
        protected String filterServerResponseHeader(HttpServletRequest clientRequest, Response serverResponse, String headerName, String headerValue) {
            if (HttpHeader.LOCATION.is(headerName)) {
                RemoteUiStore.Session session = (RemoteUiStore.Session) clientRequest.getAttribute(TARGET);
                try {
                    URI location = URI.create(headerValue);
                    String host = location.getHost();
                    if (session != null && host != null && (host.equals(session.deviceAddress()) || host.equals("127.0.0.1"))) {
                        String path = location.getRawPath() == null || location.getRawPath().isEmpty() ? "/" : location.getRawPath();
                        return path + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
                    }
                } catch (IllegalArgumentException e) {
                    return headerValue;
                }
            }
            return super.filterServerResponseHeader(clientRequest, serverResponse, headerName, headerValue);
        }
    }
}
