package org.printscout.portal.server.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The portal's side of the remote web UI: creates a session when an admin or technician asks for a
 * printer's web UI (only for a customer whose switch is on), signs the request and publishes it to the
 * agent's topic, takes the agents' status messages (an agent speaks only for its own sessions: the
 * topic names it, and the broker's ACL keeps it to that topic), ends sessions at their time limit or
 * when their user's portal session ends, answers the tunnel server's AuthorizedKeysCommand, and gives
 * agents their part of the site configuration. The relay (a Felix HTTP instance of its own, so the
 * printer's pages never share the portal's origin) asks it which tunnel a browser's cookie may reach.
 */
@Component(service = RemoteUiService.class, configurationPid = RemoteUiService.PID, immediate = true)
@Designate(ocd = RemoteUiPortalConfig.class)
public final class RemoteUiService implements MqttCallback {

    static final String PID = "org.printscout.portal.remoteui";
    /** The relay's Felix HTTP instance (factory configuration of org.apache.felix.http) and the name its servlets target. */
    static final String RELAY_NAME = "printscout-relay";
    static final String RELAY_TARGET = "(org.apache.felix.http.name=" + RELAY_NAME + ")";

    private static final String STATUS_TOPIC = "printscout/agents/+/remote-ui/status";
    private static final Pattern STATUS = Pattern.compile("printscout/agents/([A-Za-z0-9._-]{1,64})/remote-ui/status");
    private static final Duration REQUEST_VALIDITY = Duration.ofSeconds(60);
    private static final DateTimeFormatter SSH_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    /** What asking for a session came to: the session, or why not (for the user). */
    record Opening(RemoteUiStore.Session session, int status, String problem) {
    }

    private final Logger log;
    private final RemoteUiPortalConfig config;
    private final List<Integer> webPorts;
    private final List<Integer> tlsPorts;
    private final RemoteUiStore store;
    private final RemoteUiKeys keys;
    private final String trustedPem;
    private final MqttAsyncClient broker;
    private final ScheduledThreadPoolExecutor timers;
    private final String relayOrigin;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public RemoteUiService(@Reference(service = LoggerFactory.class) Logger log, @Reference PortalComponent portal,
                           @Reference ConfigurationAdmin configurationAdmin, RemoteUiPortalConfig config) throws Exception {
        this.log = log;
        this.config = config;
        ConfigValues.range(PID, "sessionSeconds", config.sessionSeconds(), 10, 600);
        ConfigValues.range(PID, "remotePortMin", config.remotePortMin(), 1024, 65535);
        ConfigValues.range(PID, "remotePortMax", config.remotePortMax(), config.remotePortMin(), 65535);
        this.webPorts = ports("webPorts", config.webPorts());
        this.tlsPorts = ports("tlsPorts", config.tlsPorts());
        this.store = new RemoteUiStore(portal.dataSource(), clock);
        this.keys = store.keys();
        this.trustedPem = config.trustedCertificatesFile().isBlank() ? "" : Files.readString(Path.of(config.trustedCertificatesFile().strip()),
                StandardCharsets.US_ASCII);
        this.relayOrigin = !config.relayOrigin().isBlank() ? config.relayOrigin().strip().replaceAll("/+$", "")
                : "http://" + config.relayBindAddress().strip() + ":" + config.relayPort();
        relay(configurationAdmin, config);
        this.timers = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "printscout-portal-remoteui");
            thread.setDaemon(true);
            return thread;
        });
        if (config.brokerUri().isBlank()) {
            this.broker = null;
            log.info("portal: remote web UI off (no brokerUri in " + PID + ")");
            return;
        }
        this.broker = new MqttAsyncClient(config.brokerUri().strip(), "printscout-portal-" + UUID.randomUUID().toString().substring(0, 8),
                new MemoryPersistence());
        broker.setCallback(this);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(config.brokerUsername());
        options.setPassword(config.brokerPassword().getBytes(StandardCharsets.UTF_8));
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        options.setCleanStart(true);
        options.setConnectionTimeout(10);
        SSLContext tls = trustedPem.isEmpty() ? null : Tls.trusting(trustedPem, PID + ": trustedCertificatesFile");
        if (tls != null) {
            options.setSocketFactory(tls.getSocketFactory());
        }
        timers.execute(() -> connect(options, Duration.ofSeconds(1)));
        timers.scheduleWithFixedDelay(this::sweep, 2, 2, TimeUnit.SECONDS);
    }

    /** The relay's own Felix HTTP instance, on a host of its own; removed when no relay port is configured. */
    private static void relay(ConfigurationAdmin admin, RemoteUiPortalConfig config) throws IOException {
        Configuration relay = admin.getFactoryConfiguration("org.apache.felix.http", RELAY_NAME, "?");
        if (config.relayPort() <= 0) {
            if (relay.getProperties() != null) {
                relay.delete();
            }
            return;
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("org.apache.felix.http.name", RELAY_NAME);
        properties.put("org.apache.felix.http.host", config.relayBindAddress().strip());
        properties.put("org.osgi.service.http.port", Integer.toString(config.relayPort()));
        properties.put("org.apache.felix.http.enable", "true");
        properties.put("org.apache.felix.https.enable", "false");
        // Jetty's own WebSocket server, for the printers' pages' WebSockets (RelayServlet, RelayWebSocket)
        properties.put("org.apache.felix.jetty.websocket.enable", "true");
        relay.updateIfDifferent(properties);
    }

    private void connect(MqttConnectionOptions options, Duration backoff) {
        try {
            broker.connect(options).waitForCompletion(15_000);
        } catch (MqttException e) {
            log.warn("portal: cannot connect to the remote-UI broker " + config.brokerUri() + ": " + e.getMessage()
                    + "; trying again in " + backoff.toSeconds() + " s");
            Duration next = backoff.multipliedBy(2).compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : backoff.multipliedBy(2);
            timers.schedule(() -> connect(options, next), backoff.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        timers.shutdownNow();
        if (broker != null) {
            try {
                if (broker.isConnected()) {
                    broker.disconnect(2_000).waitForCompletion(3_000);
                }
                broker.close(true);
            } catch (MqttException e) {
                // closing anyway
            }
        }
    }

    boolean on() {
        return broker != null;
    }

    boolean brokerConnected() {
        return broker != null && broker.isConnected();
    }

    String relayOrigin() {
        return relayOrigin;
    }

    /** The printers' web ports a user may open, in the order the device page offers them. */
    List<Integer> webPorts() {
        return webPorts;
    }

    /** Whether the relay speaks TLS to a printer's {@code port} (its HTTPS port). */
    boolean tls(int port) {
        return tlsPorts.contains(port);
    }

    private static List<Integer> ports(String key, int[] ports) {
        List<Integer> list = new ArrayList<>();
        for (int port : ports == null ? new int[0] : ports) {
            list.add(ConfigValues.range(PID, key, port, 1, 65535));
        }
        return List.copyOf(list);
    }

    RemoteUiStore store() {
        return store;
    }

    /** The agent's part of its site configuration (PID org.printscout.remoteui), with the customer's switch. */
    JsonObject agentSettings(String agentId, boolean enabled) {
        JsonObject settings = new JsonObject();
        settings.addProperty("enabled", enabled);
        if (broker == null) {
            return settings;
        }
        settings.addProperty("brokerUri", config.agentBrokerUri().isBlank() ? config.brokerUri().strip() : config.agentBrokerUri().strip());
        settings.addProperty("brokerUsername", agentId);
        settings.addProperty("brokerPassword", keys.brokerPassword(agentId));
        if (!trustedPem.isEmpty()) {
            settings.addProperty("trustedCertificates", trustedPem);
        }
        settings.addProperty("requestKey", keys.requestPublicKey());
        JsonArray hostKeys = new JsonArray();
        if (!config.tunnelHostKey().isBlank()) {
            hostKeys.add(config.tunnelHost().strip() + ":" + config.tunnelPort() + " " + config.tunnelHostKey().strip());
        }
        settings.add("tunnelHostKeys", hostKeys);
        settings.addProperty("tunnelUser", config.tunnelUser());
        return settings;
    }

    /**
     * A session for the user's request to open a device's web UI on {@code port}: refused (with the
     * HTTP status and reason) for a viewer, a device outside the user's customers (404, as for a device
     * that does not exist), a customer whose switch is off, or an agent without a registered key.
     */
    Opening open(UserStore.User user, String portalSessionSha256, long deviceId, int port) throws SQLException {
        if (broker == null) {
            return new Opening(null, 409, "the remote web UI is not set up on this portal");
        }
        if (user.role() == UserStore.Role.VIEWER) {
            return new Opening(null, 403, "only admins and technicians may open a printer's web UI");
        }
        Optional<RemoteUiStore.Target> target = store.target(user, deviceId);
        if (target.isEmpty()) {
            return new Opening(null, 404, "no such device");
        }
        if (!target.get().allowed()) {
            return new Opening(null, 403, "the remote web UI is not enabled for this customer");
        }
        if (!store.hasKey(target.get().agentId())) {
            return new Opening(null, 409, "the site's agent has not registered its tunnel key yet");
        }
        Instant expires = clock.instant().plusSeconds(config.sessionSeconds());
        Optional<RemoteUiStore.Session> session = store.create(target.get(), port, user.username(), portalSessionSha256, config.remotePortMin(),
                config.remotePortMax(), expires);
        if (session.isEmpty()) {
            return new Opening(null, 503, "every tunnel port is in use; try again in a few minutes");
        }
        publish(session.get().agentId(), request(session.get(), "open"));
        log.info("portal: remote UI session " + session.get().id() + " requested by " + user.username() + " for device " + deviceId + " ("
                + target.get().address() + ":" + port + ") through agent " + target.get().agentId());
        return new Opening(session.get(), 201, "");
    }

    /** Whether the device page offers "Open web UI": the feature runs, the user may use it, the customer allows it. */
    boolean offered(UserStore.User user, long deviceId) throws SQLException {
        return broker != null && user.role() != UserStore.Role.VIEWER && store.target(user, deviceId).map(RemoteUiStore.Target::allowed).orElse(false);
    }

    /** Ends a session (the user, or an admin, pressed end; or its time is up). */
    void end(RemoteUiStore.Session session, String reason) throws SQLException {
        if (store.end(session.id(), reason)) {
            publish(session.agentId(), request(session, "close"));
            log.info("portal: remote UI session " + session.id() + " ended: " + reason);
        }
    }

    private String request(RemoteUiStore.Session session, String type) {
        JsonObject body = new JsonObject();
        body.addProperty("type", type);
        body.addProperty("session", session.id());
        body.addProperty("agent", session.agentId());
        if (type.equals("open")) {
            body.addProperty("device", session.deviceAddress());
            body.addProperty("port", session.devicePort());
            JsonObject tunnel = new JsonObject();
            tunnel.addProperty("host", config.tunnelHost().strip());
            tunnel.addProperty("port", config.tunnelPort());
            if (!config.tunnelWebSocket().isBlank()) {
                tunnel.addProperty("webSocket", URI.create(config.tunnelWebSocket().strip()).toString());
            }
            body.add("tunnel", tunnel);
            body.addProperty("remotePort", session.remotePort());
            body.addProperty("seconds", Math.max(1, Duration.between(clock.instant(), session.expires()).getSeconds()));
            body.addProperty("user", session.username());
        }
        body.addProperty("expires", clock.instant().plus(REQUEST_VALIDITY).getEpochSecond());
        body.addProperty("nonce", UUID.randomUUID().toString().replace("-", ""));
        return keys.sign(body.toString());
    }

    private void publish(String agentId, String envelope) {
        try {
            broker.publish("printscout/agents/" + agentId + "/remote-ui/request", envelope.getBytes(StandardCharsets.UTF_8), 1, false);
        } catch (MqttException e) {
            log.warn("portal: cannot publish a remote-UI request to agent " + agentId + ": " + e.getMessage());
        }
    }

    private void sweep() {
        try {
            for (RemoteUiStore.Session overdue : store.overdue()) {
                end(overdue, overdue.expires().isAfter(clock.instant()) ? "the user's portal session ended"
                        : "the session's time limit is up");
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("portal: remote UI sessions could not be checked (tried again in 2 s): " + e);
        }
    }

    /**
     * The tunnel server's AuthorizedKeysCommand answer for a key fingerprint: the agent's key, allowed
     * to listen only on its live sessions' loopback ports, nothing else, until the last one expires.
     */
    Optional<String> authorizedKeys(String fingerprint) throws SQLException {
        return store.listen(fingerprint).map(listen -> {
            StringBuilder line = new StringBuilder("restrict,port-forwarding");
            for (int port : listen.ports()) {
                line.append(",permitlisten=\"127.0.0.1:").append(port).append('"');
            }
            line.append(",expiry-time=\"").append(SSH_TIME.format(listen.until())).append("\" ").append(listen.publicKey());
            return line.append('\n').toString();
        });
    }

    boolean authorizedKeysToken(String presented) {
        byte[] expected = config.authorizedKeysToken().getBytes(StandardCharsets.UTF_8);
        return expected.length > 0 && presented != null && java.security.MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected);
    }

    /** A mosquitto password file for the portal and every agent (derived passwords; nothing stored). */
    String mosquittoPasswords(List<String> agentIds) {
        StringBuilder file = new StringBuilder();
        file.append(RemoteUiKeys.mosquittoLine(config.brokerUsername(), config.brokerPassword())).append('\n');
        for (String agent : agentIds) {
            file.append(RemoteUiKeys.mosquittoLine(agent, keys.brokerPassword(agent))).append('\n');
        }
        return file.toString();
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        log.info("portal: remote UI " + (reconnect ? "reconnected" : "connected") + " to the broker " + serverUri);
        try {
            broker.subscribe(new MqttSubscription[] {new MqttSubscription(STATUS_TOPIC, 1)}, null, null, new MqttProperties());
        } catch (MqttException e) {
            log.warn("portal: cannot subscribe to " + STATUS_TOPIC + ": " + e.getMessage());
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        java.util.regex.Matcher agent = STATUS.matcher(topic);
        if (!agent.matches() || message.getPayload().length > 8192) {
            return;
        }
        try {
            JsonObject status = JsonParser.parseString(new String(message.getPayload(), StandardCharsets.UTF_8)).getAsJsonObject();
            String session = status.get("session").getAsString();
            String state = status.get("state").getAsString();
            String reason = status.has("reason") ? status.get("reason").getAsString() : "";
            if (!session.isEmpty() && store.report(agent.group(1), session, state, reason.replaceAll("\\p{Cntrl}", " "))) {
                log.info("portal: remote UI session " + session + " is " + state + " (agent " + agent.group(1) + "): " + reason);
            }
        } catch (RuntimeException | SQLException e) {
            log.warn("portal: an unreadable remote-UI status from agent " + agent.group(1) + ": " + e.getMessage());
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        log.warn("portal: lost the remote-UI broker: " + response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        log.warn("portal: remote-UI broker error: " + exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // nothing to do for QoS 1 acknowledgements
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication
    }

}
