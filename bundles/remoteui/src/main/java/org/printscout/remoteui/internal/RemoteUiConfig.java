package org.printscout.remoteui.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * What the portal delivers with the site configuration: the customer's switch and what the agent needs
 * to take requests (the broker, the agent's broker credentials, the key the requests are signed with,
 * the tunnel servers' host keys). The request key is pinned the first time it is seen (see
 * {@link PinnedRequestKey}); the tunnel servers' host keys are compared byte for byte at every connect.
 */
@ObjectClassDefinition(name = "PrintScout remote web UI",
        description = "Opening a printer's web interface for a portal user: off unless the portal's admin switched it on for the customer")
@interface RemoteUiConfig {

    @AttributeDefinition(name = "Enabled", description = "The customer's switch, set by a portal admin; when off every request is refused")
    boolean enabled() default false;

    @AttributeDefinition(name = "Broker", description = "MQTT v5 broker: ssl://host:8883, or wss://host:443/mqtt through a site that "
            + "allows only outbound 443; tcp:// and ws:// only for a broker on this machine (loopback)")
    String brokerUri() default "";

    @AttributeDefinition(name = "Broker user", description = "The agent's name at the broker; its request topic is "
            + "printscout/agents/USER/remote-ui/request")
    String brokerUsername() default "";

    @AttributeDefinition(name = "Broker password", type = AttributeType.PASSWORD, required = false)
    String brokerPassword() default "";

    @AttributeDefinition(name = "Trusted certificates", required = false,
            description = "PEM certificates that the TLS certificates of the broker and of WebSocket tunnel servers must chain to; "
            + "empty: the JVM's trusted authorities")
    String trustedCertificates() default "";

    @AttributeDefinition(name = "Request key", description = "The portal's Ed25519 public key (X.509 SubjectPublicKeyInfo, base64) "
            + "that signs every request; pinned at first sight")
    String requestKey() default "";

    @AttributeDefinition(name = "Tunnel server host keys", required = false,
            description = "One entry per tunnel server: 'HOST:PORT KEYTYPE BASE64' as in known_hosts; a server not listed, or with "
                    + "another key, gets no tunnel")
    String[] tunnelHostKeys() default {};

    @AttributeDefinition(name = "Tunnel user", description = "The account on the tunnel servers the agent's key logs in to")
    String tunnelUser() default "printscout-tunnel";
}
