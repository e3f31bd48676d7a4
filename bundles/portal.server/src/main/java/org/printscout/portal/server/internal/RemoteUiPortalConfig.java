package org.printscout.portal.server.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the portal's remote web UI meets the broker, the tunnel server and the user's browser (docs/remote-ui.md). */
@ObjectClassDefinition(name = "PrintScout portal remote web UI",
        description = "The broker, tunnel server and relay of the remote web UI; without a broker the feature is off")
@interface RemoteUiPortalConfig {

    @AttributeDefinition(name = "Broker (portal)", description = "How the portal reaches the MQTT v5 broker, e.g. ssl://127.0.0.1:8883; empty: remote UI off")
    String brokerUri() default "";

    @AttributeDefinition(name = "Broker (agents)", description = "How agents reach the broker, e.g. wss://broker.example.com:443/mqtt; empty: as the portal")
    String agentBrokerUri() default "";

    @AttributeDefinition(name = "Broker user of the portal")
    String brokerUsername() default "printscout-portal";

    @AttributeDefinition(name = "Broker password of the portal", type = AttributeType.PASSWORD, required = false)
    String brokerPassword() default "";

    @AttributeDefinition(name = "Trusted certificates", required = false,
            description = "A PEM file with the authority of the broker's and tunnel servers' TLS certificates; also given to agents")
    String trustedCertificatesFile() default "";

    @AttributeDefinition(name = "Tunnel server host", description = "The OpenSSH server agents open their reverse tunnels to, as they reach it")
    String tunnelHost() default "127.0.0.1";

    @AttributeDefinition(name = "Tunnel server port")
    int tunnelPort() default 22;

    @AttributeDefinition(name = "Tunnel server WebSocket", required = false,
            description = "When set (e.g. wss://tunnel.example.com:443/ssh), agents carry SSH over this WebSocket (websockify in front of sshd)")
    String tunnelWebSocket() default "";

    @AttributeDefinition(name = "Tunnel server host key", description = "Its public host key, 'TYPE BASE64' as in /etc/ssh/ssh_host_ed25519_key.pub")
    String tunnelHostKey() default "";

    @AttributeDefinition(name = "Tunnel account", description = "The account on the tunnel server agents' keys log in to")
    String tunnelUser() default "printscout-tunnel";

    @AttributeDefinition(name = "Lowest tunnel port", min = "1024", max = "65535")
    int remotePortMin() default 40000;

    @AttributeDefinition(name = "Highest tunnel port", min = "1024", max = "65535")
    int remotePortMax() default 40999;

    @AttributeDefinition(name = "Session length (s)", min = "10", max = "600", description = "At most ten minutes")
    int sessionSeconds() default 600;

    @AttributeDefinition(name = "Relay address", description = "Address the relay listens on; a host of its own, so the printer's pages never share "
            + "the portal's origin or cookies")
    String relayBindAddress() default "127.0.0.2";

    @AttributeDefinition(name = "Relay port", min = "0", max = "65535", description = "0: no relay")
    int relayPort() default 0;

    @AttributeDefinition(name = "Relay origin", description = "The relay as users' browsers reach it, e.g. https://relay.example.com; "
            + "empty: http://ADDRESS:PORT")
    String relayOrigin() default "";

    @AttributeDefinition(name = "Printers' web ports", description = "The ports of a printer a user may open (agents check their own list too)")
    int[] webPorts() default {80, 443};

    @AttributeDefinition(name = "HTTPS web ports", description = "Those of the web ports where the relay speaks TLS to the printer")
    int[] tlsPorts() default {443};

    @AttributeDefinition(name = "Tunnel-server token", type = AttributeType.PASSWORD, required = false,
            description = "Bearer token the tunnel server's AuthorizedKeysCommand sends to /tunnel/authorized-keys; empty: that endpoint is off")
    String authorizedKeysToken() default "";
}
