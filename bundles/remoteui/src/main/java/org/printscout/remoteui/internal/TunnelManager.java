package org.printscout.remoteui.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.printscout.api.remoteui.TunnelKeyRegistration;
import org.printscout.api.status.StatusContributor;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

/**
 * Opens and closes the reverse SSH tunnels, one per request, each with a fresh SSH connection: the
 * tunnel server is logged in to with the agent's own key, its host key must be the pinned one, and one
 * remote forward ({@code 127.0.0.1:remotePort} on the server to the printer's web port) is asked
 * for. A tunnel is closed when the portal ends the session, when the server or the printer stops
 * answering, when the agent stops, and in every case at its deadline (at most ten minutes after it
 * opened). Whatever fails while opening, the SSH connection is dropped: nothing stays open.
 */
@Component(service = {TunnelManager.class, StatusContributor.class}, configurationPid = "org.printscout.remoteui.tunnels",
        property = {"osgi.command.scope=scout", "osgi.command.function=tunnels"})
@Designate(ocd = TunnelConfig.class)
public final class TunnelManager implements StatusContributor {

    private static final Duration SERVER_CHECK = Duration.ofSeconds(2);

    private final Logger log;
    private final TunnelConfig config;
    private final AgentSshKey key;
    private final Path directory;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Tunnel> tunnels = new LinkedHashMap<>();
    private final ScheduledThreadPoolExecutor timers;
    private volatile java.util.concurrent.Future<?> keyRegistration;

