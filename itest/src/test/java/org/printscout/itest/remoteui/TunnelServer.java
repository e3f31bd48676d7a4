package org.printscout.itest.remoteui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's OpenSSH sshd as the tunnel server, configured as docs/remote-ui.md tells a dealer: only
 * public keys, only remote forwarding, no shell (ForceCommand /bin/false, no TTY), and each agent's
 * key allowed by its authorized_keys line ({@code restrict,port-forwarding,permitlisten=...}) to
 * listen on one loopback port only. The test rewrites that file as the portal's AuthorizedKeysCommand
 * answer would change; sshd reads it at every login.
 */
final class TunnelServer implements AutoCloseable {

    final int port;
    final String user;
    final String hostKeyLine;
    final Path authorizedKeys;
    private final Daemon daemon;

    private TunnelServer(int port, String user, String hostKeyLine, Path authorizedKeys, Daemon daemon) {
        this.port = port;
        this.user = user;
        this.hostKeyLine = hostKeyLine;
        this.authorizedKeys = authorizedKeys;
        this.daemon = daemon;
    }

    static TunnelServer start(Path dir) throws Exception {
        return start(dir, null);
    }

    /**
     * With {@code authorizedKeysCommand} (root only: sshd runs it as nobody and wants it owned by root),
     * sshd asks the portal for each login instead of reading the file, as docs/remote-ui.md configures it.
     */
    static TunnelServer start(Path dir, String authorizedKeysCommand) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        // As root (CI) agents log in to the tunnel account .ci/install-peers makes; otherwise sshd runs as this user.
        String user = root ? "printscout-tunnel" : System.getProperty("user.name");
        Path hostKey = dir.resolve("host_ed25519");
        TestCertificates.run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString());
        String[] publicKey = Files.readString(dir.resolve("host_ed25519.pub")).strip().split("\\s+");
        Path authorizedKeys = dir.resolve("authorized_keys");
        Files.writeString(authorizedKeys, "");
        if (root) {
            Files.createDirectories(Path.of("/run/sshd"));
        }
        int port = Daemon.freePort();
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "PidFile " + dir.resolve("sshd.pid"),
                authorizedKeysCommand == null ? "AuthorizedKeysFile " + authorizedKeys
                        : "AuthorizedKeysFile none\nAuthorizedKeysCommand " + authorizedKeysCommand + "\nAuthorizedKeysCommandUser nobody",
                "StrictModes no",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "PermitRootLogin no",
                "AllowUsers " + user,
                "AllowTcpForwarding remote",
                "GatewayPorts no",
                "X11Forwarding no",
                "AllowAgentForwarding no",
                "PermitTunnel no",
                "PermitTTY no",
                "ForceCommand /bin/false",
                "ClientAliveInterval 5",
                "ClientAliveCountMax 2",
                "LogLevel DEBUG1", ""));
        Daemon daemon = Daemon.start("sshd", List.of("/usr/sbin/sshd", "-D", "-e", "-f", config.toString()), dir.resolve("sshd.log"), port);
        return new TunnelServer(port, user, "127.0.0.1:" + port + " " + publicKey[0] + " " + publicKey[1], authorizedKeys, daemon);
    }

    /** What the portal's AuthorizedKeysCommand answers for an agent key with an open session on {@code listenPort}. */
    void allow(String agentPublicKey, int listenPort) throws Exception {
        Files.writeString(authorizedKeys, "restrict,port-forwarding,permitlisten=\"127.0.0.1:" + listenPort + "\" " + agentPublicKey + "\n");
    }

    void allowNothing() throws Exception {
        Files.writeString(authorizedKeys, "");
    }

    String log() {
        return daemon.log();
    }

    @Override
    public void close() throws Exception {
        daemon.close();
    }
}
