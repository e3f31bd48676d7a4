package org.printscout.portal.server.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Alert mail over SMTP (RFC 5321) with TLS: STARTTLS (RFC 3207, the default: the server must offer
 * it, else nothing is sent) or implicit TLS (SMTPS, port 465); then AUTH PLAIN (or LOGIN) when a user
 * is configured. The server's certificate is checked against the JVM's trust store or the configured
 * PKCS#12 trust store, and its host name against the certificate. Credentials never travel unencrypted:
 * plain SMTP is not offered at all. Plain text UTF-8 bodies, one message per call.
 */
final class MailSender {

    enum Security {
        STARTTLS, TLS
    }

    record Settings(String host, int port, Security security, String user, String password, String from, String trustStore,
                    String trustStorePassword, Duration timeout) {
    }

    /** A refusal or failure, with what the server said. */
    static final class MailException extends IOException {
        private static final long serialVersionUID = 1L;

        MailException(String message) {
            super(message);
        }
    }

    private final Settings settings;
    private final SSLSocketFactory tls;

    MailSender(Settings settings) throws IOException, GeneralSecurityException {
        this.settings = settings;
        SSLContext context = SSLContext.getInstance("TLS");
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (settings.trustStore() == null || settings.trustStore().isBlank()) {
            trust.init((KeyStore) null);
        } else {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(Path.of(settings.trustStore().strip()))) {
                store.load(in, settings.trustStorePassword() == null ? new char[0] : settings.trustStorePassword().toCharArray());
            }
            trust.init(store);
        }
        context.init(null, trust.getTrustManagers(), null);
        this.tls = context.getSocketFactory();
    }

    /** Sends one message to {@code to}; throws with the server's answer when it is refused. */
    void send(List<String> to, String subject, String body) throws IOException {
        int timeout = (int) settings.timeout().toMillis();
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(settings.host(), settings.port()), timeout);
        plain.setSoTimeout(timeout);
        Socket socket = plain;
        try {
            if (settings.security() == Security.TLS) {
                socket = upgrade(plain);
            }
            Conversation smtp = new Conversation(socket);
            smtp.expect(220, null);
            List<String> capabilities = smtp.expect(250, "EHLO printscout-portal");
            if (settings.security() == Security.STARTTLS) {
                if (capabilities.stream().noneMatch(line -> line.toUpperCase(Locale.ROOT).startsWith("STARTTLS"))) {
                    throw new MailException(settings.host() + " does not offer STARTTLS; nothing was sent");
                }
                smtp.expect(220, "STARTTLS");
                socket = upgrade(plain);
                smtp = new Conversation(socket);
                capabilities = smtp.expect(250, "EHLO printscout-portal");
            }
            if (settings.user() != null && !settings.user().isEmpty()) {
                String auth = capabilities.stream().filter(line -> line.toUpperCase(Locale.ROOT).startsWith("AUTH")).findFirst().orElse("")
                        .toUpperCase(Locale.ROOT);
                if (auth.contains("PLAIN")) {
                    smtp.expect(235, "AUTH PLAIN " + base64("\0" + settings.user() + "\0" + settings.password()));
                } else if (auth.contains("LOGIN")) {
                    smtp.expect(334, "AUTH LOGIN");
                    smtp.expect(334, base64(settings.user()));
                    smtp.expect(235, base64(settings.password()));
                } else {
                    throw new MailException(settings.host() + " offers no AUTH PLAIN or LOGIN (" + auth + ")");
                }
            }
            smtp.expect(250, "MAIL FROM:<" + address(settings.from()) + ">");
            for (String recipient : to) {
                smtp.expect(250, "RCPT TO:<" + address(recipient) + ">");
            }
            smtp.expect(354, "DATA");
            smtp.write(message(to, subject, body));
            smtp.expect(250, null);
            smtp.expect(221, "QUIT");
        } finally {
            socket.close();
            plain.close();
        }
    }

    private SSLSocket upgrade(Socket plain) throws IOException {
        SSLSocket socket = (SSLSocket) tls.createSocket(plain, settings.host(), settings.port(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
        parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    /** An address as SMTP takes it; one with line breaks or angle brackets is refused (header injection). */
    static String address(String address) throws MailException {
        if (address == null || !address.matches("[^\\s<>\"(),;:\\\\]{1,64}@[A-Za-z0-9.-]{1,253}")) {
            throw new MailException("not a mail address: " + address);
        }
        return address;
    }

    private String message(List<String> to, String subject, String body) {
        StringBuilder out = new StringBuilder();
        out.append("From: ").append(settings.from()).append("\r\n");
        out.append("To: ").append(String.join(", ", to)).append("\r\n");
        out.append("Subject: =?UTF-8?B?").append(base64(subject.replaceAll("[\\r\\n]", " "))).append("?=\r\n");
        out.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now())).append("\r\n");
        out.append("Message-ID: <").append(UUID.randomUUID()).append("@printscout-portal>\r\n");
        out.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        String encoded = base64(body);
        for (int i = 0; i < encoded.length(); i += 76) {
            out.append(encoded, i, Math.min(encoded.length(), i + 76)).append("\r\n");
        }
        return out.append(".\r\n").toString();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Commands and multi-line replies over one socket. */
    private static final class Conversation {
        private final BufferedReader in;
        private final OutputStream out;

        Conversation(Socket socket) throws IOException {
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            this.out = socket.getOutputStream();
        }

        void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Sends {@code command} (none when null) and reads the reply; its lines after the code, or a MailException. */
        List<String> expect(int code, String command) throws IOException {
            if (command != null) {
                write(command + "\r\n");
            }
            List<String> lines = new ArrayList<>();
            while (true) {
                String line = in.readLine();
                if (line == null) {
                    throw new MailException("the server closed the connection" + (command == null ? "" : " after " + verb(command)));
                }
                if (line.length() < 3) {
                    throw new MailException("not an SMTP reply: " + line);
                }
                lines.add(line.length() > 4 ? line.substring(4) : "");
                if (line.length() == 3 || line.charAt(3) != '-') {
                    if (!line.startsWith(Integer.toString(code))) {
                        throw new MailException((command == null ? "greeting" : verb(command)) + " answered " + line);
                    }
                    return lines;
                }
            }
        }

        /** The command without its arguments, so a log line never holds credentials. */
        private static String verb(String command) {
            String verb = command.split("[ :]", 2)[0];
            return verb.matches("EHLO|STARTTLS|MAIL|RCPT|DATA|QUIT|\\.") ? verb : "AUTH";
        }
    }
}
