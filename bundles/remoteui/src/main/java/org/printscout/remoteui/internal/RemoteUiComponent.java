package org.printscout.remoteui.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.printscout.api.inventory.Inventory;
import org.printscout.api.inventory.KnownDevice;

import com.google.gson.JsonObject;

/**
 * The agent's side of the remote web UI: takes the portal's requests from the broker, has
 * {@link RequestCheck} decide each one, has {@link TunnelManager} open or close the tunnel, and
 * publishes what happened (open, refused with the reason, failed, closed). With the customer's
 * switch off the agent still listens, so the user who asked learns why nothing opens; switching it
 * off closes every open session (the component is reconfigured, which closes them).
 */
@Component(immediate = true, configurationPid = "org.printscout.remoteui")
@Designate(ocd = RemoteUiConfig.class)
public final class RemoteUiComponent {

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private final Logger log;
    private final TunnelManager tunnels;
    private final RemoteUiConfig config;
    private final ScheduledThreadPoolExecutor retries;
    private final BrokerLink link;
    private final RequestCheck check;
    private final PinnedHostKeys hostKeys;
    private final SSLContext tls;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Inventory inventory;

    @Activate
    public RemoteUiComponent(@Reference(service = LoggerFactory.class) Logger log, @Reference TunnelManager tunnels, RemoteUiConfig config)
            throws IOException, MqttException {
        this.log = log;
        this.tunnels = tunnels;
        this.config = config;
        if (config.brokerUri().isBlank()) {
            log.info("remote UI: no broker configured (org.printscout.remoteui brokerUri); requests cannot reach this agent");
            this.retries = null;
            this.link = null;
            this.check = null;
            this.hostKeys = null;
            this.tls = null;
            return;
        }
        String uri = checkedBrokerUri(config.brokerUri());
        if (!USER.matcher(config.brokerUsername()).matches()) {
            throw new IllegalArgumentException("org.printscout.remoteui: key 'brokerUsername' must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (config.requestKey().isBlank()) {
            throw new IllegalArgumentException("org.printscout.remoteui: key 'requestKey' is empty: without the portal's key no request can be checked");
        }
        PublicKey requestKey = PinnedRequestKey.load(config.requestKey(), tunnels.directory().resolve("request-key.pin"));
        this.hostKeys = new PinnedHostKeys(config.tunnelHostKeys());
        this.tls = TrustedCertificates.context(config.trustedCertificates());
        this.check = new RequestCheck(requestKey, config.brokerUsername(), new NonceStore(tunnels.directory().resolve("seen-nonces")),
                Clock.systemUTC());
        this.retries = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "printscout-remoteui-broker");
            thread.setDaemon(true);
            return thread;
        });
        this.link = new BrokerLink(uri, config.brokerUsername(), config.brokerPassword(), tls, this::onRequest, retries,
                new BrokerLink.Events() {
                    @Override
                    public void info(String message) {
                        log.info(message);
                    }

                    @Override
                    public void warn(String message) {
                        log.warn(message);
                    }
                });
        link.start();
        log.info("remote UI: " + (config.enabled() ? "enabled" : "not enabled") + " for this site; broker " + uri);
    }

    /** tcp:// and ws:// carry the broker password in clear: only to a broker on this machine. */
    private static String checkedBrokerUri(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("org.printscout.remoteui: key 'brokerUri' is not a URI: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !Set.of("ssl", "wss", "tcp", "ws").contains(scheme)) {
            throw new IllegalArgumentException("org.printscout.remoteui: key 'brokerUri' must be ssl://HOST:PORT or wss://HOST:PORT/PATH, not '"
                    + text + "'");
        }
        if ((scheme.equals("tcp") || scheme.equals("ws")) && !LOOPBACK.contains(uri.getHost())) {
            throw new IllegalArgumentException("org.printscout.remoteui: key 'brokerUri' uses " + scheme + "://, which is not encrypted: "
                    + "only a broker on this machine may be reached that way; use ssl:// or wss://");
        }
        return uri.toString();
    }

    @Deactivate
    void deactivate() {
        if (link == null) {
            return;
        }
        tunnels.closeAll("the remote UI's configuration changed or the agent is stopping");
        link.close();
        retries.shutdownNow();
    }

    private void onRequest(byte[] message) {
        RequestCheck.Decision decision = check.decide(message, new RequestCheck.Site() {
            @Override
            public boolean enabled() {
                return config.enabled();
            }

            @Override
            public Optional<String> printerAddress(String device) {
                Inventory known = inventory;
                if (known == null) {
                    return Optional.empty();
                }
                return known.devices().stream().filter(d -> d.id().equals(device) || d.address().equals(device))
                        .filter(d -> d.lastReading() != null).map(KnownDevice::address).findFirst();
            }

            @Override
            public Set<Integer> webPorts() {
                return tunnels.webPorts();
            }

            @Override
            public int openSessions() {
                return tunnels.openSessions();
            }

            @Override
            public int maxSessions() {
                return tunnels.maxSessions();
            }

            @Override
            public boolean isOpen(String session) {
                return tunnels.isOpen(session);
            }
        });
        if (!decision.accepted()) {
            log.warn("remote UI: " + decision.refusal() + (decision.session().isEmpty() ? "" : " (session " + decision.session() + ")"));
            publish(decision.session(), "refused", decision.refusal());
            return;
        }
        TunnelRequest request = decision.request();
        if (request.type() == TunnelRequest.Type.CLOSE) {
            if (!tunnels.close(request.session(), "the portal ended the session")) {
                publish(request.session(), "closed", "no such session open");
            }
            return;
        }
        tunnels.open(request, decision.printerAddress(), hostKeys, config.tunnelUser(), tls, this::publish);
    }

    private void publish(String session, String state, String reason) {
        JsonObject status = new JsonObject();
        status.addProperty("session", session);
        status.addProperty("state", state);
        status.addProperty("reason", reason);
        status.addProperty("at", Instant.now().toString());
        link.publish(status.toString());
    }
}
