package org.printscout.upload.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which servers the agent trusts. Always a full PKIX check of the chain (never trust-all): against
 * the JDK's CA certificates, or against only the certificates of a configured PEM file (a private CA
 * bundle, or the portal's own self-signed certificate). Optionally the server's certificate must
 * also have one of the pinned SHA-256 fingerprints, so even a CA that issues a wrong certificate is
 * not enough. Host names are checked by HttpClient, not here.
 */
final class TlsTrust {

    private TlsTrust() {
    }

    static SSLContext context(Path trustedCertificates, Set<String> pinnedSha256) throws GeneralSecurityException, IOException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (trustedCertificates == null) {
            factory.init((KeyStore) null);
        } else {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            try (InputStream in = Files.newInputStream(trustedCertificates)) {
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("trusted-" + n++, certificate);
                }
            }
            if (n == 0) {
                throw new CertificateException(trustedCertificates + " holds no certificate");
            }
            factory.init(store);
        }
        X509ExtendedTrustManager trust = null;
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager) {
                trust = (X509ExtendedTrustManager) manager;
            }
        }
        if (trust == null) {
            throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {pinnedSha256.isEmpty() ? trust : new Pinned(trust, pinnedSha256)}, null);
        return context;
    }

    /** A fingerprint as people write it (AB:CD:..., abcd..., with spaces) reduced to lower-case hex. */
    static String normalizeFingerprint(String text) {
        String hex = text.replaceAll("[\\s:]", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("'" + text + "' is not a SHA-256 fingerprint (64 hex digits)");
        }
        return hex;
    }

    static String sha256(X509Certificate certificate) throws CertificateException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new CertificateException(e);
        }
    }

    /** The normal chain check, then the pin: both must pass. */
    private static final class Pinned extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager chain;
        private final Set<String> pins;

        Pinned(X509ExtendedTrustManager chain, Set<String> pins) {
            this.chain = chain;
            this.pins = Set.copyOf(pins);
        }

        private void pin(X509Certificate[] certificates) throws CertificateException {
            String actual = sha256(certificates[0]);
            if (!pins.contains(actual)) {
                throw new CertificateException("the server's certificate (SHA-256 " + actual
                        + ") is not one of the pinned certificates");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType, Socket socket) throws CertificateException {
            chain.checkServerTrusted(certificates, authType, socket);
            pin(certificates);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType, SSLEngine engine) throws CertificateException {
            chain.checkServerTrusted(certificates, authType, engine);
            pin(certificates);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
            chain.checkServerTrusted(certificates, authType);
            pin(certificates);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("the agent accepts no clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("the agent accepts no clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
            throw new CertificateException("the agent accepts no clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return chain.getAcceptedIssuers();
        }
    }
}
