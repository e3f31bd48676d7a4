package org.printscout.rollout.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.printscout.api.rollout.DesiredArtifact;

/** Test bundles and their signatures. */
final class Artifacts {

    private Artifacts() {
    }

    static KeyPair key() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    static byte[] bundle(String symbolicName, String version) throws IOException {
        Manifest mf = new Manifest();
        Attributes main = mf.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName + ";singleton:=true");
        main.putValue("Bundle-Version", version);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, mf)) {
            jar.putNextEntry(new JarEntry("readme.txt"));
            jar.write(("bundle " + symbolicName + " " + version).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** The artifact as the portal lists it, signed by {@code key} for these fields. */
    static DesiredArtifact signed(String kind, String symbolicName, String version, byte[] content, KeyPair key)
            throws GeneralSecurityException, IOException {
        Path temp = Files.createTempFile("artifact", ".bin");
        Files.write(temp, content);
        String sha = Verifier.sha256(temp);
        Files.delete(temp);
        SignedFields fields = new SignedFields(kind, symbolicName, version, sha, content.length);
        String signature = key == null ? "" : Base64.getEncoder().encodeToString(DealerKeys.sign(fields, key.getPrivate()));
        String keyId = key == null ? "" : DealerKeys.keyId(key.getPublic());
        return new DesiredArtifact(kind, symbolicName + "-" + version + ".jar", symbolicName, version, sha, content.length, keyId, signature);
    }
}
