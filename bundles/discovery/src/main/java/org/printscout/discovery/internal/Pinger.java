package org.printscout.discovery.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The optional ICMP check before the SNMP probe. The JDK has no unprivileged ICMP: isReachable
 * sends an echo only when the JVM may open raw sockets (root or CAP_NET_RAW), else it tries a TCP
 * connection to port 7. /bin/ping is setuid or has the capability on Debian and works for any user,
 * at the price of a process per address. Both block a thread for up to the timeout, so pings run on
 * a pool of their own, sized by pingThreads, and never on the SNMP path.
 */
interface Pinger extends AutoCloseable {

    Pinger OFF = new Pinger() {
        @Override
        public CompletableFuture<Boolean> reachable(InetAddress address) {
            return CompletableFuture.completedFuture(true);
        }

        @Override
        public void close() {
        }
    };

    CompletableFuture<Boolean> reachable(InetAddress address);

    @Override
    void close();

    static Pinger of(String mode, int timeoutMillis, int threads, String command) {
        return switch (mode.toUpperCase(Locale.ROOT)) {
            case "OFF" -> OFF;
            case "JAVA" -> new Pool(threads, address -> address.isReachable(timeoutMillis));
            case "COMMAND" -> new Pool(threads, address -> runCommand(command, address, timeoutMillis));
            default -> throw new IllegalArgumentException("ping: '" + mode + "' is not OFF, JAVA or COMMAND");
        };
    }

    private static boolean runCommand(String command, InetAddress address, int timeoutMillis) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        String seconds = Integer.toString(Math.max(1, (timeoutMillis + 999) / 1000));
        for (String part : command.trim().split("\\s+")) {
            args.add(part.replace("{address}", address.getHostAddress()).replace("{timeoutSeconds}", seconds));
        }
        Process p = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(timeoutMillis + 2000L, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }

    /** A blocking check run on a bounded pool of daemon threads. */
    final class Pool implements Pinger {
        interface Check {
            boolean reachable(InetAddress address) throws Exception;
        }

        private final ExecutorService pool;
        private final Check check;

        Pool(int threads, Check check) {
            AtomicInteger n = new AtomicInteger();
            this.pool = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "printscout-ping-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
            this.check = check;
        }

        @Override
        public CompletableFuture<Boolean> reachable(InetAddress address) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return check.reachable(address);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                } catch (Exception e) {
                    return false;
                }
            }, pool);
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }
}