    @Activate
    public TunnelManager(BundleContext context, @Reference(service = LoggerFactory.class) Logger log, TunnelConfig config) throws IOException {
        this.log = log;
        check(config);
        this.config = config;
        String home = context.getProperty("printscout.home");
        Path directory = Path.of(config.directory());
        if (!directory.isAbsolute()) {
            directory = Path.of(home == null ? "." : home).resolve(directory);
        }
        this.directory = directory;
        this.key = AgentSshKey.loadOrCreate(new JSch(), directory, "printscout-agent");
        AtomicInteger threads = new AtomicInteger();
        this.timers = new ScheduledThreadPoolExecutor(2, task -> {
            Thread thread = new Thread(task, "printscout-tunnels-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
        timers.scheduleWithFixedDelay(this::checkServers, SERVER_CHECK.toMillis(), SERVER_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        log.info("remote UI: tunnels use the agent's SSH key " + key.publicLine());
    }

    private static void check(TunnelConfig config) {
        if (config.maxSessions() < 1 || config.maxSessions() > 50) {
            throw new IllegalArgumentException("org.printscout.remoteui.tunnels: key 'maxSessions' is " + config.maxSessions()
                    + "; it must be between 1 and 50");
        }
        if (config.maxSessionSeconds() < 10 || config.maxSessionSeconds() > TunnelConfig.CEILING_SECONDS) {
            throw new IllegalArgumentException("org.printscout.remoteui.tunnels: key 'maxSessionSeconds' is " + config.maxSessionSeconds()
                    + "; it must be between 10 and " + TunnelConfig.CEILING_SECONDS + " (ten minutes)");
        }
        for (int port : config.webPorts()) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("org.printscout.remoteui.tunnels: key 'webPorts' holds " + port
                        + ", which is not a TCP port");
            }
        }
        if (config.printerCheckSeconds() < 2 || config.connectTimeoutSeconds() < 2) {
            throw new IllegalArgumentException("org.printscout.remoteui.tunnels: 'printerCheckSeconds' and 'connectTimeoutSeconds' "
                    + "must be at least 2");
        }
    }

    /**
     * The portal learns the agent's public key through the agent's own authenticated connection
     * (never through the broker); tried again every minute until the portal took it.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, unbind = "withdrawRegistration")
    void registerKey(TunnelKeyRegistration registration) {
        keyRegistration = timers.submit(() -> registerUntilTaken(registration));
    }

    void withdrawRegistration(TunnelKeyRegistration registration) {
        java.util.concurrent.Future<?> pending = keyRegistration;
        if (pending != null) {
            pending.cancel(true);
        }
    }

    private void registerUntilTaken(TunnelKeyRegistration registration) {
        try {
            registration.register(key.publicLine());
            log.info("remote UI: the portal took the agent's tunnel key");
        } catch (IOException e) {
            log.warn("remote UI: the portal did not take the agent's tunnel key (trying again in a minute): " + e.getMessage());
            keyRegistration = timers.schedule(() -> registerUntilTaken(registration), 1, TimeUnit.MINUTES);
        }
    }

    @Deactivate
    void deactivate() {
        closeAll("the agent's remote UI stopped");
        timers.shutdownNow();
    }

    Path directory() {
        return directory;
    }

    /** The agent's public SSH key line, which the portal registers for the tunnel servers. */
    String publicKey() {
        return key.publicLine();
    }

    Set<Integer> webPorts() {
        Set<Integer> ports = new TreeSet<>();
        for (int port : config.webPorts()) {
            ports.add(port);
        }
        return ports;
    }

    int maxSessions() {
        return config.maxSessions();
    }

    synchronized int openSessions() {
        return tunnels.size();
    }

    synchronized boolean isOpen(String session) {
        return tunnels.containsKey(session);
    }

    /**
     * Starts opening the tunnel a checked request asks for; its state reaches {@code sink} (open, or
     * failed with the reason). The slot is taken now, so concurrent requests cannot exceed the limit.
     */
    void open(TunnelRequest request, String printerAddress, PinnedHostKeys hostKeys, String user, SSLContext webSocketTls,
              StatusSink sink) {
        Instant now = clock.instant();
        int seconds = Math.min(request.seconds(), config.maxSessionSeconds());
        Tunnel tunnel = new Tunnel(request, printerAddress, now, now.plusSeconds(seconds), sink);
        synchronized (this) {
            if (tunnels.containsKey(request.session()) || tunnels.size() >= config.maxSessions()) {
                sink.status(request.session(), "refused", "request refused: no room for another session");
                return;
            }
            tunnels.put(request.session(), tunnel);
            tunnel.timers.add(timers.schedule(() -> close(request.session(), "the session's time limit of " + seconds + " s is up"),
                    seconds, TimeUnit.SECONDS));
        }
        timers.execute(() -> connect(tunnel, hostKeys, user, webSocketTls));
    }

    private void connect(Tunnel tunnel, PinnedHostKeys hostKeys, String user, SSLContext webSocketTls) {
        TunnelRequest request = tunnel.request;
        if (!hostKeys.knows(request.tunnelName())) {
            fail(tunnel, "no tunnel: the tunnel server " + request.tunnelName() + " has no pinned host key");
            return;
        }
        Session session = null;
        try {
            JSch jsch = new JSch();
            key.addTo(jsch);
            jsch.setHostKeyRepository(hostKeys);
            session = jsch.getSession(user, request.tunnelHost(), request.tunnelPort());
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "publickey");
            session.setServerAliveInterval(5_000);
            session.setServerAliveCountMax(3);
            if (request.webSocket() != null) {
                session.setProxy(new WebSocketProxy(request.webSocket(), webSocketTls));
            }
            tunnel.session = session;
            session.connect(config.connectTimeoutSeconds() * 1000);
            session.setPortForwardingR("127.0.0.1", request.remotePort(), tunnel.printerAddress, request.port());
        } catch (JSchException | RuntimeException e) {
            if (session != null) {
                session.disconnect();
            }
            fail(tunnel, "no tunnel: " + describe(e, request));
            return;
        }
        synchronized (this) {
            if (tunnels.get(request.session()) != tunnel) {
                session.disconnect();
                return;
            }
            tunnel.up = true;
            int every = config.printerCheckSeconds();
            tunnel.timers.add(timers.scheduleWithFixedDelay(() -> checkPrinter(tunnel), every, every, TimeUnit.SECONDS));
        }
        log.info("remote UI: session " + request.session() + " open for " + request.user() + ": " + request.tunnelName()
                + " 127.0.0.1:" + request.remotePort() + " -> " + tunnel.printerAddress + ":" + request.port() + " until " + tunnel.deadline);
        tunnel.sink.status(request.session(), "open", "tunnel open until " + tunnel.deadline);
    }

    private static String describe(Exception e, TunnelRequest request) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("UnknownHostKey") || message.contains("HostKey has been changed") || message.contains("reject HostKey")) {
            return "the tunnel server " + request.tunnelName() + " did not show its pinned host key (" + message + ")";
        }
        if (message.contains("remote port forwarding failed")) {
            return "the tunnel server refused to listen on port " + request.remotePort() + " for this agent";
        }
        if (message.contains("Auth fail")) {
            return "the tunnel server did not accept the agent's key";
        }
        return message;
    }

    private void fail(Tunnel tunnel, String reason) {
        synchronized (this) {
            if (tunnels.get(tunnel.request.session()) == tunnel) {
                tunnels.remove(tunnel.request.session());
            }
            tunnel.timers.forEach(timer -> timer.cancel(false));
        }
        log.warn("remote UI: session " + tunnel.request.session() + " failed: " + reason);
        tunnel.sink.status(tunnel.request.session(), "failed", reason);
    }

    /** Closes a session; false when none is open under that id. */
    boolean close(String sessionId, String reason) {
        Tunnel tunnel;
        synchronized (this) {
            tunnel = tunnels.remove(sessionId);
            if (tunnel == null) {
                return false;
            }
            tunnel.timers.forEach(timer -> timer.cancel(false));
        }
        Session session = tunnel.session;
        if (session != null) {
            try {
                if (tunnel.up && session.isConnected()) {
                    session.delPortForwardingR("127.0.0.1", tunnel.request.remotePort());
                }
            } catch (JSchException e) {
                // The connection is dropped next, which ends the forward on the server as well.
            }
            session.disconnect();
        }
        log.info("remote UI: session " + sessionId + " closed: " + reason);
        tunnel.sink.status(sessionId, "closed", reason);
        return true;
    }

    void closeAll(String reason) {
        List<String> open;
        synchronized (this) {
            open = new ArrayList<>(tunnels.keySet());
        }
        open.forEach(id -> close(id, reason));
    }

    private void checkServers() {
        List<Tunnel> open;
        synchronized (this) {
            open = new ArrayList<>(tunnels.values());
        }
        for (Tunnel tunnel : open) {
            Session session = tunnel.session;
            if (tunnel.up && session != null && !session.isConnected()) {
                close(tunnel.request.session(), "the tunnel server dropped the connection");
            }
        }
    }

    private void checkPrinter(Tunnel tunnel) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(tunnel.printerAddress, tunnel.request.port()), 3_000);
            tunnel.printerMisses = 0;
        } catch (IOException e) {
            if (++tunnel.printerMisses >= 2) {
                close(tunnel.request.session(), "the printer stopped answering on port " + tunnel.request.port());
            }
        }
    }

    /** One line per session: id, printer, user, how long it has left (Gogo {@code scout:tunnels}). */
    public String tunnels() {
        StringBuilder text = new StringBuilder();
        Instant now = clock.instant();
        synchronized (this) {
            if (tunnels.isEmpty()) {
                return "no remote UI sessions open\n";
            }
            text.append(String.format("%-24s %-22s %-16s %-8s %s%n", "SESSION", "PRINTER", "USER", "STATE", "TIME LEFT"));
            for (Tunnel tunnel : tunnels.values()) {
                long left = Math.max(0, Duration.between(now, tunnel.deadline).getSeconds());
                text.append(String.format("%-24s %-22s %-16s %-8s %d:%02d%n", tunnel.request.session(),
                        tunnel.printerAddress + ":" + tunnel.request.port(), tunnel.request.user(), tunnel.up ? "open" : "opening",
                        left / 60, left % 60));
            }
        }
        return text.toString();
    }

    @Override
    public String title() {
        return "remote UI";
    }

    @Override
    public String text() {
        return openSessions() + " of at most " + config.maxSessions() + " sessions open; tunnels last at most "
                + config.maxSessionSeconds() + " s";
    }
}
