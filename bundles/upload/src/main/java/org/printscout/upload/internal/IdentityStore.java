package org.printscout.upload.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * This agent's identity at the portal, in a file only the agent's user can read. It records which
 * portal and which activation key it came from: a new key or another portal means activating again.
 * Written like the spool (temp file, fsync, atomic rename) so a crash never leaves half an identity.
 * The dealer's artifact keys of the activation answer are pinned here too (docs/rollout.md).
 */
final class IdentityStore {

    private final Path file;

    IdentityStore(Path file) {
        this.file = file;
    }

    Optional<PortalClient.Identity> load(String portal, String activationKey) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        if (!portal.equals(properties.getProperty("portal")) || !keyHash(activationKey).equals(properties.getProperty("keySha256"))) {
            return Optional.empty();
        }
        String agentId = properties.getProperty("agentId", "");
        String secret = properties.getProperty("secret", "");
        if (agentId.isEmpty() || secret.isEmpty()) {
            return Optional.empty();
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; properties.containsKey("artifactKey." + i); i++) {
            keys.add(properties.getProperty("artifactKey." + i));
        }
        return Optional.of(new PortalClient.Identity(agentId, secret, properties.getProperty("siteId", ""), keys));
    }

    void save(String portal, String activationKey, PortalClient.Identity identity) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Properties properties = new Properties();
        properties.setProperty("portal", portal);
        properties.setProperty("keySha256", keyHash(activationKey));
        properties.setProperty("agentId", identity.agentId());
        properties.setProperty("secret", identity.secret());
        properties.setProperty("siteId", identity.siteId());
        // the dealer keys named at activation, pinned here: the site configuration cannot reach this file
        for (int i = 0; i < identity.artifactKeys().size(); i++) {
            properties.setProperty("artifactKey." + i, identity.artifactKeys().get(i));
        }
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temp);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot create " + temp, e);
        }
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            properties.store(out, "PrintScout agent identity: secret, readable by the agent's user only");
        }
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Only a hash: the key itself is a secret that need not be kept once used. */
    private static String keyHash(String activationKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(activationKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
