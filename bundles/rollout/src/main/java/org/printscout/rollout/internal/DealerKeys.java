package org.printscout.rollout.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dealers' Ed25519 public keys by key id (the first 16 hex digits of SHA-256 over the key's X.509
 * SubjectPublicKeyInfo encoding), read from {@code printscout-ed25519 BASE64 COMMENT} lines.
 */
final class DealerKeys {

    static final String PREFIX = "printscout-ed25519";

    private final Map<String, PublicKey> byId = new LinkedHashMap<>();

    /** Reads the lines; a line that is not a key is refused with {@code where} named. */
    static DealerKeys of(Collection<String> lines, String where) {
        DealerKeys keys = new DealerKeys();
        for (String line : lines) {
            if (line == null || line.isBlank()) {
                continue;
            }
            PublicKey key = parse(line, where);
            keys.byId.put(keyId(key), key);
        }
        return keys;
    }

    DealerKeys plus(DealerKeys more) {
        DealerKeys all = new DealerKeys();
        all.byId.putAll(byId);
        all.byId.putAll(more.byId);
        return all;
    }

    static PublicKey parse(String line, String where) {
        String[] parts = line.strip().split("\\s+", 3);
        if (parts.length < 2 || !parts[0].equals(PREFIX)) {
            throw new IllegalArgumentException(where + ": '" + shorten(line) + "' is not a '" + PREFIX + " BASE64 COMMENT' key line");
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(parts[1])));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException(where + ": '" + shorten(line) + "' is not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    static String line(PublicKey key, String comment) {
        return PREFIX + " " + Base64.getEncoder().encodeToString(key.getEncoded()) + (comment.isBlank() ? "" : " " + comment.strip());
    }

    static String keyId(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded())).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean isEmpty() {
        return byId.isEmpty();
    }

    int size() {
        return byId.size();
    }

    /** Why the signature does not hold for these fields, or null when a known key made it. */
    String refusal(SignedFields fields, String keyId, String signature) {
        if (signature == null || signature.isBlank()) {
            return "unsigned: the artifact carries no signature";
        }
        PublicKey key = byId.get(keyId);
        if (key == null) {
            return "signed with the unknown key " + shorten(String.valueOf(keyId)) + " (pinned and trusted: "
                    + (byId.isEmpty() ? "none" : String.join(", ", byId.keySet())) + ")";
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(signature.strip());
        } catch (IllegalArgumentException e) {
            return "the signature is not base64";
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(fields.bytes());
            return verifier.verify(bytes) ? null : "the signature does not verify with key " + keyId
                    + " (the artifact or its signed fields were changed after signing)";
        } catch (GeneralSecurityException e) {
            return "the signature does not verify with key " + keyId + ": " + e.getMessage();
        }
    }

    static byte[] sign(SignedFields fields, java.security.PrivateKey key) throws GeneralSecurityException {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key);
        signer.update(fields.bytes());
        return signer.sign();
    }

    private static String shorten(String text) {
        String one = text.replaceAll("[\\r\\n]", " ");
        return one.length() > 60 ? one.substring(0, 60) + "..." : one;
    }
}
