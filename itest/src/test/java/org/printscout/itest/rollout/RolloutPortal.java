package org.printscout.itest.rollout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The portal's side of the rollout contract for the agent's tests (the real portal side is tested on
 * its own): it activates with the dealer's key in {@code artifactKeys}, serves the site configuration
 * with the desired set the test sets, serves artifacts by SHA-256 and records the rollout statuses.
 * Loopback only.
 */
final class RolloutPortal implements AutoCloseable {

    static final String AGENT = "agent-r1";
    static final String SECRET = "secret-of-agent-r1-0123456789abcdef";

    private final HttpServer server;
    final List<String> artifactKeys = new CopyOnWriteArrayList<>();
    volatile String document = "{\"configurations\":{}}";
    final Map<String, byte[]> artifacts = new ConcurrentHashMap<>();
    final List<JsonObject> statuses = new CopyOnWriteArrayList<>();
    final List<String> downloads = new CopyOnWriteArrayList<>();

    RolloutPortal() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
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
                JsonObject answer = new JsonObject();
                answer.addProperty("agentId", AGENT);
                answer.addProperty("secret", SECRET);
                answer.addProperty("siteId", "s1");
                com.google.gson.JsonArray keys = new com.google.gson.JsonArray();
                artifactKeys.forEach(keys::add);
                answer.add("artifactKeys", keys);
                send(exchange, 200, answer.toString());
            } else if (!path.startsWith(prefix)) {
                send(exchange, 404, "no such resource");
            } else {
                String rest = path.substring(prefix.length());
                if (rest.equals("config") && method.equals("GET")) {
                    String doc = document;
                    String etag = "\"" + Integer.toHexString(doc.hashCode()) + "\"";
                    exchange.getResponseHeaders().set("ETag", etag);
                    if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                        exchange.sendResponseHeaders(304, -1);
                    } else {
                        send(exchange, 200, doc);
                    }
                } else if (rest.equals("config-status") && method.equals("POST")) {
                    exchange.sendResponseHeaders(204, -1);
                } else if (rest.startsWith("artifacts/") && method.equals("GET")) {
                    String sha = rest.substring("artifacts/".length());
                    downloads.add(sha);
                    byte[] artifact = artifacts.get(sha);
                    if (artifact == null) {
                        send(exchange, 404, "not in the desired set");
                    } else {
                        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                        exchange.sendResponseHeaders(200, artifact.length);
                        exchange.getResponseBody().write(artifact);
                    }
                } else if (rest.equals("rollout-status") && method.equals("POST")) {
                    statuses.add(JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject());
                    exchange.sendResponseHeaders(204, -1);
                } else if (rest.equals("commands") && method.equals("GET")) {
                    send(exchange, 200, "[]");
                } else if (rest.startsWith("reports/") && method.equals("PUT")) {
                    send(exchange, 201, "stored");
                } else {
                    send(exchange, 404, "no such resource");
                }
            }
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
