package org.printscout.portal.server.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster on a free loopback port (Debian's postgresql package; CI installs
 * it through .ci/install-peers). PostgreSQL refuses to run as root, so as root it runs as the
 * package's "postgres" user. Missing binaries fail the test rather than skip it.
 */
public final class TestPostgres implements AutoCloseable {

    final Path dir;
    final int port;
    private final Process server;

    private TestPostgres(Path dir, int port, Process server) {
        this.dir = dir;
        this.port = port;
        this.server = server;
    }

    static Path binaries() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IOException("no PostgreSQL under /usr/lib/postgresql (run .ci/install-peers)"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("no PostgreSQL under /usr/lib/postgresql (run .ci/install-peers)", e);
        }
    }

    /** Starts a cluster with an empty database {@code portal_test}, user {@code portal}, no password. */
    public static TestPostgres start() throws Exception {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("printscout-pg");
        if (root) {
            run(List.of("chown", "postgres", dir.toString()));
        }
        Path data = dir.resolve("data");
        run(as(root, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "portal", "--auth=trust", "-E", "UTF8", "--no-sync"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process server = new ProcessBuilder(as(root, bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        TestPostgres pg = new TestPostgres(dir, port, server);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Connection c = DriverManager.getConnection(pg.url("postgres"), "portal", "")) {
                c.createStatement().execute("CREATE DATABASE portal_test");
                return pg;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline || !server.isAlive()) {
                    pg.close();
                    throw new IllegalStateException("PostgreSQL did not start: " + Files.readString(dir.resolve("server.log")), e);
                }
                Thread.sleep(200);
            }
        }
    }

    private final java.util.concurrent.atomic.AtomicInteger databases = new java.util.concurrent.atomic.AtomicInteger();

    /** A new, empty database on this cluster and a pool to it (close the pool after the test: PostgreSQL allows 100 connections). */
    DataSources.Opened freshDatabase(String prefix) throws Exception {
        String name = prefix + "_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), "portal", "")) {
            c.createStatement().execute("CREATE DATABASE " + name);
        }
        return DataSources.open(url(name), "portal", "");
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static List<String> as(boolean root, String... command) {
        List<String> out = new ArrayList<>();
        if (root) {
            out.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        out.addAll(List.of(command));
        return out;
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + output);
        }
    }

    @Override
    public void close() throws IOException {
        server.destroy();
        try {
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
