package org.printscout.itest.appliance;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.printscout.itest.AgentHome;
import org.printscout.itest.Await;

/**
 * The discovery responder of the appliance layout, on loopback: a well-formed probe is answered with the
 * box's id, version, activation state and address, never with more bytes than the probe had; malformed
 * probes are not answered; a flood gets the rate limit; enabled=false closes the socket and true opens it
 * again. Found with both bin/printscout find and responder:find.
 */
public class DiscoveryResponderTest {

    private AgentHome agent;
    private int port;

    @Before
    public void startBox() throws Exception {
        agent = AgentHome.copyOf(Path.of(System.getProperty("printscout.appliance.distribution")));
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0)); ServerSocket web = new ServerSocket(0)) {
            port = probe.getLocalPort();
            Path http = agent.path().resolve("etc/org.apache.felix.http.cfg");
            Files.writeString(http, Files.readString(http).replace("23998", Integer.toString(web.getLocalPort())).replace("0.0.0.0", "127.0.0.1"));
        }
        Files.writeString(agent.path().resolve("etc/org.printscout.responder.cfg"),
                "port = " + port + "\nbindAddress = 127.0.0.1\nanswersPerSecond = 10\nanswersPerSenderPerSecond = 2\n");
        agent.start();
    }

    @After
    public void stopBox() throws Exception {
        agent.close();
    }

    @Test
    public void answersAWellFormedProbeWithinItsSizeAndRateAndCanBeSwitchedOff() throws Exception {
        // --- the setup tool finds the box ---
        AgentHome.Run find = agent.printscout("find", "127.0.0.1", "--port", Integer.toString(port), "--timeout", "1500");
        assertEquals(find.describe(), 0, find.status());
        String line = find.out().strip();
        assertTrue(find.describe(), line.startsWith("127.0.0.1 {\"nonce\":\""));
        for (String field : List.of("\"agentId\":\"\"", "\"activated\":false", "\"address\":\"127.0.0.1\"", "\"version\":\"0.1.0", "\"name\":\"",
                "\"webPort\":23998")) {
            assertTrue(field + " in " + line, line.contains(field));
        }
        assertTrue(find.describe(), find.err().contains("1 box(es) answered"));
        String gogo = agent.ok("responder:find --port " + port + " --timeout 1500 127.0.0.1");
        assertTrue(gogo, gogo.contains("127.0.0.1 {\"nonce\":\""));
        Thread.sleep(1100); // the two finds spent this sender's burst

        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            // --- an answer is never larger than its probe ---
            byte[] probe = probe("sizecheck0123456");
            List<byte[]> answers = sendAndCollect(socket, List.of(probe), Duration.ofMillis(800));
            assertEquals(1, answers.size());
            assertTrue(answers.get(0).length + " bytes answered to " + probe.length, answers.get(0).length <= probe.length);
            assertTrue(new String(answers.get(0), StandardCharsets.UTF_8).contains("\"nonce\":\"sizecheck0123456\""));
            Thread.sleep(1100);

            // --- malformed probes are not answered ---
            byte[] shortProbe = Arrays.copyOf(probe, 100);
            byte[] junk = new byte[600];
            Arrays.fill(junk, (byte) 'x');
            byte[] badPadding = probe.clone();
            badPadding[400] = '!';
            assertEquals("no answer to a malformed probe", 0,
                    sendAndCollect(socket, List.of(shortProbe, junk, badPadding, "hello".getBytes(StandardCharsets.US_ASCII)),
                            Duration.ofMillis(800)).size());

            // --- a flood of 50 probes gets the sender's rate: a burst of 2 and 2 a second ---
            List<byte[]> flood = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                flood.add(probe(String.format("flood%011d", i)));
            }
            long t0 = System.nanoTime();
            int answered = sendAndCollect(socket, flood, Duration.ofMillis(500)).size();
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(answered + " answers to 50 probes in " + seconds + " s", answered >= 1 && answered <= 2 + Math.ceil(2 * seconds));
        }
        String status = agent.ok("scout:status");
        assertTrue(status, status.matches("(?s).*malformed ignored [1-9].*over the rate limit [1-9].*"));

        // --- the off switch: no socket at all, then back ---
        agent.ok("scout:config org.printscout.responder enabled=false");
        Await.until("the responder's port to be closed", Duration.ofSeconds(10), () -> {
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
                return true;
            } catch (Exception e) {
                return false;
            }
        });
        AgentHome.Run off = agent.printscout("find", "127.0.0.1", "--port", Integer.toString(port), "--timeout", "800");
        assertEquals("nobody answers when switched off: " + off.describe(), 3, off.status());
        assertTrue(agent.ok("scout:status").contains("disabled"));
        agent.ok("scout:config org.printscout.responder enabled=true");
        Await.until("answers again after enabled=true", Duration.ofSeconds(10), () -> {
            try {
                return agent.printscout("find", "127.0.0.1", "--port", Integer.toString(port), "--timeout", "500").status() == 0;
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static byte[] probe(String nonce) {
        byte[] out = new byte[512];
        Arrays.fill(out, (byte) '.');
        byte[] head = ("PRINTSCOUT-PROBE/1 " + nonce + " ").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, out, 0, head.length);
        return out;
    }

    private List<byte[]> sendAndCollect(DatagramSocket socket, List<byte[]> probes, Duration wait) throws Exception {
        InetSocketAddress target = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port);
        for (byte[] p : probes) {
            socket.send(new DatagramPacket(p, p.length, target));
        }
        List<byte[]> answers = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        byte[] buffer = new byte[2048];
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(answer);
            } catch (SocketTimeoutException e) {
                break;
            }
            answers.add(Arrays.copyOf(answer.getData(), answer.getLength()));
        }
        return answers;
    }
}
