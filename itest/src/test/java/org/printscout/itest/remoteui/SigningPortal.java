package org.printscout.itest.remoteui;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.printscout.itest.Await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The portal's part at the broker, for the agent's tests: it holds the request-signing key, signs and
 * publishes requests, and collects the agents' status messages. (The portal's own implementation is
 * tested against the same broker in the end-to-end test.)
 */
final class SigningPortal implements AutoCloseable {

    final KeyPair key;
    final List<JsonObject> statuses = new CopyOnWriteArrayList<>();
    private final MqttClient client;

    SigningPortal(String brokerUri, String user, String password, SSLContext tls) throws Exception {
        key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        client = new MqttClient(brokerUri, "test-portal-" + UUID.randomUUID(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                statuses.add(JsonParser.parseString(new String(message.getPayload(), StandardCharsets.UTF_8)).getAsJsonObject());
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setSocketFactory(tls.getSocketFactory());
        client.connect(options);
        client.subscribe(new MqttSubscription[] {new MqttSubscription("printscout/agents/+/remote-ui/status", 1)});
    }

    String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
    }

    /** An open request as the portal signs it, valid for a minute; callers change fields to make it bad. */
    static JsonObject openRequest(String agent, String session, String device, int port, TunnelServer server, int remotePort) {
        JsonObject body = new JsonObject();
        body.addProperty("type", "open");
        body.addProperty("session", session);
        body.addProperty("agent", agent);
        body.addProperty("device", device);
        body.addProperty("port", port);
        JsonObject tunnel = new JsonObject();
        tunnel.addProperty("host", "127.0.0.1");
        tunnel.addProperty("port", server.port);
        body.add("tunnel", tunnel);
        body.addProperty("remotePort", remotePort);
        body.addProperty("seconds", 600);
        body.addProperty("expires", Instant.now().plusSeconds(60).getEpochSecond());
        body.addProperty("nonce", UUID.randomUUID().toString().replace("-", ""));
        body.addProperty("user", "tech");
        return body;
    }

    static JsonObject closeRequest(String agent, String session) {
        JsonObject body = new JsonObject();
        body.addProperty("type", "close");
        body.addProperty("session", session);
        body.addProperty("agent", agent);
        body.addProperty("expires", Instant.now().plusSeconds(60).getEpochSecond());
        body.addProperty("nonce", UUID.randomUUID().toString().replace("-", ""));
        return body;
    }

    byte[] sign(JsonObject body, PrivateKey with) throws Exception {
        byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(with);
        signer.update(payload);
        JsonObject envelope = new JsonObject();
        envelope.addProperty("payload", Base64.getEncoder().encodeToString(payload));
        envelope.addProperty("signature", Base64.getEncoder().encodeToString(signer.sign()));
        return envelope.toString().getBytes(StandardCharsets.UTF_8);
    }

    void publish(String agent, byte[] message) throws Exception {
        client.publish("printscout/agents/" + agent + "/remote-ui/request", message, 1, false);
    }

    void send(String agent, JsonObject body) throws Exception {
        publish(agent, sign(body, key.getPrivate()));
    }

    /** Waits for the agent's status of {@code session} in {@code state}; returns its reason. */
    String await(String session, String state, Duration timeout) throws InterruptedException {
        Await.until("status " + state + " of session " + session, timeout, () -> find(session, state).isPresent(),
                () -> " (statuses so far: " + statuses + ")");
        return find(session, state).orElseThrow().get("reason").getAsString();
    }

    Optional<JsonObject> find(String session, String state) {
        return statuses.stream().filter(s -> s.get("session").getAsString().equals(session) && s.get("state").getAsString().equals(state))
                .findFirst();
    }

    @Override
    public void close() throws Exception {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
