package org.printscout.responder.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.printscout.api.command.CommandQueue;
import org.printscout.api.status.StatusContributor;

/**
 * The discovery responder: one thread on one UDP socket. Answers only a well-formed probe, within the
 * answer budget, with an answer no larger than the probe; says who the box is (name, agent id, version,
 * activation state, address, web UI port) and nothing secret. Disabled, it opens no socket.
 */
@Component(service = StatusContributor.class, configurationPid = ResponderComponent.PID, immediate = true)
@Designate(ocd = ResponderConfig.class)
public final class ResponderComponent implements StatusContributor {

    static final String PID = "org.printscout.responder";
    /** Activation writes the agent id into the report bundle's configuration: the one place it is not a secret. */
    static final String REPORT_PID = "org.printscout.report";

    private final Logger log;
    private final ConfigurationAdmin configAdmin;
    private final String version;
    private final ResponderConfig config;
    private final DatagramSocket socket;
    private final Thread thread;
    private final AnswerBudget budget;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong limited = new AtomicLong();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CommandQueue portalQueue;

    @Activate
    public ResponderComponent(BundleContext context, ResponderConfig config, @Reference ConfigurationAdmin configAdmin,
                              @Reference(service = LoggerFactory.class) Logger log) throws SocketException {
        this.log = log;
        this.config = config;
        this.configAdmin = configAdmin;
        String bundleVersion = context.getBundle().getVersion().toString();
        this.version = bundleVersion.length() > 32 ? bundleVersion.substring(0, 32) : bundleVersion;
        this.budget = new AnswerBudget(config.answersPerSecond(), config.answersPerSenderPerSecond(), System::nanoTime);
        if (!config.enabled()) {
            socket = null;
            thread = null;
            log.info("discovery responder: disabled (enabled = false), no socket open");
            return;
        }
        socket = new DatagramSocket(null);
        socket.setReuseAddress(false);
        socket.bind(new InetSocketAddress(config.bindAddress(), config.port()));
        thread = new Thread(this::serve, "printscout-responder");
        thread.setDaemon(true);
        thread.start();
        log.info("discovery responder: answering probes on udp " + config.bindAddress() + ":" + config.port());
    }

    @Deactivate
    void stop() throws InterruptedException {
        if (socket != null) {
            socket.close();
            thread.join(2000);
        }
    }

    private void serve() {
        byte[] buffer = new byte[Probe.MAX_BYTES + 1];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("discovery responder: " + e);
                }
                continue;
            }
            Optional<String> nonce = Probe.nonce(packet.getData(), packet.getLength());
            if (nonce.isEmpty()) {
                malformed.incrementAndGet();
                continue;
            }
            if (!budget.allow(packet.getAddress().getHostAddress())) {
                limited.incrementAndGet();
                continue;
            }
            byte[] answer = Probe.answer(fields(nonce.get(), packet.getAddress()));
            if (answer.length > packet.getLength()) {
                // cannot happen with the fields above and a probe of at least MIN_BYTES; never amplify if it does
                log.warn("discovery responder: an answer of " + answer.length + " bytes to a probe of " + packet.getLength() + " was not sent");
                continue;
            }
            try {
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                answered.incrementAndGet();
            } catch (IOException e) {
                log.debug("discovery responder: answer to " + packet.getSocketAddress() + " failed: " + e);
            }
        }
    }

    private Map<String, Object> fields(String nonce, InetAddress sender) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("nonce", nonce);
        f.put("name", hostName());
        f.put("agentId", agentId());
        f.put("version", version);
        f.put("activated", portalQueue != null);
        f.put("address", localAddressToward(sender));
        f.put("webPort", config.webPort());
        return f;
    }

    private String agentId() {
        try {
            Configuration[] found = configAdmin.listConfigurations("(service.pid=" + REPORT_PID + ")");
            Object id = found == null || found[0].getProperties() == null ? null : found[0].getProperties().get("agentId");
            String s = id == null ? "" : id.toString();
            return s.length() > 64 ? s.substring(0, 64) : s;
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            return "";
        }
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.length() > 64 ? name.substring(0, 64) : name;
        } catch (IOException e) {
            return "";
        }
    }

    /** The address the sender reaches this box at: the route's source address (a connected UDP socket sends nothing). */
    private static String localAddressToward(InetAddress sender) {
        try (DatagramSocket route = new DatagramSocket()) {
            route.connect(sender, 9);
            return route.getLocalAddress().getHostAddress();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public String title() {
        return "responder";
    }

    @Override
    public String text() {
        if (socket == null) {
            return "disabled";
        }
        return "udp " + config.bindAddress() + ":" + config.port() + ", answered " + answered.get() + ", malformed ignored " + malformed.get()
                + ", over the rate limit " + limited.get();
    }
}
