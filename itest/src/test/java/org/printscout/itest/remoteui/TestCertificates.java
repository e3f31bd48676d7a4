package org.printscout.itest.remoteui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority and a server certificate for 127.0.0.1, made with openssl as a
 * dealer would for the broker and the WebSocket tunnel endpoint.
 */
final class TestCertificates {

    final Path caCertificate;
    final Path serverCertificate;
    final Path serverKey;

    private TestCertificates(Path dir) {
        this.caCertificate = dir.resolve("ca.pem");
        this.serverCertificate = dir.resolve("server.pem");
        this.serverKey = dir.resolve("server.key");
    }

    static TestCertificates make(Path dir) throws Exception {
        TestCertificates certificates = new TestCertificates(dir);
        Path caKey = dir.resolve("ca.key");
        Path request = dir.resolve("server.csr");
        Path extensions = dir.resolve("server.ext");
        Files.writeString(extensions, "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", caKey.toString(), "-out", certificates.caCertificate.toString(), "-days", "2", "-subj", "/CN=PrintScout test dealer CA");
        run(dir, "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", certificates.serverKey.toString(), "-out", request.toString(), "-subj", "/CN=127.0.0.1");
        run(dir, "openssl", "x509", "-req", "-in", request.toString(), "-CA", certificates.caCertificate.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-out", certificates.serverCertificate.toString(), "-days", "2", "-extfile", extensions.toString());
        return certificates;
    }

    String caPem() throws IOException {
        return Files.readString(caCertificate);
    }

    static void run(Path dir, String... command) throws Exception {
        Path output = dir.resolve("command.log");
        Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + Files.readString(output));
        }
    }
}
