package org.printscout.portal.server.internal;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * TLS from the relay to a printer's own HTTPS port, at the far end of the session's tunnel. The
 * printer's certificate is not checked, and this is the one place that says so: printers carry
 * self-signed certificates made for their LAN name or address, never for the tunnel's
 * {@code 127.0.0.1} port, and a dealer cannot distribute trust for thousands of them. What a
 * certificate would prove is proven by the tunnel instead: the tunnel server's host key is pinned by
 * the agent, the agent logs in with its own key for the session's port only, and the agent forwards
 * to its inventory's address of the device, never one from the request. TLS here gives the printer
 * the protocol its web server insists on; it does not authenticate the printer.
 */
final class PrinterTls {

    private PrinterTls() {
    }

    /** For Jetty's proxy client: any certificate, no host name check, and the JDK's cipher suites (printers' firmware often has only TLS_RSA_*). */
    static SslContextFactory.Client jettyClient() {
        SslContextFactory.Client factory = new SslContextFactory.Client(true);
        factory.setEndpointIdentificationAlgorithm(null);
        factory.setExcludeCipherSuites();
        return factory;
    }

    /** For the JDK's WebSocket client (wss to the printer): any certificate, no host name check. */
    static SSLContext jdkClient() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyCertificate()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no TLS", e);
        }
    }

    /**
     * Extended, so the JDK does not wrap it with its own host name check (which an ordinary
     * X509TrustManager gets from the JDK's HTTP client).
     */
    private static final class AnyCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("a client-side trust manager");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("a client-side trust manager");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a client-side trust manager");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
