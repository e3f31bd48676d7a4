package org.printscout.responder.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The setup tool's side: sends one probe (to the LAN's broadcast address, or to one address) and
 * collects the answers that carry its nonce until the timeout. Runs inside the agent
 * ({@code responder:find}) and as the stand-alone program {@code bin/printscout-find}.
 */
public final class ProbeClient {

    /** One box that answered: the answer's JSON as it came, and who sent it. */
    public record Found(String from, String json) {
        @Override
        public String toString() {
            return from + " " + json;
        }
    }

    private ProbeClient() {
    }

    public static List<Found> find(InetAddress target, int port, Duration timeout) throws IOException {
        byte[] nonceBytes = new byte[12];
        new SecureRandom().nextBytes(nonceBytes);
        String nonce = HexFormat.of().formatHex(nonceBytes);
        List<Found> found = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setBroadcast(true);
            byte[] probe = Probe.probe(nonce);
            socket.send(new DatagramPacket(probe, probe.length, new InetSocketAddress(target, port)));
            long deadline = System.nanoTime() + timeout.toNanos();
            byte[] buffer = new byte[Probe.MAX_BYTES];
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) left);
                DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(answer);
                } catch (SocketTimeoutException e) {
                    break;
                }
                String text = new String(answer.getData(), 0, answer.getLength(), StandardCharsets.UTF_8).strip();
                if (text.startsWith(Probe.ANSWER_MAGIC) && text.contains("\"nonce\":\"" + nonce + "\"")) {
                    found.add(new Found(answer.getAddress().getHostAddress(), text.substring(Probe.ANSWER_MAGIC.length())));
                }
            }
        }
        return found;
    }

    /** {@code printscout-find [ADDRESS] [--port N] [--timeout MS]}: one line per box that answered. */
    public static void main(String[] args) throws IOException {
        String address = "255.255.255.255";
        int port = 23999;
        long timeoutMillis = 2000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--timeout" -> timeoutMillis = Long.parseLong(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: printscout-find [ADDRESS (default 255.255.255.255)] [--port N (23999)] [--timeout MS (2000)]");
                    return;
                }
                default -> address = args[i];
            }
        }
        List<Found> found = find(InetAddress.getByName(address), port, Duration.ofMillis(timeoutMillis));
        found.forEach(System.out::println);
        System.err.println(found.size() + " box(es) answered");
        System.exit(found.isEmpty() ? 3 : 0);
    }
}
