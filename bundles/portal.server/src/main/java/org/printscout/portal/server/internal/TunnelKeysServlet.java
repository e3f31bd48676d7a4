package org.printscout.portal.server.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.regex.Pattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /tunnel/authorized-keys?fingerprint=SHA256:...}: the tunnel server's sshd asks this
 * (its AuthorizedKeysCommand, e.g. curl with the bearer token) which key it may accept and for what.
 * The answer is an authorized_keys line that allows the agent's key only remote forwarding, only on
 * the loopback ports of its live sessions, and only until the last of them expires; an unknown key
 * or an agent without a live session gets an empty answer, and sshd refuses the login.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalServletContext.SELECT)
@HttpWhiteboardServletPattern("/tunnel/authorized-keys")
@HttpWhiteboardServletName("printscout-tunnel-keys")
public final class TunnelKeysServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

    private final transient RemoteUiService remoteUi;
    private final transient Logger log;

    @Activate
    public TunnelKeysServlet(@Reference RemoteUiService remoteUi, @Reference(service = LoggerFactory.class) Logger log) {
        this.remoteUi = remoteUi;
        this.log = log;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String authorization = request.getHeader("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).strip() : null;
        if (!remoteUi.authorizedKeysToken(token)) {
            send(response, 401, "the tunnel server's bearer token is required\n");
            return;
        }
        String fingerprint = request.getParameter("fingerprint");
        if (fingerprint == null || !FINGERPRINT.matcher(fingerprint).matches()) {
            send(response, 400, "fingerprint must be an OpenSSH SHA256: fingerprint (%f)\n");
            return;
        }
        try {
            String answer = remoteUi.authorizedKeys(fingerprint).orElse("");
            if (answer.isEmpty()) {
                log.info("portal: tunnel server asked for key " + fingerprint + ": no live session");
            }
            send(response, 200, answer);
        } catch (SQLException e) {
            log.warn("portal: cannot answer the tunnel server for " + fingerprint + ": " + e);
            send(response, 503, "");
        }
    }

    private static void send(HttpServletResponse response, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
