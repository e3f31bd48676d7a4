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

    /**
     * A printer's HTTPS identity as printers ship it: a self-signed certificate for its own name, not
     * for the address the relay reaches it at.
     */
    static javax.net.ssl.SSLContext printerTls(Path dir) throws Exception {
        Path key = dir.resolve("printer.key");
        Path certificate = dir.resolve("printer.pem");
        Path store = dir.resolve("printer.p12");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", certificate.toString(),
                "-days", "2", "-subj", "/CN=NPI3A2B1C.printer.local");
        run(dir, "openssl", "pkcs12", "-export", "-in", certificate.toString(), "-inkey", key.toString(), "-out", store.toString(),
                "-passout", "pass:printer");
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        try (java.io.InputStream in = Files.newInputStream(store)) {
            keys.load(in, "printer".toCharArray());
        }
        javax.net.ssl.KeyManagerFactory factory = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, "printer".toCharArray());
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
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
