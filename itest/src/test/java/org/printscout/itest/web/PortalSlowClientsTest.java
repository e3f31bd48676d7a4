package org.printscout.itest.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.Test;

/**
 * Issue 11 item 6: slow clients must not freeze the portal. 200 connections each send one byte a
 * second (100 trickle their request headers, 100 announce a body and trickle it: 50 to the open
 * activation endpoint, 50 as an authenticated agent's upload); while all of them are held open, an
 * agent API call and the page are answered in under 1 s. The old JDK server had 8 workers, so 8 such
 * connections stopped it. Also: an oversized upload still gets its 413 and the reason, not a reset.
 */
public class PortalSlowClientsTest {

    private static final int SLOW_CONNECTIONS = 200;

    private PortalUnderTest portal;
    private final List<Socket> slow = new ArrayList<>();

    @After
    public void stop() throws Exception {
        for (Socket socket : slow) {
            socket.close();
        }
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    public void twoHundredSlowConnectionsDoNotDelayAgentsOrThePage() throws Exception {
        portal = PortalUnderTest.started("");
        PortalUnderTest.Agent agent = portal.activate();
        // the first sign-in costs a PBKDF2 (about 2 s on this machine's CPU); it is not what is measured here
        assertEquals(200, page().statusCode());

        for (int i = 0; i < SLOW_CONNECTIONS; i++) {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", portal.port), 5_000);
            socket.setSoTimeout(1);
            String start;
            if (i % 2 == 0) {
                start = "GET / HTTP/1.1\r\nHost: " + portal.address + "\r\nX-Slow: ";
            } else if (i % 4 == 1) {
                start = "POST /api/v1/activate HTTP/1.1\r\nHost: " + portal.address + "\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{";
            } else {
                String report = UUID.randomUUID().toString();
                start = "PUT /api/v1/agents/" + agent.id() + "/reports/" + report + " HTTP/1.1\r\nHost: " + portal.address
                        + "\r\nAuthorization: " + agent.authorization() + "\r\nIdempotency-Key: " + report
                        + "\r\nContent-Type: application/zip\r\nContent-Length: 100000\r\n\r\nP";
            }
            socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
            slow.add(socket);
        }
        AtomicInteger failedWrites = new AtomicInteger();
        Thread trickle = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(1000);
                    for (Socket socket : slow) {
                        try {
                            OutputStream out = socket.getOutputStream();
                            out.write('a');
                            out.flush();
                        } catch (IOException e) {
                            failedWrites.incrementAndGet();
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "trickle");
        trickle.setDaemon(true);
        trickle.start();
        try {
            Thread.sleep(3000); // every slow request has started (its headers or first body bytes are in)
            long worstAgent = 0;
            long worstPage = 0;
            for (int round = 0; round < 5; round++) {
                long t0 = System.nanoTime();
                HttpResponse<String> config = portal.http.send(HttpRequest.newBuilder(URI.create(portal.url("/api/v1/agents/" + agent.id() + "/config")))
                        .header("Authorization", agent.authorization()).timeout(java.time.Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                long agentMillis = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(config.body(), 200, config.statusCode());
                t0 = System.nanoTime();
                HttpResponse<String> page = page();
                long pageMillis = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(200, page.statusCode());
                assertTrue(page.body().contains("PrintScout portal"));
                System.out.printf("with %d slow connections open: agent config %d ms, page %d ms%n", SLOW_CONNECTIONS, agentMillis, pageMillis);
                worstAgent = Math.max(worstAgent, agentMillis);
                worstPage = Math.max(worstPage, pageMillis);
                Thread.sleep(500);
            }
            System.out.printf("slowest of 5: agent config %d ms, page %d ms (limit 1000 ms)%n", worstAgent, worstPage);
            assertTrue("an agent's request took " + worstAgent + " ms", worstAgent < 1000);
            assertTrue("the page took " + worstPage + " ms", worstPage < 1000);
            int open = 0;
            for (Socket socket : slow) {
                try {
                    if (socket.getInputStream().read() < 0) {
                        continue; // closed by the portal
                    }
                } catch (SocketTimeoutException e) {
                    open++; // nothing to read: still open and waiting
                    continue;
                } catch (IOException e) {
                    continue;
                }
            }
            System.out.printf("%d of %d slow connections still held open, %d writes failed%n", open, SLOW_CONNECTIONS, failedWrites.get());
            assertEquals("every slow connection held open while it sends", SLOW_CONNECTIONS, open);
        } finally {
            trickle.interrupt();
        }
    }

    @Test
    public void anOversizedUploadGetsItsReasonNotAReset() throws Exception {
        portal = PortalUnderTest.started("");
        PortalUnderTest.Agent agent = portal.activate();
        String report = UUID.randomUUID().toString();
        byte[] twoMiB = new byte[2 * 1024 * 1024];
        twoMiB[0] = 'P';
        twoMiB[1] = 'K';
        HttpResponse<String> response = portal.http.send(HttpRequest.newBuilder(URI.create(portal.url("/api/v1/agents/" + agent.id() + "/reports/" + report)))
                .header("Authorization", agent.authorization()).header("Idempotency-Key", report)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(twoMiB)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(response.body(), 413, response.statusCode());
        assertTrue(response.body(), response.body().contains("at most 1048576 bytes"));
        HttpResponse<String> form = portal.person().postRaw("/commands", "arguments=" + "x".repeat(10_000));
        assertEquals(form.body(), 413, form.statusCode());
        assertTrue(form.body(), form.body().contains("form too large"));
    }

    private HttpResponse<String> page() throws Exception {
        return portal.person().http.send(HttpRequest.newBuilder(URI.create(portal.url("/"))).timeout(java.time.Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
