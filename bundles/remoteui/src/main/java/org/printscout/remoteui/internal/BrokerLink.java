package org.printscout.remoteui.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import org.eclipse.paho.mqttv5.client.DisconnectedBufferOptions;
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

/**
 * The agent's MQTT v5 connection to the dealer's broker (Eclipse Paho). It keeps its session across
 * reconnects (no clean start, a session expiry of an hour), so a request published while the link
 * was down is still delivered; it subscribes to its own request topic only, and publishes each
 * session's state on its status topic. The first connect is retried with back-off here (Paho's own
 * automatic reconnect takes over only after a first success).
 */
final class BrokerLink implements MqttCallback {

    static final String TOPIC_PREFIX = "printscout/agents/";

    /** What the link reports about itself (logged by the component). */
    interface Events {
        void info(String message);

        void warn(String message);
    }

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final String requestTopic;
    private final String statusTopic;
    private final Consumer<byte[]> requests;
    private final ScheduledExecutorService retries;
    private final Events events;
    private volatile boolean closed;
    private volatile boolean connected;
    private Duration backoff = Duration.ofSeconds(1);

    BrokerLink(String uri, String username, String password, SSLContext tls, Consumer<byte[]> requests,
               ScheduledExecutorService retries, Events events) throws MqttException {
        this.requestTopic = TOPIC_PREFIX + username + "/remote-ui/request";
        this.statusTopic = TOPIC_PREFIX + username + "/remote-ui/status";
        this.requests = requests;
        this.retries = retries;
        this.events = events;
        this.client = new MqttAsyncClient(uri, "printscout-agent-" + username, new MemoryPersistence());
        client.setCallback(this);
        DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setBufferSize(200);
        buffer.setDeleteOldestMessages(true);
        client.setBufferOpts(buffer);
        options = new MqttConnectionOptions();
        options.setUserName(username);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 60);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(15);
        options.setMaximumPacketSize((long) RequestCheck.MAX_MESSAGE_BYTES + 512);
        if (tls != null) {
            options.setSocketFactory(tls.getSocketFactory());
        }
    }

    String statusTopic() {
        return statusTopic;
    }

    boolean connected() {
        return connected;
    }

    void start() {
        retries.execute(this::tryConnect);
    }

    private void tryConnect() {
        if (closed || client.isConnected()) {
            return;
        }
        try {
            client.connect(options).waitForCompletion(20_000);
            backoff = Duration.ofSeconds(1);
        } catch (MqttException e) {
            events.warn("remote UI: cannot connect to the broker " + client.getServerURI() + ": " + describe(e)
                    + "; trying again in " + backoff.toSeconds() + " s");
            retries.schedule(this::tryConnect, backoff.toMillis(), TimeUnit.MILLISECONDS);
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
        }
    }

    private static String describe(MqttException e) {
        Throwable cause = e.getCause();
        return e.getMessage() + (cause == null ? "" : " (" + cause.getMessage() + ")");
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        connected = true;
        events.info("remote UI: " + (reconnect ? "reconnected" : "connected") + " to the broker " + serverUri + ", requests on " + requestTopic);
        try {
            // The array overload: Paho 1.2.5's subscribe(String, int, listener) calls itself forever.
            client.subscribe(new MqttSubscription[] {new MqttSubscription(requestTopic, 1)}, null, null, new MqttProperties());
        } catch (MqttException e) {
            events.warn("remote UI: cannot subscribe to " + requestTopic + ": " + describe(e));
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        if (requestTopic.equals(topic)) {
            requests.accept(message.getPayload());
        }
    }

    /** Publishes a state at QoS 1; kept in a bounded buffer while the link is down. */
    void publish(String json) {
        try {
            client.publish(statusTopic, json.getBytes(StandardCharsets.UTF_8), 1, false);
        } catch (MqttException e) {
            events.warn("remote UI: cannot publish a session state: " + describe(e));
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        connected = false;
        if (!closed) {
            events.warn("remote UI: lost the broker: " + response.getReasonString() + "; reconnecting");
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        events.warn("remote UI: broker error: " + describe(exception));
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // QoS 1 acknowledgements need no action.
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // No enhanced authentication is used.
    }

    void close() {
        closed = true;
        try {
            if (client.isConnected()) {
                client.disconnect(2_000).waitForCompletion(3_000);
            }
        } catch (MqttException e) {
            // Closing anyway.
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // Nothing more to release.
        }
    }
}
