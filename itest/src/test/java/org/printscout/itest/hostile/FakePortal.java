package org.printscout.itest.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A portal that says whatever the test wants, as a compromised one would: it activates any key,
 * serves the site configuration document the test sets, hands out the commands the test queues,
 * and records what the agent sends back. Loopback only.
 */
final class FakePortal implements AutoCloseable {

    static final String AGENT = "agent-h1";
    static final String SECRET = "secret-of-agent-h1-0123456789abcdef";

    private final HttpServer server;
    volatile String document = "{\"configurations\":{}}";
    final List<String> configStatuses = new CopyOnWriteArrayList<>();
    final List<String> commandQueue = new CopyOnWriteArrayList<>();
    final Map<String, byte[]> commandFiles = new ConcurrentHashMap<>();
    final Map<String, String> commandResults = new ConcurrentHashMap<>();
    final Map<String, byte[]> reports = new ConcurrentHashMap<>();

    FakePortal() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Queues a command as the portal's JSON list entry. */
    void queue(String id, int code, String arguments) {
        commandQueue.add("{\"id\":\"" + id + "\",\"code\":" + code + ",\"arguments\":\"" + arguments + "\"}");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String prefix = "/api/v1/agents/" + AGENT + "/";
            if (path.equals("/api/v1/activate")) {
                send(exchange, 200, "{\"agentId\":\"" + AGENT + "\",\"secret\":\"" + SECRET + "\",\"siteId\":\"s1\"}");
            } else if (!path.startsWith(prefix)) {
                send(exchange, 404, "no such resource");
            } else {
                String rest = path.substring(prefix.length());
                if (rest.equals("config") && method.equals("GET")) {
                    String doc = document;
                    String etag = "\"" + digest(doc) + "\"";
                    exchange.getResponseHeaders().set("ETag", etag);
                    if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                        exchange.sendResponseHeaders(304, -1);
                    } else {
                        send(exchange, 200, doc);
                    }
                } else if (rest.equals("config-status") && method.equals("POST")) {
                    configStatuses.add(new String(body, StandardCharsets.UTF_8));
                    exchange.sendResponseHeaders(204, -1);
                } else if (rest.equals("commands") && method.equals("GET")) {
                    List<String> out = List.copyOf(commandQueue);
                    commandQueue.removeAll(out);
                    send(exchange, 200, "[" + String.join(",", out) + "]");
                } else if (rest.startsWith("commands/") && rest.endsWith("/file") && method.equals("PUT")) {
                    commandFiles.put(rest.split("/")[1], body);
                    send(exchange, 201, "stored");
                } else if (rest.startsWith("commands/") && method.equals("POST")) {
                    commandResults.put(rest.split("/")[1], new String(body, StandardCharsets.UTF_8));
                    exchange.sendResponseHeaders(204, -1);
                } else if (rest.startsWith("reports/") && method.equals("PUT")) {
                    reports.put(rest.substring("reports/".length()), body);
                    send(exchange, 201, "stored");
                } else {
                    send(exchange, 404, "no such resource");
                }
            }
        }
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", text.startsWith("{") || text.startsWith("[") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
