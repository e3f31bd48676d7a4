package org.printscout.portal.server.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The signed-artifact format of docs/rollout.md (the contract between portal and agent): a dealer's
 * public key line ({@code printscout-ed25519 <base64 X.509> comment}), the {@code .sig} JSON beside an
 * artifact, and the Ed25519 check over exactly the signed lines ({@code printscout-artifact-1}, kind,
 * symbolic name, version, sha256, size, each ending in a newline). The JDK does the cryptography.
 */
final class ArtifactSignature {

    static final String KEY_PREFIX = "printscout-ed25519";
    static final String FORMAT = "printscout-signature-1";
    static final Set<String> KINDS = Set.of("bundle", "mapping");
    /** The largest .sig file (a few hundred bytes in practice). */
    static final int MAX_SIG_BYTES = 8 * 1024;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,199}");
    private static final Pattern SYMBOLIC_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final Pattern VERSION = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9}(\\.[0-9]{1,9}(\\.[A-Za-z0-9_-]{1,64})?)?)?");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern HEX16 = Pattern.compile("[0-9a-f]{16}");

    /** Why an artifact, a signature or a key is refused, in words for the dealer. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** A dealer's public key: its id (first 16 hex of SHA-256 over the X.509 encoding), the key, the base64 form, the comment. */
    record DealerKey(String keyId, PublicKey key, String base64, String comment) {
        String line() {
            return KEY_PREFIX + " " + base64 + (comment.isEmpty() ? "" : " " + comment);
        }
    }

    /** The members of a .sig file, checked for form (not yet for the signature). */
    record Signed(String kind, String name, String symbolicName, String version, String sha256, long size, String keyId, String signature) {

        /** The exact bytes the dealer signed. */
        byte[] signedBytes() {
            return ArtifactSignature.signedBytes(kind, symbolicName, version, sha256, size);
        }
    }

    private ArtifactSignature() {
    }

    static byte[] signedBytes(String kind, String symbolicName, String version, String sha256, long size) {
        return ("printscout-artifact-1\n" + kind + "\n" + symbolicName + "\n" + version + "\n" + sha256 + "\n" + size + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String keyId(byte[] x509) {
        try {
            return hex(MessageDigest.getInstance("SHA-256").digest(x509)).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a public key line as the signing CLI writes it; the comment may be empty. */
    static DealerKey parseKey(String line) throws Refused {
        String[] parts = line.strip().split("\\s+", 3);
        if (parts.length < 2 || !parts[0].equals(KEY_PREFIX)) {
            throw new Refused("a dealer key is one line: " + KEY_PREFIX + " <base64 X.509 public key> <comment>");
        }
        byte[] x509;
        PublicKey key;
        try {
            x509 = Base64.getDecoder().decode(parts[1]);
            key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new Refused("the key is not a base64 X.509 Ed25519 public key");
        }
        String comment = parts.length == 3 ? parts[2].replaceAll("\\p{Cntrl}", " ").strip() : "";
        if (comment.length() > 200) {
            throw new Refused("the key's comment may be at most 200 characters");
        }
        return new DealerKey(keyId(x509), key, Base64.getEncoder().encodeToString(x509), comment);
    }

    /** Parses and checks the form of a .sig file. */
    static Signed parseSignature(byte[] sig) throws Refused {
        if (sig.length > MAX_SIG_BYTES) {
            throw new Refused("the .sig file may be at most " + MAX_SIG_BYTES + " bytes");
        }
        JsonObject json;
        try {
            json = Json.object(new String(sig, StandardCharsets.UTF_8));
        } catch (Json.Refused e) {
            throw new Refused("the .sig file is not JSON: " + e.getMessage());
        }
        if (!FORMAT.equals(member(json, "format"))) {
            throw new Refused("the .sig file's format must be " + FORMAT);
        }
        String kind = required(json, "kind");
        if (!KINDS.contains(kind)) {
            throw new Refused("kind must be bundle or mapping, not " + printable(kind));
        }
        String name = required(json, "name");
        if (!NAME.matcher(name).matches()) {
            throw new Refused("name must be a file name of letters, digits, '.', '_', '+' and '-' (at most 200)");
        }
        String symbolicName = required(json, "symbolicName");
        if (symbolicName.length() > 200 || !SYMBOLIC_NAME.matcher(symbolicName).matches()) {
            throw new Refused("symbolicName " + printable(symbolicName) + " is not a symbolic name (at most 200 characters)");
        }
        String version = required(json, "version");
        if (!VERSION.matcher(version).matches()) {
            throw new Refused("version " + printable(version) + " is not an OSGi version (major[.minor[.micro[.qualifier]]])");
        }
        String sha256 = required(json, "sha256");
        if (!HEX64.matcher(sha256).matches()) {
            throw new Refused("sha256 must be 64 lower-case hex digits");
        }
        long size;
        try {
            size = json.get("size").getAsJsonPrimitive().getAsBigDecimal().longValueExact();
        } catch (RuntimeException e) {
            throw new Refused("size must be a whole number of bytes");
        }
        if (size < 0) {
            throw new Refused("size must not be negative");
        }
        String keyId = required(json, "keyId");
        if (!HEX16.matcher(keyId).matches()) {
            throw new Refused("keyId must be 16 lower-case hex digits");
        }
        String signature = required(json, "signature");
        if (signature.length() > 200) {
            throw new Refused("signature is too long for an Ed25519 signature");
        }
        return new Signed(kind, name, symbolicName, version, sha256, size, keyId, signature);
    }

    /** True when {@code signed.signature} is the key's Ed25519 signature over the signed lines. */
    static boolean verifies(Signed signed, PublicKey key) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(key);
            ed25519.update(signed.signedBytes());
            return ed25519.verify(Base64.getDecoder().decode(signed.signature()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest).toLowerCase(Locale.ROOT);
    }

    private static String member(JsonObject json, String name) {
        JsonElement value = json.get(name);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString() ? value.getAsString() : null;
    }

    private static String required(JsonObject json, String name) throws Refused {
        String value = member(json, name);
        if (value == null) {
            throw new Refused("the .sig file lacks " + name);
        }
        return value;
    }

    static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
