package org.printscout.portal.server.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The portal's remote-UI secrets, all from the JDK's providers: the Ed25519 key that signs requests
 * (its public half is what agents pin), and the secret each agent's broker password is derived from
 * (HMAC-SHA-256 of the agent id), so no password is stored and every node derives the same one.
 */
final class RemoteUiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final PrivateKey requestKey;
    private final String requestPublicKey;
    private final byte[] brokerSecret;

    RemoteUiKeys(String privateKeyBase64, String publicKeyBase64, String brokerSecretBase64) {
        try {
            this.requestKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKeyBase64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored remote-UI request key is not an Ed25519 key", e);
        }
        this.requestPublicKey = publicKeyBase64;
        this.brokerSecret = Base64.getDecoder().decode(brokerSecretBase64);
    }

    /** New secrets: {private key, public key, broker secret}, each base64. */
    static String[] generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            Base64.Encoder b64 = Base64.getEncoder();
            return new String[] {b64.encodeToString(pair.getPrivate().getEncoded()), b64.encodeToString(pair.getPublic().getEncoded()),
                b64.encodeToString(secret)};
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make Ed25519 keys", e);
        }
    }

    /** The agent-side configuration's {@code requestKey}: X.509 SubjectPublicKeyInfo, base64. */
    String requestPublicKey() {
        return requestPublicKey;
    }

    /** The envelope an agent checks: {@code {"payload": BASE64, "signature": BASE64}}. */
    String sign(String payloadJson) {
        byte[] payload = payloadJson.getBytes(StandardCharsets.UTF_8);
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(requestKey);
            signer.update(payload);
            com.google.gson.JsonObject envelope = new com.google.gson.JsonObject();
            envelope.addProperty("payload", Base64.getEncoder().encodeToString(payload));
            envelope.addProperty("signature", Base64.getEncoder().encodeToString(signer.sign()));
            return envelope.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a remote-UI request", e);
        }
    }

    /** The agent's broker password. */
    String brokerPassword(String agentId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(brokerSecret, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(("mqtt:" + agentId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A mosquitto 2 password-file line ({@code user:$7$ITERATIONS$SALT$HASH}: PBKDF2-HMAC-SHA512, a
     * 12-byte salt, a 64-byte hash), so the broker checks the same password without it ever being stored.
     */
    static String mosquittoLine(String user, String password) {
        byte[] salt = new byte[12];
        RANDOM.nextBytes(salt);
        int iterations = 101;
        try {
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 64 * 8)).getEncoded();
            return user + ":$7$" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$" + Base64.getEncoder().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
