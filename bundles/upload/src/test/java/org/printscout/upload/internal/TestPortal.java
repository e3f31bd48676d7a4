package org.printscout.upload.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/** A portal on loopback speaking the importer API, with knobs for the failures tests need. */
final class TestPortal implements AutoCloseable {

    static final String GOOD_KEY = "ACT-GOOD-0001";
    static final String AGENT = "agent-1";
    static final String SECRET = "s3cret-of-agent-1";

    final HttpServer server;
    volatile String acceptedKey = GOOD_KEY;
    volatile String siteConfig = "{\"siteId\":\"site-9\",\"configurations\":{\"org.printscout.discovery.site~hq\":"
            + "{\"ranges\":[\"10.0.0.0/24\",\"10.0.1.0/24\"],\"enabled\":true}}}";
    volatile String etag = "\"v1\"";
    /** Uploads to answer with 503 after storing: the answer is lost, the report is not. */
    final AtomicInteger loseAnswers = new AtomicInteger();
    /** Uploads to refuse with 503 before storing. */
    final AtomicInteger failUploads = new AtomicInteger();
    /** Uploads answered 404 like a portal whose API is not registered yet (still starting). */
    final AtomicInteger notServingUploads = new AtomicInteger();
    final Map<String, byte[]> reports = new ConcurrentHashMap<>();
    final List<String> uploadOrder = new CopyOnWriteArrayList<>();
    final List<String> requestLines = new CopyOnWriteArrayList<>();
    /** Bodies of the agent's config-status posts, in order. */
    final List<String> configStatuses = new CopyOnWriteArrayList<>();
    /** Report ids answered 422 (a report the portal can never store). */
    final java.util.Set<String> refuseReports = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final AtomicInteger configRequests = new AtomicInteger();
    final AtomicInteger notModified = new AtomicInteger();
    /** The JSON array the next command poll answers (then "[]" again: each command is handed out once). */
    volatile String queuedCommands = "[]";
    /** Command ids this portal knows as queued and unfinished; results and files for others get 404. */
    final Set<String> openCommands = ConcurrentHashMap.newKeySet();
    final Map<String, byte[]> commandFiles = new ConcurrentHashMap<>();
    final Map<String, String> commandFileTypes = new ConcurrentHashMap<>();
    final Map<String, String> commandResults = new ConcurrentHashMap<>();
    /** Added to the activation answer, e.g. {@code ,"artifactKeys":[...]}. */
    volatile String activationExtra = "";
    /** Artifacts this portal serves by SHA-256, and the agent's rollout-status posts. */
    final Map<String, byte[]> artifacts = new ConcurrentHashMap<>();
    final List<String> rolloutStatuses = new CopyOnWriteArrayList<>();
    /** Command results to refuse with 503 before recording. */
    final AtomicInteger failResults = new AtomicInteger();

    private TestPortal(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.start();
    }

