package org.printscout.simulator.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.printscout.api.snmp.Credential;
import org.printscout.api.snmp.Snapshot;
import org.printscout.simulator.Faults;
import org.printscout.simulator.RequestRecord;
import org.printscout.simulator.SimulatedDevice;
import org.printscout.simulator.Simulator;
import org.printscout.simulator.TrafficStatistics;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.UsmUser;

/**
 * A running simulator: one selector thread reads every device's socket, a small pool of workers
 * decodes and answers, and one scheduler thread sends the responses the latency fault holds back.
 */
public final class SimulatorEngine implements Simulator {

    /** Datagrams waiting for a worker; beyond this the simulator drops, as a busy device would. */
    private static final int WORK_QUEUE = 16_384;
    /** Datagrams taken from one socket per wake-up, so one flooded device cannot starve the others. */
    private static final int BURST = 64;

    /**
     * What the builder collected.
     *
     * @param devices the devices to start
     * @param communities communities every device answers besides its name
     * @param usmUsers SNMPv3 users every device knows
     * @param faults faults of devices without their own
     * @param maxResponseVarbinds most varbinds in a response, 0 for no limit
     * @param maxMessageSize largest response message in bytes
     * @param seed seeds each device's fault generator
     * @param workerThreads threads that answer requests
     * @param requestListeners told of every accepted request
     * @param wear how every device is used while it runs ({@link Wear#OFF}: values as recorded)
     * @param clock the time the wear is measured by
     */
    public record Settings(List<DeviceSpec> devices, Set<String> communities, List<Credential.Usm> usmUsers,
                           Faults faults, int maxResponseVarbinds, int maxMessageSize, long seed, int workerThreads,
                           List<Consumer<RequestRecord>> requestListeners, Wear wear, Clock clock) {
        public Settings {
            devices = List.copyOf(devices);
            communities = Set.copyOf(communities);
            usmUsers = List.copyOf(usmUsers);
            requestListeners = List.copyOf(requestListeners);
            Objects.requireNonNull(wear, "wear");
            Objects.requireNonNull(clock, "clock");
        }
    }

    private final Settings settings;
    private final Instant started;
    /** The longest time since the start any request has seen: a clock set back does not undo pages. */
    private final AtomicLong elapsedNanos = new AtomicLong();
    private final Selector selector;
    private final List<DeviceAgent> devices = new ArrayList<>();
    private final Map<InetSocketAddress, DeviceAgent> byAddress = new LinkedHashMap<>();
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor delays;
    private final Thread selectorThread;
    private volatile boolean open = true;

    private SimulatorEngine(Settings settings) throws IOException {
        this.settings = settings;
        this.started = settings.clock().instant();
        this.selector = Selector.open();
        this.workers = new ThreadPoolExecutor(settings.workerThreads(), settings.workerThreads(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(WORK_QUEUE), daemonThreads("printscout-simulator-worker"));
        this.delays = new ScheduledThreadPoolExecutor(1, daemonThreads("printscout-simulator-delay"));
        delays.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.selectorThread = daemonThreads("printscout-simulator-selector").newThread(this::selectLoop);
    }

    /** Binds every device's socket, then starts serving; on a bind failure nothing stays open. */
    public static Simulator start(Settings settings) throws IOException {
        SimulatorEngine engine = new SimulatorEngine(settings);
        try {
            engine.bindDevices();
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw e;
        }
        engine.selectorThread.start();
        return engine;
    }

    private void bindDevices() throws IOException {
        SecurityProtocols protocols = UsmUsers.allProtocols();
        List<UsmUser> users = UsmUsers.toUsmUsers(settings.usmUsers());
        // the repeats of a recording share its OIDs and values; only their personalised values differ
        Map<Snapshot, RecordedValues> shared = new IdentityHashMap<>();
        List<DeviceSpec> specs = settings.devices();
        for (int i = 0; i < specs.size(); i++) {
            DeviceSpec spec = specs.get(i);
            DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
            try {
                // a second simulator on the same address and port must fail to start, not share the datagrams
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, false);
                channel.bind(spec.address());
                channel.configureBlocking(false);
                RecordedValues values = shared.computeIfAbsent(spec.recording(), RecordedValues::of);
                DeviceAgent device = new DeviceAgent(this, spec, values, channel, settings.communities(), protocols,
                        users, spec.faults() != null ? spec.faults() : settings.faults(), deviceSeed(i));
                channel.register(selector, SelectionKey.OP_READ, device);
                devices.add(device);
                byAddress.put(device.address(), device);
            } catch (IOException e) {
                channel.close();
                throw new IOException("cannot start device " + spec.name() + " on " + describe(spec.address())
                        + ": " + e.getMessage(), e);
            }
        }
    }

    /** Each device its own stream of random decisions, the same for the same seed and position. */
    private long deviceSeed(int index) {
        return settings.seed() * 0x9E3779B97F4A7C15L + index;
    }

    private void selectLoop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(65_536);
        while (open) {
            try {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    DeviceAgent device = (DeviceAgent) key.attachment();
                    DatagramChannel channel = device.channel();
                    for (int i = 0; i < BURST; i++) {
                        buffer.clear();
                        SocketAddress from = channel.receive(buffer);
                        if (from == null) {
                            break;
                        }
                        buffer.flip();
                        byte[] packet = new byte[buffer.remaining()];
                        buffer.get(packet);
                        device.received(packet, (InetSocketAddress) from);
                    }
                }
                selector.selectedKeys().clear();
            } catch (ClosedSelectorException closed) {
                return;
            } catch (IOException e) {
                // a receive error on one socket (e.g. an ICMP error reported late) must not stop the others
                if (!open) {
                    return;
                }
            }
        }
    }

    ThreadPoolExecutor workers() {
        return workers;
    }

    ScheduledThreadPoolExecutor delays() {
        return delays;
    }

    int maxResponseVarbinds() {
        return settings.maxResponseVarbinds();
    }

    /** The values one request is answered from, worn to this instant. */
    MibView mib(RecordedValues values, SyntheticRows synthetic) {
        Wear wear = settings.wear();
        if (wear.isOff()) {
            return new MibView(values, synthetic);
        }
        long now = Duration.between(started, settings.clock().instant()).toNanos();
        return new MibView(values, synthetic, wear, elapsedNanos.accumulateAndGet(now, Math::max));
    }

    int maxMessageSize() {
        return settings.maxMessageSize();
    }

    boolean hasRequestListeners() {
        return !settings.requestListeners().isEmpty();
    }

    void announce(RequestRecord record) {
        for (Consumer<RequestRecord> listener : settings.requestListeners()) {
            listener.accept(record);
        }
    }

    @Override
    public List<SimulatedDevice> devices() {
        return List.copyOf(devices);
    }

    @Override
    public Optional<SimulatedDevice> device(InetSocketAddress address) {
        return Optional.ofNullable(byAddress.get(address));
    }

    @Override
    public TrafficStatistics statistics() {
        TrafficStatistics sum = TrafficStatistics.ZERO;
        for (DeviceAgent device : devices) {
            sum = sum.plus(device.statistics());
        }
        return sum;
    }

    @Override
    public void setFaults(Faults faults) {
        devices.forEach(device -> device.setFaults(faults));
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        selector.wakeup();
        try {
            selectorThread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        delays.shutdownNow();
        for (DeviceAgent device : devices) {
            try {
                device.channel().close();
            } catch (IOException ignored) {
                // closing a datagram socket cannot fail in a way worth reporting at shutdown
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // as above
        }
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
            delays.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String describe(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
