package org.printscout.itest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay on loopback between the agent and a plain-HTTP portal that can hold back the portal's
 * answer to a report upload: the portal has stored the report, the agent has not heard so. That is
 * the moment a crash must not turn into a lost or a doubled report. HTTP/1.1 without pipelining
 * (what HttpClient 5 does) sends one request and waits for its answer, so everything the portal
 * writes on a connection after a report PUT went through it is that PUT's answer.
 */
final class HoldingProxy implements AutoCloseable {

    private static final Pattern PUT_REPORT = Pattern.compile("PUT /api/v1/agents/[^/ ]+/reports/([0-9a-f-]{36}) HTTP/1\\.1");

    private final ServerSocket listener;
    private final InetSocketAddress portal;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final CountDownLatch answerHeld = new CountDownLatch(1);
    private volatile boolean holding = true;
    private volatile String heldReport;

    HoldingProxy(int portalPort) throws IOException {
        this.portal = new InetSocketAddress(InetAddress.getLoopbackAddress(), portalPort);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "holding-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort() + "/";
    }

    /** Waits until the portal answered a report upload that this proxy kept from the agent; its id. */
    String awaitHeldAnswer(long seconds) throws InterruptedException {
        if (!answerHeld.await(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("no report upload was answered by the portal within " + seconds + " s");
        }
        return heldReport;
    }

    /** Drops every connection and relays everything from now on. */
    void release() throws IOException {
        holding = false;
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket agent = listener.accept();
                Socket server = new Socket();
                server.connect(portal, 5000);
                sockets.add(agent);
                sockets.add(server);
                Connection connection = new Connection();
                start(() -> pumpRequests(agent, server, connection));
                start(() -> pumpAnswers(server, agent, connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void start(Runnable pump) {
        Thread thread = new Thread(pump, "holding-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** What one relayed connection has carried so far. */
    private static final class Connection {
        volatile String reportPut;
    }

    /** Looks at what a pump read; false keeps it from the other side. */
    private interface Chunk {
        boolean forward(byte[] buffer, int length);
    }

    private void pumpRequests(Socket from, Socket to, Connection connection) {
        StringBuilder recent = new StringBuilder();
        pump(from, to, (buffer, n) -> {
            recent.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            Matcher put = PUT_REPORT.matcher(recent);
            if (put.find()) {
                connection.reportPut = put.group(1);
            }
            if (recent.length() > 512) {
                recent.delete(0, recent.length() - 512);
            }
            return true;
        });
    }

    private void pumpAnswers(Socket from, Socket to, Connection connection) {
        pump(from, to, (buffer, n) -> {
            if (holding && connection.reportPut != null) {
                heldReport = connection.reportPut;
                answerHeld.countDown();
                return false;
            }
            return true;
        });
    }

    private static void pump(Socket from, Socket to, Chunk chunk) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (chunk.forward(buffer, n)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // a side closed: the relay of this connection ends
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        release();
    }
}
