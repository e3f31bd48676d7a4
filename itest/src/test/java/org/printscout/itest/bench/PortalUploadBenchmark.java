package org.printscout.itest.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.printscout.itest.PortalProcess;
import org.printscout.portal.server.internal.TestPostgres;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * How many report uploads a second the reference portal (the assembled distribution, embedded H2)
 * takes: {@code AGENTS} activated agents upload meter reports of 20 devices each (5 meters and 4
 * supplies per device, about the size the agent writes), {@code IN_FLIGHT} uploads at a time, then
 * the same reports again (the retries of agents that lost the answer: idempotent, answered 200).
 * DESIGN.md's yardstick: 10 000 agents with a status scan every 10 minutes is ~17 uploads a second.
 * Run after {@code mvn install -DskipTests}; {@code -Dportal.db=postgresql} runs the portal on a
 * throw-away PostgreSQL cluster (Debian's package) instead of H2:
 *
 * <pre>mvn -q -o -pl itest test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.printscout.itest.bench.PortalUploadBenchmark [-Dportal.db=postgresql]</pre>
 */
public final class PortalUploadBenchmark {

    private static final int AGENTS = 20;
    private static final int REPORTS_PER_AGENT = 50;
    private static final int DEVICES = 20;
    private static final int IN_FLIGHT = 16;

    private PortalUploadBenchmark() {
    }

    record Agent(String id, String secret) {
    }

    record Upload(Agent agent, String reportId, byte[] zip) {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("printscout.portal.distribution", System.getProperty("printscout.portal.distribution",
                Path.of("distribution/portal/target/printscout-portal").toAbsolutePath().toString()));
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(IN_FLIGHT);
        HttpClient http = HttpClient.newBuilder().executor(threads).build();
        boolean postgres = "postgresql".equals(System.getProperty("portal.db"));
        try (TestPostgres database = postgres ? TestPostgres.start() : null;
             PortalProcess portal = postgres
                     ? PortalProcess.provisioned("jdbcUrl = " + database.url("portal_test") + "\njdbcUser = portal\n")
                     : PortalProcess.provisioned()) {
            System.out.println("portal database: " + (postgres ? "PostgreSQL (throw-away cluster on loopback, fsync off)" : "embedded H2"));
            List<Agent> agents = new ArrayList<>();
            for (int i = 0; i < AGENTS; i++) {
                HttpResponse<String> activated = http.send(HttpRequest.newBuilder(URI.create(portal.url() + "api/v1/activate"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"activationKey\":\"" + portal.activationKey() + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonObject body = JsonParser.parseString(activated.body()).getAsJsonObject();
                agents.add(new Agent(body.get("agentId").getAsString(), body.get("secret").getAsString()));
            }
            List<Upload> uploads = new ArrayList<>();
            long bytes = 0;
            for (int r = 0; r < REPORTS_PER_AGENT; r++) {
                for (int a = 0; a < agents.size(); a++) {
                    String id = UUID.randomUUID().toString();
                    byte[] zip = report(id, agents.get(a).id(), a, r);
                    bytes += zip.length;
                    uploads.add(new Upload(agents.get(a), id, zip));
                }
            }
            System.out.printf(Locale.ROOT, "%d agents, %d reports of %d devices (%.1f KB zipped on average), %d uploads in flight%n",
                    AGENTS, uploads.size(), DEVICES, bytes / 1024.0 / uploads.size(), IN_FLIGHT);
            System.out.printf(Locale.ROOT, "%-28s %8s %10s %8s %8s %8s %s%n", "run", "uploads", "uploads/s", "p50 ms", "p95 ms", "max ms",
                    "statuses");
            run(http, portal, uploads, "first upload (stored)");
            run(http, portal, uploads, "same reports again (dup)");
            System.out.println("reports stored: " + portal.reportIds().size());
        } finally {
            threads.shutdownNow();
        }
    }

    private static void run(HttpClient http, PortalProcess portal, List<Upload> uploads, String name) throws Exception {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger created = new AtomicInteger();
        AtomicInteger duplicate = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>();
        long started = System.nanoTime();
        for (Upload upload : uploads) {
            slots.acquire();
            long sent = System.nanoTime();
            all.add(http.sendAsync(HttpRequest.newBuilder(URI.create(portal.url() + "api/v1/agents/" + upload.agent().id() + "/reports/"
                            + upload.reportId()))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (upload.agent().id() + ":" + upload.agent().secret()).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/zip").header("Idempotency-Key", upload.reportId())
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(upload.zip())).build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        latencies.add(System.nanoTime() - sent);
                        if (failure == null && response.statusCode() == 201) {
                            created.incrementAndGet();
                        } else if (failure == null && response.statusCode() == 200) {
                            duplicate.incrementAndGet();
                        } else {
                            other.incrementAndGet();
                        }
                        slots.release();
                    }));
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).handle((v, e) -> null).join();
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "%-28s %8d %10.1f %8.1f %8.1f %8.1f 201=%d 200=%d other=%d%n", name, uploads.size(),
                uploads.size() / seconds, millis(sorted, 0.50), millis(sorted, 0.95), sorted.get(sorted.size() - 1) / 1e6,
                created.get(), duplicate.get(), other.get());
    }

    private static double millis(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * quantile))) / 1e6;
    }

    /** A meter report as the agent writes one: 20 devices, 5 meters and 4 supplies each. */
    private static byte[] report(String id, String agent, int agentIndex, int round) throws IOException {
        String at = Instant.parse("2026-11-01T02:00:00Z").plusSeconds(86_400L * round).toString();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><report xmlns=\"urn:printscout:report:1\" id=\"")
                .append(id).append("\" agent=\"").append(agent).append("\" site=\"s1\" kind=\"meter\" finished=\"").append(at).append("\">");
        for (int d = 0; d < DEVICES; d++) {
            long total = 10_000L * (d + 1) + 137L * round;
            xml.append("<device ip=\"10.").append(agentIndex).append(".0.").append(d + 1).append("\" mac=\"00:1B:A9:")
                    .append(String.format(Locale.ROOT, "%02X:%02X:%02X", agentIndex, round % 256, d)).append("\" serial=\"SN-")
                    .append(agentIndex).append('-').append(d).append("\" make=\"HP\" model=\"LaserJet M507\" readAt=\"").append(at)
                    .append("\"><status device=\"running\" printer=\"idle\"/>")
                    .append("<meter name=\"total\">").append(total).append("</meter>")
                    .append("<meter name=\"mono\">").append(total * 3 / 4).append("</meter>")
                    .append("<meter name=\"color\">").append(total / 4).append("</meter>")
                    .append("<meter name=\"print\">").append(total * 2 / 3).append("</meter>")
                    .append("<meter name=\"copy\">").append(total / 3).append("</meter>");
            String[] colors = {"black", "cyan", "magenta", "yellow"};
            for (int s = 0; s < colors.length; s++) {
                xml.append("<supply index=\"").append(s + 1).append("\" type=\"toner\" colorant=\"").append(colors[s])
                        .append("\" unit=\"percent\" level=\"").append((round * 7 + s * 13) % 100).append("\" max=\"100\">")
                        .append(colors[s]).append(" toner cartridge</supply>");
            }
            xml.append("</device>");
        }
        xml.append("</report>");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("report.xml"));
            zip.write(xml.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
