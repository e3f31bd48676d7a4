package org.printscout.remoteui.internal;

import java.net.URI;
import java.time.Instant;

/**
 * A request from the portal, as it was signed: open a tunnel from {@code remotePort} on the tunnel
 * server to a printer's web port, or close one.
 *
 * @param session the portal's session id (also names the tunnel in {@code scout:tunnels})
 * @param device the inventory id, or the current address, of a printer this agent knows
 * @param tunnelHost the tunnel server as its host key is pinned ({@code HOST:PORT})
 * @param webSocket when not null, SSH runs over this WebSocket (e.g. websockify in front of sshd on 443)
 * @param seconds how long the session may last (the agent caps it at its own limit)
 * @param expires the request is refused after this instant (a request is not kept to be used later)
 * @param user who asked, for {@code scout:tunnels} and the log
 */
record TunnelRequest(Type type, String session, String agent, String device, int port, String tunnelHost, int tunnelPort,
                     URI webSocket, int remotePort, int seconds, Instant expires, String nonce, String user) {

    enum Type { OPEN, CLOSE }

    String tunnelName() {
        return tunnelHost + ":" + tunnelPort;
    }
}
