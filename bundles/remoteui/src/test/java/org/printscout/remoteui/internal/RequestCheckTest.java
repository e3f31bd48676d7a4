package org.printscout.remoteui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

class RequestCheckTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @TempDir
    Path dir;

    private KeyPair portal;
    private RequestCheck check;
    private boolean enabled = true;
    private int open;

    private final RequestCheck.Site site = new RequestCheck.Site() {
        @Override
        public boolean enabled() {
            return enabled;
        }

        @Override
        public Optional<String> printerAddress(String device) {
            return Optional.ofNullable(Map.of("dev-1", "127.0.0.5", "127.0.0.5", "127.0.0.5").get(device));
        }

        @Override
        public Set<Integer> webPorts() {
            return Set.of(80, 443);
        }

        @Override
        public int openSessions() {
            return open;
        }

        @Override
        public int maxSessions() {
            return 2;
        }

        @Override
        public boolean isOpen(String session) {
            return false;
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        portal = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        check = new RequestCheck(portal.getPublic(), "agent-1", new NonceStore(dir.resolve("nonces")), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static JsonObject request(String nonce) {
        JsonObject body = new JsonObject();
        body.addProperty("type", "open");
        body.addProperty("session", "session-0001");
        body.addProperty("agent", "agent-1");
        body.addProperty("device", "dev-1");
        body.addProperty("port", 80);
        JsonObject tunnel = new JsonObject();
        tunnel.addProperty("host", "127.0.0.1");
        tunnel.addProperty("port", 2222);
        body.add("tunnel", tunnel);
        body.addProperty("remotePort", 40001);
        body.addProperty("seconds", 600);
        body.addProperty("expires", NOW.plusSeconds(60).getEpochSecond());
        body.addProperty("nonce", nonce);
        body.addProperty("user", "tech");
        return body;
    }

    private static byte[] signed(JsonObject body, PrivateKey key) throws Exception {
        byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key);
        signer.update(payload);
        JsonObject envelope = new JsonObject();
        envelope.addProperty("payload", Base64.getEncoder().encodeToString(payload));
        envelope.addProperty("signature", Base64.getEncoder().encodeToString(signer.sign()));
        return envelope.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String refusal(JsonObject body) throws Exception {
        return check.decide(signed(body, portal.getPrivate()), site).refusal();
    }

    @Test
    void aGoodRequestIsAcceptedWithThePrintersAddressFromTheInventory() throws Exception {
        RequestCheck.Decision decision = check.decide(signed(request("nonce-000000000001"), portal.getPrivate()), site);
        assertNull(decision.refusal());
        assertEquals("127.0.0.5", decision.printerAddress());
        assertEquals(40001, decision.request().remotePort());
        assertEquals("127.0.0.1:2222", decision.request().tunnelName());
    }

    @Test
    void anotherKeysSignatureIsRefusedBeforeAnythingIsRead() throws Exception {
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String reason = check.decide(signed(request("nonce-000000000002"), other.getPrivate()), site).refusal();
        assertTrue(reason.contains("signature does not verify"), reason);
    }

    @Test
    void aChangedByteOfTheSignedPayloadIsRefused() throws Exception {
        String envelope = new String(signed(request("nonce-000000000003"), portal.getPrivate()), StandardCharsets.UTF_8);
        JsonObject tampered = com.google.gson.JsonParser.parseString(envelope).getAsJsonObject();
        byte[] payload = Base64.getDecoder().decode(tampered.get("payload").getAsString());
        String changed = new String(payload, StandardCharsets.UTF_8).replace("dev-1", "dev-2");
        tampered.addProperty("payload", Base64.getEncoder().encodeToString(changed.getBytes(StandardCharsets.UTF_8)));
        String reason = check.decide(tampered.toString().getBytes(StandardCharsets.UTF_8), site).refusal();
        assertTrue(reason.contains("signature does not verify"), reason);
        assertTrue(check.decide("not json".getBytes(StandardCharsets.UTF_8), site).refusal().contains("not a signed request envelope"));
    }

    @Test
    void eachPolicyCheckNamesItsReason() throws Exception {
        JsonObject otherAgent = request("nonce-000000000010");
        otherAgent.addProperty("agent", "agent-2");
        assertTrue(refusal(otherAgent).contains("meant for agent agent-2"));

        JsonObject expired = request("nonce-000000000011");
        expired.addProperty("expires", NOW.minusSeconds(1).getEpochSecond());
        assertTrue(refusal(expired).contains("expired"));

        JsonObject tooLong = request("nonce-000000000012");
        tooLong.addProperty("expires", NOW.plusSeconds(3600).getEpochSecond());
        assertTrue(refusal(tooLong).contains("more than 5 minutes ahead"));

        JsonObject lanHost = request("nonce-000000000013");
        lanHost.addProperty("device", "192.168.1.10");
        assertTrue(refusal(lanHost).contains("not a printer in this agent's inventory"));

        JsonObject ssh = request("nonce-000000000014");
        ssh.addProperty("port", 22);
        assertTrue(refusal(ssh).contains("port 22 is not one of the printer's web ports"));

        open = 2;
        assertTrue(refusal(request("nonce-000000000015")).contains("2 sessions are open, at most 2"));
        open = 0;

        enabled = false;
        assertTrue(refusal(request("nonce-000000000016")).contains("not enabled for this site"));
    }

    @Test
    void aReplayIsRefusedAlsoAfterARestart() throws Exception {
        byte[] message = signed(request("nonce-000000000020"), portal.getPrivate());
        assertNull(check.decide(message, site).refusal());
        assertTrue(check.decide(message, site).refusal().contains("nonce was seen before"));
        RequestCheck restarted = new RequestCheck(portal.getPublic(), "agent-1", new NonceStore(dir.resolve("nonces")),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertTrue(restarted.decide(message, site).refusal().contains("nonce was seen before"));
    }

    @Test
    void malformedFieldsAreRefusedWithTheirName() throws Exception {
        JsonObject lowPort = request("nonce-000000000030");
        lowPort.addProperty("remotePort", 22);
        assertTrue(refusal(lowPort).contains("'remotePort' must be a whole number from 1024 to 65535"));
        JsonObject badDevice = request("nonce-000000000031");
        badDevice.addProperty("device", "a b; rm -rf /");
        assertTrue(refusal(badDevice).contains("'device' is not of the form"));
        assertTrue(check.decide(new byte[RequestCheck.MAX_MESSAGE_BYTES + 1], site).refusal().contains("at most"));
    }

    @Test
    void theRequestKeyIsPinnedAtFirstSight() throws Exception {
        String first = Base64.getEncoder().encodeToString(portal.getPublic().getEncoded());
        Path pin = dir.resolve("request-key.pin");
        assertEquals(portal.getPublic(), PinnedRequestKey.load(first, pin));
        assertTrue(Files.exists(pin));
        String other = Base64.getEncoder().encodeToString(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded());
        IllegalStateException changed = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> PinnedRequestKey.load(other, pin));
        assertTrue(changed.getMessage().contains("differs from the one pinned"));
    }
}