    static TestPortal http() throws IOException {
        return new TestPortal(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    }

    static TestPortal https(Path keyStore) throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext(keyStore)));
        return new TestPortal(server);
    }

    static SSLContext serverContext(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, Certificates.PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, Certificates.PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String scheme) {
        return scheme + "://127.0.0.1:" + port() + "/portal";
    }

    private void handle(HttpExchange exchange) throws IOException {
        requestLines.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        try {
            if (path.equals("/portal/api/v1/activate") && exchange.getRequestMethod().equals("POST")) {
                String text = new String(body, StandardCharsets.UTF_8);
                if (text.contains("\"" + acceptedKey + "\"")) {
                    send(exchange, 200, "{\"agentId\":\"" + AGENT + "\",\"secret\":\"" + SECRET + "\",\"siteId\":\"site-9\"" + activationExtra + "}");
                } else {
                    send(exchange, 403, "unknown activation key");
                }
                return;
            }
            String prefix = "/portal/api/v1/agents/" + AGENT + "/";
            if (!path.startsWith(prefix)) {
                send(exchange, 404, "no such resource");
                return;
            }
            String expected = "Basic " + Base64.getEncoder().encodeToString((AGENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "bad credentials");
                return;
            }
            String rest = path.substring(prefix.length());
            if (rest.equals("config")) {
                configRequests.incrementAndGet();
                if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    notModified.incrementAndGet();
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
                exchange.getResponseHeaders().set("ETag", etag);
                send(exchange, 200, siteConfig);
                return;
            }
            if (rest.startsWith("artifacts/") && exchange.getRequestMethod().equals("GET")) {
                byte[] artifact = artifacts.get(rest.substring("artifacts/".length()));
                if (artifact == null) {
                    send(exchange, 404, "not in this agent's desired set");
                } else {
                    exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                    exchange.sendResponseHeaders(200, artifact.length);
                    exchange.getResponseBody().write(artifact);
                    exchange.close();
                }
                return;
            }
            if (rest.equals("rollout-status") && exchange.getRequestMethod().equals("POST")) {
                rolloutStatuses.add(new String(body, StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            if (rest.equals("config-status") && exchange.getRequestMethod().equals("POST")) {
                configStatuses.add(new String(body, StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            if (rest.equals("commands") && exchange.getRequestMethod().equals("GET")) {
                String commands = queuedCommands;
                queuedCommands = "[]";
                send(exchange, 200, commands);
                return;
            }
            if (rest.startsWith("commands/") && rest.endsWith("/file") && exchange.getRequestMethod().equals("PUT")) {
                String id = rest.substring("commands/".length(), rest.length() - "/file".length());
                if (!openCommands.contains(id)) {
                    send(exchange, 404, "no such unfinished command");
                } else if (body.length > 16 * 1024 * 1024) {
                    send(exchange, 413, "too large");
                } else {
                    commandFiles.put(id, body);
                    commandFileTypes.put(id, String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
                    send(exchange, 201, "");
                }
                return;
            }
            if (rest.startsWith("commands/") && exchange.getRequestMethod().equals("POST")) {
                String id = rest.substring("commands/".length());
                if (failResults.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    send(exchange, 503, "busy");
                } else if (!openCommands.remove(id)) {
                    send(exchange, 404, "no such unfinished command");
                } else {
                    commandResults.put(id, new String(body, StandardCharsets.UTF_8));
                    exchange.sendResponseHeaders(204, -1);
                }
                return;
            }
            if (rest.startsWith("reports/") && exchange.getRequestMethod().equals("PUT")) {
                String id = rest.substring("reports/".length());
                if (!id.equals(exchange.getRequestHeaders().getFirst("Idempotency-Key"))) {
                    send(exchange, 400, "Idempotency-Key does not match");
                    return;
                }
                if (notServingUploads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    send(exchange, 404, "Not Found");
                    return;
                }
                if (refuseReports.contains(id)) {
                    send(exchange, 422, "meter name longer than 64 characters");
                    return;
                }
                if (failUploads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    send(exchange, 503, "busy");
                    return;
                }
                boolean known = reports.putIfAbsent(id, body) != null;
                if (!known) {
                    uploadOrder.add(id);
                }
                if (loseAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    send(exchange, 503, "stored, but the answer is lost");
                    return;
                }
                send(exchange, known ? 200 : 201, known ? "already stored" : "stored");
                return;
            }
            send(exchange, 404, "no such resource");
        } finally {
            exchange.close();
        }
    }

    static void send(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Self-signed certificates made by the JDK's keytool in a temporary directory. */
    static final class Certificates {
        static final String PASSWORD = "changeit";

        final Path keyStore;
        final Path pem;

        Certificates(Path keyStore, Path pem) {
            this.keyStore = keyStore;
            this.pem = pem;
        }

        static Certificates generate(Path dir, String name, String subjectAltName) throws Exception {
            Path keyStore = dir.resolve(name + ".p12");
            Path pem = dir.resolve(name + ".pem");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            run(keytool, "-genkeypair", "-alias", "portal", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=" + name, "-ext", "san=" + subjectAltName, "-validity", "2",
                    "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
            run(keytool, "-exportcert", "-rfc", "-alias", "portal", "-keystore", keyStore.toString(),
                    "-storepass", PASSWORD, "-file", pem.toString());
            return new Certificates(keyStore, pem);
        }

        private static void run(String... command) throws Exception {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        }
    }
}
