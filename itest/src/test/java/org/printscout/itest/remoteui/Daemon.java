package org.printscout.itest.remoteui;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A peer program (mosquitto, sshd, websockify) run by a test as an ordinary process with its own
 * configuration, its output in a log file the test reads, stopped at the end.
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

    /** Starts the program and waits until it listens on {@code port} of 127.0.0.1. */
    static Daemon start(String name, List<String> command, Path log, int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Daemon daemon = new Daemon(name, builder.start(), log);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!listening(port)) {
            if (!daemon.process.isAlive()) {
                throw new AssertionError(name + " exited with " + daemon.process.exitValue() + ": " + daemon.log());
            }
            if (System.nanoTime() > deadline) {
                daemon.close();
                throw new AssertionError(name + " is not listening on 127.0.0.1:" + port + " after 15 s: " + daemon.log());
            }
            Thread.sleep(50);
        }
        return daemon;
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Sends SIGHUP (mosquitto re-reads its password file and ACL). */
    void hangUp() throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("cannot send SIGHUP to " + name);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
