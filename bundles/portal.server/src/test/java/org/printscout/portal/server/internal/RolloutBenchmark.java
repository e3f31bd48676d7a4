package org.printscout.portal.server.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.osgi.service.log.Logger;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Fleet updates at scale (issue 16), a program, not a test: {@code bench.agents} simulated agents
 * (default 10 000, 100 per site) poll their site configuration with If-None-Match against one portal
 * on PostgreSQL (a throw-away cluster), {@code bench.clients} requests in flight at once (default 64,
 * Felix HTTP's worker threads in features/portal.json); printed: requests/s and p50/p95/max without a
 * change (304) and right after a rollout to every agent (200 with the new artifacts member). Then the
 * time for a 1 MB signed bundle to reach {@code bench.reach} agents (default 500): each polls once,
 * sees the new set, downloads the bundle and checks its SHA-256. The portal here is the portal's
 * agent API servlet and stores on Jetty 12 (the Jetty that Felix HTTP embeds) with a 12-connection
 * HikariCP pool and 64 threads, in this JVM, not the assembled OSGi process; the clients share the
 * machine (2 cores here), so the figures are a floor.
 *
 * <pre>mvn -B -o -q -pl bundles/portal.server test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.printscout.portal.server.internal.RolloutBenchmark [-Dbench.agents=10000 -Dbench.reach=500]</pre>
 */
public final class RolloutBenchmark {

    private RolloutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int agents = Integer.getInteger("bench.agents", 10_000);
        int clients = Integer.getInteger("bench.clients", 64);
        int reach = Math.min(agents, Integer.getInteger("bench.reach", 500));
        Logger logger = (Logger) java.lang.reflect.Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, arguments) -> method.getReturnType() == boolean.class ? Boolean.FALSE : null);
        try (TestPostgres postgres = TestPostgres.start()) {
            DataSources.Opened opened = postgres.freshDatabase("bench");
            try {
                run(opened, agents, clients, reach, logger);
            } finally {
                opened.close();
            }
        }
        System.exit(0);
    }

    private static void run(DataSources.Opened opened, int agents, int clients, int reach, Logger logger) throws Exception {
        javax.sql.DataSource dataSource = opened.dataSource();
        Migrator.migrate(dataSource);
        TenancyStore tenancy = new TenancyStore(dataSource, Clock.systemUTC());
        ArtifactCatalogue catalogue = new ArtifactCatalogue(dataSource, Clock.systemUTC(), 32L * 1024 * 1024, Files.createTempDirectory("bench-uploads"));
        RolloutStore rollouts = new RolloutStore(dataSource, Clock.systemUTC());
        tenancy.createDealer("d1", "Dealer");
        tenancy.createCustomer("c1", "d1", "Customer");
        int sites = (agents + 99) / 100;
        String[] secrets = new String[agents];
        long t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO site (id, customer_id, name, config_json, config_version) VALUES (?, 'c1', ?, ?, 1)")) {
                for (int i = 0; i < sites; i++) {
                    s.setString(1, "site-" + i);
                    s.setString(2, "Site " + i);
                    s.setString(3, "{\"configurations\":{\"org.printscout.discovery.site~hq\":{\"ranges\":[\"10.0.0.0/24\"]}}}");
                    s.addBatch();
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO agent (id, site_id, secret_hash, hostname, activated) VALUES (?, ?, ?, ?, now())")) {
                for (int i = 0; i < agents; i++) {
                    secrets[i] = Passwords.newSecret();
                    s.setString(1, "agent-" + i);
                    s.setString(2, "site-" + i / 100);
                    s.setString(3, Passwords.sha256(secrets[i]));
                    s.setString(4, "host-" + i);
                    s.addBatch();
                }
                s.executeBatch();
            }
            c.commit();
        }
        System.out.printf(Locale.ROOT, "%d agents on %d sites written in %.1f s%n", agents, sites, (System.nanoTime() - t0) / 1e9);
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        catalogue.addKey("d1", "printscout-ed25519 " + Base64.getEncoder().encodeToString(key.getPublic().getEncoded()) + " bench", "bench");

        QueuedThreadPool threads = new QueuedThreadPool(64, 8);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder api = new ServletHolder(new AgentApiServlet(tenancy, new ReportStore(dataSource, Clock.systemUTC()),
                new CommandStore(dataSource, Clock.systemUTC()), new ReportParser(new ReportParser.Limits(1024 * 1024, 8 * 1024 * 1024, 200)), catalogue,
                rollouts, 1024 * 1024, 16 * 1024 * 1024, logger));
        api.setAsyncSupported(true);
        context.addServlet(api, "/api/*");
        server.setHandler(context);
        server.start();
        String base = "http://127.0.0.1:" + connector.getLocalPort() + "/";
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Executors.newFixedThreadPool(clients)).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            String[] etags = new String[agents];
            poll(http, pool, base, secrets, etags, agents, "first poll of every agent (200, warm-up)", 200);
            poll(http, pool, base, secrets, etags, agents, "polls without a change (304)", 304);
            poll(http, pool, base, secrets, etags, agents, "polls without a change (304), again", 304);
            byte[] mapping = "<mappings xmlns=\"urn:printscout:mapping:1\"/>".getBytes(StandardCharsets.UTF_8);
            ArtifactCatalogue.Artifact small = catalogue.add("d1", new ByteArrayInputStream(mapping), RolloutContract.sig(key, "mapping",
                    "bench.mapping.xml", "bench", "1", mapping).getBytes(StandardCharsets.UTF_8), "bench");
            rollouts.create("d1", "every agent", List.of(small.id()), List.of(new RolloutStore.Target("customer", "c1")), List.of(), 100, "bench");
            poll(http, pool, base, secrets, etags, agents, "polls right after a rollout to all (200)", 200);
            poll(http, pool, base, secrets, etags, agents, "polls without a change, set handed (304)", 304);

            byte[] noise = new byte[1024 * 1024];
            new Random(16).nextBytes(noise);
            byte[] jar = jar(noise);
            long up = System.nanoTime();
            ArtifactCatalogue.Artifact bundle = catalogue.add("d1", new ByteArrayInputStream(jar), RolloutContract.sig(key, "bundle", "bench-1.0.0.jar",
                    "org.printscout.bench", "1.0.0", jar).getBytes(StandardCharsets.UTF_8), "bench");
            System.out.printf(Locale.ROOT, "catalogue upload of a %d-byte bundle (verify + store): %.0f ms%n", jar.length, (System.nanoTime() - up) / 1e6);
            List<RolloutStore.Target> first = new ArrayList<>();
            for (int i = 0; i < (reach + 99) / 100; i++) {
                first.add(new RolloutStore.Target("site", "site-" + i));
            }
            long started = System.nanoTime();
            rollouts.create("d1", "1 MB bundle", List.of(small.id(), bundle.id()), first, List.of(), 100, "bench");
            ConcurrentLinkedQueue<Long> times = new ConcurrentLinkedQueue<>();
            AtomicInteger failures = new AtomicInteger();
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < reach; i++) {
                int agent = i;
                work.add(pool.submit(() -> {
                    try {
                        HttpResponse<String> config = http.send(request(base, "api/v1/agents/agent-" + agent + "/config", secrets[agent])
                                .header("If-None-Match", etags[agent]).build(), HttpResponse.BodyHandlers.ofString());
                        JsonObject set = JsonParser.parseString(config.body()).getAsJsonObject().getAsJsonObject("artifacts");
                        for (var item : set.getAsJsonArray("items")) {
                            JsonObject artifact = item.getAsJsonObject();
                            HttpResponse<byte[]> bytes = http.send(request(base, artifact.get("url").getAsString(), secrets[agent]).build(),
                                    HttpResponse.BodyHandlers.ofByteArray());
                            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.body()));
                            if (bytes.statusCode() != 200 || !digest.equals(artifact.get("sha256").getAsString())) {
                                failures.incrementAndGet();
                            }
                        }
                        times.add(System.nanoTime() - started);
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            List<Long> sorted = new ArrayList<>(times);
            Collections.sort(sorted);
            double total = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "1 MB bundle (+ the mapping) to %d agents, all polling at once, %d at a time: %.1f s (%.1f MB/s), "
                    + "half of them by %.1f s, %d failures%n", reach, clients, total, reach * (jar.length + mapping.length) / 1e6 / total,
                    sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2) / 1e9, failures.get());
        } finally {
            pool.shutdownNow();
            server.stop();
        }
    }

    private static HttpRequest.Builder request(String base, String path, String secret) {
        String agent = path.replaceAll("api/v1/agents/([^/]+)/.*", "$1");
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", PortalContract.basic(agent, secret));
    }

    /** Every agent polls once, {@code clients} at a time; prints requests/s and latencies; keeps each agent's ETag. */
    private static void poll(HttpClient http, ExecutorService pool, String base, String[] secrets, String[] etags, int agents, String name,
                             int expected) throws Exception {
        long[] times = new long[agents];
        AtomicInteger unexpected = new AtomicInteger();
        long started = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            int agent = i;
            work.add(pool.submit(() -> {
                try {
                    HttpRequest.Builder request = request(base, "api/v1/agents/agent-" + agent + "/config", secrets[agent]);
                    if (etags[agent] != null) {
                        request.header("If-None-Match", etags[agent]);
                    }
                    long t0 = System.nanoTime();
                    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    times[agent] = System.nanoTime() - t0;
                    if (answer.statusCode() != expected) {
                        unexpected.incrementAndGet();
                    }
                    etags[agent] = answer.headers().firstValue("ETag").orElse(etags[agent]);
                } catch (Exception e) {
                    unexpected.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        java.util.Arrays.sort(times);
        System.out.printf(Locale.ROOT, "%-44s %6d requests %7.0f req/s  p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms  not %d: %d%n", name, agents,
                agents / seconds, times[agents / 2] / 1e6, times[(int) Math.ceil(agents * 0.95) - 1] / 1e6, times[agents - 1] / 1e6, expected,
                unexpected.get());
    }

    /** A bundle jar carrying {@code payload} stored (not deflated), so it is as large as the payload. */
    private static byte[] jar(byte[] payload) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "org.printscout.bench");
        manifest.getMainAttributes().putValue("Bundle-Version", "1.0.0");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, manifest)) {
            JarEntry entry = new JarEntry("payload.bin");
            entry.setMethod(JarEntry.STORED);
            entry.setSize(payload.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(payload);
            entry.setCrc(crc.getValue());
            jar.putNextEntry(entry);
            jar.write(payload);
        }
        return out.toByteArray();
    }
}
