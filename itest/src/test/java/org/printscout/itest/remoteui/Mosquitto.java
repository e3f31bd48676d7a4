package org.printscout.itest.remoteui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * Debian's mosquitto (MQTT 5) as the dealer's broker: a TLS listener and a TLS WebSocket listener
 * on loopback, no anonymous clients, a password per client, and an ACL that keeps each agent to its
 * own request topic (read) and status topic (write) while the portal reads and writes all of them.
 */
final class Mosquitto implements AutoCloseable {

    final int tlsPort;
    final int webSocketPort;
    private final Daemon daemon;

    final Path passwordFile;

    private Mosquitto(int tlsPort, int webSocketPort, Daemon daemon, Path passwordFile) {
        this.passwordFile = passwordFile;
        this.tlsPort = tlsPort;
        this.webSocketPort = webSocketPort;
        this.daemon = daemon;
    }

    static Mosquitto start(Path dir, TestCertificates certificates, String portalUser, Map<String, String> passwords) throws Exception {
        // mosquitto started as root drops to its own user before it reads these files
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Path file : List.of(certificates.serverCertificate, certificates.serverKey, certificates.caCertificate)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        Path passwordFile = dir.resolve("passwords");
        boolean first = true;
        for (Map.Entry<String, String> user : passwords.entrySet()) {
            if (first) {
                TestCertificates.run(dir, "mosquitto_passwd", "-c", "-b", passwordFile.toString(), user.getKey(), user.getValue());
                first = false;
            } else {
                TestCertificates.run(dir, "mosquitto_passwd", "-b", passwordFile.toString(), user.getKey(), user.getValue());
            }
        }
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-r--r--"));
        Path acl = dir.resolve("acl");
        Files.writeString(acl, String.join("\n",
                "user " + portalUser,
                "topic readwrite printscout/#",
                "",
                "pattern read printscout/agents/%u/remote-ui/request",
                "pattern write printscout/agents/%u/remote-ui/status", ""));
        Files.setPosixFilePermissions(acl, PosixFilePermissions.fromString("rw-r--r--"));
        int tls = Daemon.freePort();
        int webSocket = Daemon.freePort();
        Path config = dir.resolve("mosquitto.conf");
        Files.writeString(config, String.join("\n",
                "per_listener_settings false",
                "allow_anonymous false",
                "password_file " + passwordFile,
                "acl_file " + acl,
                "persistence false",
                "log_dest stdout",
                "log_type error",
                "log_type warning",
                "log_type notice",
                "log_type information",
                "connection_messages true",
                "listener " + tls + " 127.0.0.1",
                "certfile " + certificates.serverCertificate,
                "keyfile " + certificates.serverKey,
                "listener " + webSocket + " 127.0.0.1",
                "protocol websockets",
                "certfile " + certificates.serverCertificate,
                "keyfile " + certificates.serverKey, ""));
        Daemon daemon = Daemon.start("mosquitto", List.of("/usr/sbin/mosquitto", "-c", config.toString()), dir.resolve("mosquitto.log"), tls);
        return new Mosquitto(tls, webSocket, daemon, passwordFile);
    }

    /** Makes the broker re-read its password file (as a dealer's reload after portal:broker-passwords). */
    void reload() throws Exception {
        daemon.hangUp();
    }

    String log() {
        return daemon.log();
    }

    @Override
    public void close() throws Exception {
        daemon.close();
    }
}
