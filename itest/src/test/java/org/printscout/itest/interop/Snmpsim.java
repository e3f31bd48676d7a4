package org.printscout.itest.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * snmpsim (Debian's python snmpsim) serving the shared printer recordings: the v2c community of a
 * device is its file name without .snmprec, the v3 context name likewise.
 */
final class Snmpsim {

    /** A v3 user: name, auth and priv protocol as snmpsim spells them, and the passphrases. */
    record User(String name, String authProto, String authKey, String privProto, String privKey) {
    }

    private Snmpsim() {
    }

    static Path recordings() {
        return Path.of(System.getProperty("printscout.testdata"), "printers", "snmprec");
    }

    /** Copies the recordings where snmpsim (running as nobody) can read them, and starts it. */
    static Daemon start(int port, List<User> users) throws Exception {
        Daemon.requireProgram("/usr/bin/snmpsimd");
        Path dir = Files.createTempDirectory("snmpsim");
        Path data = Files.createDirectories(dir.resolve("data"));
        Path cache = Files.createDirectories(dir.resolve("cache"));
        try (Stream<Path> files = Files.list(recordings())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, data.resolve(f.getFileName()));
            }
        }
        openToAll(dir, "rwxr-xr-x");
        openToAll(data, "rwxr-xr-x");
        openToAll(cache, "rwxrwxrwx");
        List<String> command = new ArrayList<>(List.of("/usr/bin/snmpsimd", "--data-dir=" + data,
                "--cache-dir=" + cache, "--agent-udpv4-endpoint=127.0.0.1:" + port,
                "--process-user=nobody", "--process-group=nogroup"));
        for (User u : users) {
            command.add("--v3-user=" + u.name());
            command.add("--v3-auth-key=" + u.authKey());
            command.add("--v3-auth-proto=" + u.authProto());
            command.add("--v3-priv-key=" + u.privKey());
            command.add("--v3-priv-proto=" + u.privProto());
        }
        return Daemon.start("snmpsimd", command, Map.of(), dir).awaitUdp(port, 60_000);
    }

    private static void openToAll(Path p, String perms) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        try (Stream<Path> files = Files.list(p)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }
}
