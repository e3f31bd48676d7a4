package org.printscout.itest.remoteui;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A printer's own web interface, as far as a relay must get it right: "/" redirects to the status
 * page, which sets a cookie, echoes the cookies it was sent and carries an absolute link to the
 * printer's own address; "/echo" is a WebSocket that sends back every message; "/download?N" streams
 * N bytes (for the benchmark). A small HTTP/1.1 server of its own (one request per connection), since
 * the JDK's cannot take a WebSocket upgrade; test code, not the product's.
 */
final class PrinterWebServer implements AutoCloseable {

    static final String TITLE = "Printer status - PrintScout test printer";
    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    final String address;
    final int port;
    final String scheme;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger echoes = new AtomicInteger();
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newFixedThreadPool(48);

    PrinterWebServer(String address, int port) throws IOException {
        this(address, port, null);
    }

    /** With {@code tls}, the printer's HTTPS port: its certificate is its own, self-signed, as printers' are. */
    PrinterWebServer(String address, int port, javax.net.ssl.SSLContext tls) throws IOException {
        this.address = address;
        this.port = port;
        this.scheme = tls == null ? "http" : "https";
        this.server = tls == null ? new ServerSocket(port, 100, InetAddress.getByName(address))
                : tls.getServerSocketFactory().createServerSocket(port, 100, InetAddress.getByName(address));
        Thread accept = new Thread(this::accept, "printer-web-" + address);
        accept.setDaemon(true);
        accept.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && head.size() < 16_384) {
                head.write(b);
                byte[] bytes = head.toByteArray();
                int n = bytes.length;
                if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                    break;
                }
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            String[] requestLine = lines[0].split(" ");
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
                }
            }
            requests.incrementAndGet();
            String target = requestLine.length > 1 ? requestLine[1] : "/";
            String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
            String query = target.contains("?") ? target.substring(target.indexOf('?') + 1) : "";
            if (path.equals("/echo") && "websocket".equalsIgnoreCase(headers.get("upgrade"))) {
                echo(in, out, headers.get("sec-websocket-key"));
            } else if (path.equals("/")) {
                respond(out, "302 Found", "Location: /status.html\r\n", new byte[0]);
            } else if (path.equals("/status.html")) {
                String cookie = headers.getOrDefault("cookie", "");
                byte[] page = ("<!doctype html><html><head><title>" + TITLE + "</title></head><body style=\"background:#2a7\">"
                        + "<h1>Toner 42 %</h1><p id=\"cookie\">cookie: " + cookie.replace("<", "&lt;") + "</p>"
                        + "<p id=\"scheme\">" + scheme + "</p>"
                        + "<a id=\"absolute\" href=\"" + scheme + "://" + address + ":" + port + "/counters.html\">counters</a>"
                        + "<a id=\"absolute-default\" href=\"" + scheme + "://" + address + "/counters.html\">counters</a></body></html>")
                        .getBytes(StandardCharsets.UTF_8);
                respond(out, "200 OK", "Set-Cookie: printer_session=p-12345; Path=/; HttpOnly\r\nContent-Type: text/html; charset=utf-8\r\n", page);
            } else if (path.equals("/counters.html")) {
                respond(out, "200 OK", "Content-Type: text/html; charset=utf-8\r\n",
                        "<!doctype html><html><head><title>Counters</title></head><body><p id=\"total\">12345</p></body></html>"
                                .getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/download")) {
                long size = Long.parseLong(query.replaceAll("[^0-9]", "0"));
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + size + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                byte[] block = new byte[64 * 1024];
                for (long left = size; left > 0; left -= block.length) {
                    out.write(block, 0, (int) Math.min(block.length, left));
                }
                out.flush();
            } else {
                respond(out, "404 Not Found", "", new byte[0]);
            }
        } catch (IOException | RuntimeException e) {
            // the client went away
        }
    }

    private static void respond(OutputStream out, String status, String headers, byte[] body) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /** RFC 6455 server side: the handshake, then every text or binary message sent back, pings answered, close ends it. */
    private void echo(InputStream in, OutputStream out, String key) throws IOException {
        String accept;
        try {
            accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.ISO_8859_1)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        DataInputStream frames = new DataInputStream(in);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int messageOpcode = 0;
        while (true) {
            int first = frames.readUnsignedByte();
            int second = frames.readUnsignedByte();
            int opcode = first & 0x0f;
            long length = second & 0x7f;
            if (length == 126) {
                length = frames.readUnsignedShort();
            } else if (length == 127) {
                length = frames.readLong();
            }
            byte[] mask = new byte[4];
            if ((second & 0x80) != 0) {
                frames.readFully(mask);
            }
            byte[] payload = new byte[(int) length];
            frames.readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            if (opcode == 8) {
                frame(out, 8, payload);
                return;
            }
            if (opcode == 9) {
                frame(out, 10, payload);
            } else if (opcode == 0 || opcode == 1 || opcode == 2) {
                // a message may come in several frames (continuations, opcode 0): echo it whole
                if (opcode != 0) {
                    messageOpcode = opcode;
                    message.reset();
                }
                message.write(payload);
                if ((first & 0x80) != 0) {
                    echoes.incrementAndGet();
                    frame(out, messageOpcode, message.toByteArray());
                }
            }
        }
    }

    private static void frame(OutputStream out, int opcode, byte[] payload) throws IOException {
        out.write(0x80 | opcode);
        if (payload.length < 126) {
            out.write(payload.length);
        } else if (payload.length < 65_536) {
            out.write(126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        } else {
            out.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >> shift) & 0xff);
            }
        }
        out.write(payload);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
