package org.printscout.itest.interop;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A peer program (snmpd, snmpsimd, the simulator's command line) run by a test on a loopback port
 * with its own configuration in a temporary directory, and stopped at the end.
 */
final class Daemon implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private Daemon(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static Daemon start(String name, List<String> command, Map<String, String> env, Path workDir) throws IOException {
        Path log = workDir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return new Daemon(name, pb.start(), log);
    }

    /** Waits until something listens on the UDP port of 127.0.0.1 (read from /proc/net/udp). */
    Daemon awaitUdp(int port, long timeoutMillis) throws Exception {
        String needle = String.format(Locale.ROOT, "0100007F:%04X", port);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (Files.readAllLines(Path.of("/proc/net/udp")).stream().anyMatch(l -> l.contains(needle))) {
                return this;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " did not listen on udp 127.0.0.1:" + port + " within " + timeoutMillis
                + " ms:\n" + logTail());
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** A UDP port on 127.0.0.1 that was free a moment ago. */
    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void requireProgram(String path) {
        if (!Files.isExecutable(Path.of(path))) {
            throw new IllegalStateException(path + " is missing: run .ci/install-peers (the interop tests need it)");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
