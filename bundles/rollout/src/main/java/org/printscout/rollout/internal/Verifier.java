package org.printscout.rollout.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import org.printscout.api.rollout.DesiredArtifact;

/**
 * Decides whether one artifact may be installed: its bytes are the signed ones (size, SHA-256), a
 * known dealer key signed its fields, a bundle's manifest names the signed symbolic name and version,
 * and it is not older than what is installed. Each check that fails says why; the first one wins.
 */
final class Verifier {

    private final DealerKeys keys;

    Verifier(DealerKeys keys) {
        this.keys = keys;
    }

    /**
     * @param file the artifact's bytes as downloaded
     * @param installed the version installed now under the same symbolic name, or null
     * @return why it is refused, or null when it may be installed
     */
    String refusal(DesiredArtifact artifact, Path file, String installed) throws IOException {
        SignedFields fields = fields(artifact);
        String malformed = fields.malformed();
        if (malformed != null) {
            return malformed;
        }
        long size = Files.size(file);
        if (size != artifact.size()) {
            return "size " + size + " is not the signed " + artifact.size();
        }
        String sha = sha256(file);
        if (!sha.equals(artifact.sha256())) {
            return "SHA-256 " + sha + " is not the signed " + artifact.sha256() + " (the artifact was changed)";
        }
        String signature = keys.refusal(fields, artifact.keyId(), artifact.signature());
        if (signature != null) {
            return signature;
        }
        if (DesiredArtifact.BUNDLE.equals(artifact.kind())) {
            String manifest = manifestRefusal(file, artifact);
            if (manifest != null) {
                return manifest;
            }
        }
        if (installed != null && ArtifactVersion.valid(installed)) {
            int c = ArtifactVersion.parse(artifact.version()).compareTo(ArtifactVersion.parse(installed));
            if (c < 0) {
                return "downgrade: " + artifact.version() + " is older than the installed " + installed;
            }
        }
        return null;
    }

    static SignedFields fields(DesiredArtifact artifact) {
        return new SignedFields(artifact.kind(), artifact.symbolicName(), artifact.version(),
                artifact.sha256(), artifact.size());
    }

    private static String manifestRefusal(Path file, DesiredArtifact artifact) throws IOException {
        Manifest manifest;
        try (JarInputStream jar = new JarInputStream(Files.newInputStream(file))) {
            manifest = jar.getManifest();
        }
        if (manifest == null) {
            return "not a bundle: the jar has no manifest";
        }
        String name = symbolicName(manifest.getMainAttributes().getValue("Bundle-SymbolicName"));
        String version = manifest.getMainAttributes().getValue("Bundle-Version");
        if (name == null) {
            return "not a bundle: the manifest has no Bundle-SymbolicName";
        }
        if (!name.equals(artifact.symbolicName())) {
            return "the manifest's Bundle-SymbolicName " + name + " is not the signed " + artifact.symbolicName();
        }
        String normalized = version == null ? "0.0.0" : version.strip();
        if (!ArtifactVersion.valid(normalized)
                || ArtifactVersion.parse(normalized).compareTo(ArtifactVersion.parse(artifact.version())) != 0) {
            return "the manifest's Bundle-Version " + normalized + " is not the signed " + artifact.version();
        }
        return null;
    }

    /** The name without directives ({@code ;singleton:=true}). */
    static String symbolicName(String header) {
        if (header == null) {
            return null;
        }
        int semicolon = header.indexOf(';');
        String name = (semicolon < 0 ? header : header.substring(0, semicolon)).strip();
        return name.isEmpty() ? null : name;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
