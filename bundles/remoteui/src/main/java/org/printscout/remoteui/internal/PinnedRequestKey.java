package org.printscout.remoteui.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The portal's request-signing key, pinned the first time the agent is given one (right after its
 * activation, with its first site configuration). A different key later is refused: a portal that
 * rotates its key re-activates the agent, or the site administrator deletes the pin file. So whoever
 * controls the broker, or later slips another key into a configuration, still cannot sign requests.
 */
final class PinnedRequestKey {

    private PinnedRequestKey() {
    }

    static PublicKey load(String configured, Path pinFile) throws IOException {
        String key = configured.strip();
        PublicKey publicKey;
        try {
            publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("org.printscout.remoteui: key 'requestKey' is not an Ed25519 public key "
                    + "(X.509 SubjectPublicKeyInfo, base64): " + e.getMessage(), e);
        }
        String canonical = Base64.getEncoder().encodeToString(publicKey.getEncoded());
        if (Files.exists(pinFile)) {
            String pinned = Files.readString(pinFile, StandardCharsets.US_ASCII).strip();
            if (!pinned.equals(canonical)) {
                throw new IllegalStateException("the portal's request key differs from the one pinned in " + pinFile
                        + ": requests are refused until the agent is activated again or the site administrator deletes that file");
            }
            return publicKey;
        }
        Files.createDirectories(pinFile.toAbsolutePath().getParent());
        Path temp = pinFile.resolveSibling(pinFile.getFileName() + ".tmp");
        Files.writeString(temp, canonical + "\n", StandardCharsets.US_ASCII);
        Files.move(temp, pinFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return publicKey;
    }
}
