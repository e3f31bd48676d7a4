package org.printscout.rollout.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import org.printscout.api.rollout.DesiredArtifact;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * {@code bin/printscout sign}: a dealer's keys and signatures (docs/rollout.md), plain Java without a
 * framework, run from the rollout bundle's jar:
 * <pre>
 * sign keygen NAME                          NAME.key (PKCS#8, base64, mode 0600) and NAME.pub
 * sign [--version V] --key NAME.key FILE    FILE.sig (a bundle's name and version from its manifest;
 *                                           a mapping file's name from the file, its version from --version)
 * sign verify --pub NAME.pub FILE           exit 0 when FILE.sig holds for FILE, 1 with the reason
 * </pre>
 * The key id comes from NAME.pub, which must lie beside NAME.key.
 */
public final class SignCli {

    static final String FORMAT = "printscout-signature-1";
    static final String USAGE = "usage: printscout sign keygen NAME\n"
            + "       printscout sign [--version V] --key NAME.key FILE\n"
            + "       printscout sign verify --pub NAME.pub FILE";

    private SignCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 2 && args[0].equals("keygen")) {
                return keygen(args[1], out);
            }
            if (args.length >= 1 && args[0].equals("verify")) {
                return verify(args, out, err);
            }
            return sign(args, out);
        } catch (IllegalArgumentException e) {
            err.println("printscout sign: " + e.getMessage());
            return 2;
        } catch (IOException | GeneralSecurityException e) {
            err.println("printscout sign: " + e);
            return 2;
        }
    }

    private static int keygen(String name, PrintStream out) throws IOException, GeneralSecurityException {
        Path key = Path.of(name + ".key");
        Path pub = Path.of(name + ".pub");
        if (Files.exists(key) || Files.exists(pub)) {
            throw new IllegalArgumentException(key + " or " + pub + " exists already; no key is overwritten");
        }
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        try {
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(key);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(key + " exists already", e);
        }
        Files.writeString(key, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n", StandardCharsets.UTF_8);
        String comment = Path.of(name).getFileName().toString();
        Files.writeString(pub, DealerKeys.line(pair.getPublic(), comment) + "\n", StandardCharsets.UTF_8);
        out.println("wrote " + key + " (private: keep it secret) and " + pub + " (key id " + DealerKeys.keyId(pair.getPublic()) + ")");
        return 0;
    }

    private static int sign(String[] args, PrintStream out) throws IOException, GeneralSecurityException {
        String version = null;
        String keyFile = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--version") && i + 1 < args.length) {
                version = args[++i];
            } else if (args[i].equals("--key") && i + 1 < args.length) {
                keyFile = args[++i];
            } else {
                rest.add(args[i]);
            }
        }
        if (keyFile == null || rest.size() != 1) {
            throw new IllegalArgumentException(USAGE);
        }
        Path file = Path.of(rest.get(0));
        Path keyPath = Path.of(keyFile);
        String base = keyPath.getFileName().toString().replaceFirst("\\.key$", "");
        Path pubPath = keyPath.resolveSibling(base + ".pub");
        if (!Files.exists(pubPath)) {
            throw new IllegalArgumentException(pubPath + " must lie beside " + keyPath + " (the key id is taken from it)");
        }
        PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(Files.readString(keyPath, StandardCharsets.UTF_8).strip())));
        PublicKey pub = DealerKeys.parse(Files.readString(pubPath, StandardCharsets.UTF_8).strip(), pubPath.toString());
        String fileName = file.getFileName().toString();
        String kind;
        String symbolicName;
        if (fileName.endsWith(".mapping.xml")) {
            kind = DesiredArtifact.MAPPING;
            symbolicName = fileName.substring(0, fileName.length() - ".mapping.xml".length());
            if (version == null) {
                throw new IllegalArgumentException("a mapping file carries no version: give one with --version V");
            }
        } else {
            kind = DesiredArtifact.BUNDLE;
            Manifest manifest;
            try (JarInputStream jar = new JarInputStream(Files.newInputStream(file))) {
                manifest = jar.getManifest();
            }
            symbolicName = manifest == null ? null : Verifier.symbolicName(manifest.getMainAttributes().getValue("Bundle-SymbolicName"));
            if (symbolicName == null) {
                throw new IllegalArgumentException(file + " is neither a .mapping.xml file nor a bundle jar with a Bundle-SymbolicName");
            }
            String manifestVersion = manifest.getMainAttributes().getValue("Bundle-Version");
            String bundleVersion = ArtifactVersion.parse(manifestVersion == null ? "0.0.0" : manifestVersion).toString();
            if (version != null && ArtifactVersion.parse(version).compareTo(ArtifactVersion.parse(bundleVersion)) != 0) {
                throw new IllegalArgumentException("--version " + version + " is not the bundle's Bundle-Version " + bundleVersion);
            }
            version = manifestVersion == null ? "0.0.0" : manifestVersion.strip();
        }
        SignedFields fields = new SignedFields(kind, symbolicName, version, Verifier.sha256(file), Files.size(file));
        String malformed = fields.malformed();
        if (malformed != null) {
            throw new IllegalArgumentException(malformed);
        }
        String signature = Base64.getEncoder().encodeToString(DealerKeys.sign(fields, key));
        String keyId = DealerKeys.keyId(pub);
        if (DealerKeys.of(List.of(DealerKeys.line(pub, "")), "").refusal(fields, keyId, signature) != null) {
            throw new IllegalArgumentException(keyPath + " and " + pubPath + " are not one key pair");
        }
        JsonObject sig = new JsonObject();
        sig.addProperty("format", FORMAT);
        sig.addProperty("kind", kind);
        sig.addProperty("name", fileName);
        sig.addProperty("symbolicName", symbolicName);
        sig.addProperty("version", version);
        sig.addProperty("sha256", fields.sha256());
        sig.addProperty("size", fields.size());
        sig.addProperty("keyId", keyId);
        sig.addProperty("signature", signature);
        Path sigFile = file.resolveSibling(fileName + ".sig");
        Files.writeString(sigFile, new GsonBuilder().disableHtmlEscaping().create().toJson(sig) + "\n", StandardCharsets.UTF_8);
        out.println("wrote " + sigFile + ": " + kind + " " + symbolicName + " " + version + ", key " + keyId);
        return 0;
    }

    private static int verify(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length != 4 || !args[1].equals("--pub")) {
            throw new IllegalArgumentException(USAGE);
        }
        Path pubPath = Path.of(args[2]);
        Path file = Path.of(args[3]);
        DealerKeys keys = DealerKeys.of(Files.readAllLines(pubPath, StandardCharsets.UTF_8), pubPath.toString());
        Path sigFile = file.resolveSibling(file.getFileName() + ".sig");
        if (!Files.exists(sigFile)) {
            err.println(file + ": refused: unsigned (no " + sigFile.getFileName() + ")");
            return 1;
        }
        DesiredArtifact artifact;
        try {
            artifact = read(Files.readString(sigFile, StandardCharsets.UTF_8));
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NumberFormatException e) {
            err.println(file + ": refused: " + sigFile.getFileName() + " is not a " + FORMAT + " file: " + e.getMessage());
            return 1;
        }
        String refusal = new Verifier(keys).refusal(artifact, file, null);
        if (refusal != null) {
            err.println(file + ": refused: " + refusal);
            return 1;
        }
        out.println(file + ": verified: " + artifact.kind() + " " + artifact.symbolicName() + " " + artifact.version() + ", key " + artifact.keyId());
        return 0;
    }

    /** A .sig file as the desired artifact it describes. */
    static DesiredArtifact read(String json) {
        JsonObject sig = JsonParser.parseString(json).getAsJsonObject();
        if (!FORMAT.equals(text(sig, "format"))) {
            throw new IllegalStateException("its format is not " + FORMAT);
        }
        return new DesiredArtifact(text(sig, "kind"), text(sig, "name"), text(sig, "symbolicName"), text(sig, "version"),
                text(sig, "sha256"), sig.has("size") ? sig.get("size").getAsLong() : -1, text(sig, "keyId"), text(sig, "signature"));
    }

    private static String text(JsonObject object, String key) {
        return object.has(key) && !object.get(key).isJsonNull() ? object.get(key).getAsString() : "";
    }
}
