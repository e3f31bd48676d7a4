package org.printscout.remoteui.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;

/**
 * The agent's own SSH key pair (ECDSA P-256), made on the agent the first time it is needed. The
 * private half stays in a file only the agent's user can read; only the public half
 * ({@code ssh_key.pub}, an OpenSSH line) is registered with the portal, which lets the tunnel server
 * accept it for one port at a time.
 */
final class AgentSshKey {

    private final byte[] privateKey;
    private final String publicLine;

    private AgentSshKey(byte[] privateKey, String publicLine) {
        this.privateKey = privateKey;
        this.publicLine = publicLine;
    }

    static AgentSshKey loadOrCreate(JSch jsch, Path directory, String comment) throws IOException {
        Path privateFile = directory.resolve("ssh_key");
        Path publicFile = directory.resolve("ssh_key.pub");
        if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
            Files.createDirectories(directory);
            KeyPair pair;
            try {
                pair = KeyPair.genKeyPair(jsch, KeyPair.ECDSA, 256);
            } catch (JSchException e) {
                throw new IOException("cannot make the agent's SSH key: " + e.getMessage(), e);
            }
            ByteArrayOutputStream privateBytes = new ByteArrayOutputStream();
            ByteArrayOutputStream publicBytes = new ByteArrayOutputStream();
            pair.writePrivateKey(privateBytes);
            pair.writePublicKey(publicBytes, comment);
            pair.dispose();
            writeOwnerOnly(privateFile, privateBytes.toByteArray());
            Files.write(publicFile, publicBytes.toByteArray());
        }
        return new AgentSshKey(Files.readAllBytes(privateFile), Files.readString(publicFile, StandardCharsets.US_ASCII).strip());
    }

    private static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temp);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot create " + temp, e);
        }
        Files.write(temp, content);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    void addTo(JSch jsch) throws JSchException {
        jsch.addIdentity("printscout-agent", privateKey.clone(), null, null);
    }

    /** The OpenSSH public key line ({@code ecdsa-sha2-nistp256 AAAA... comment}). */
    String publicLine() {
        return publicLine;
    }
}
