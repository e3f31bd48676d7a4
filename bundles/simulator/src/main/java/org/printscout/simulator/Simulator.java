package org.printscout.simulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;
import org.printscout.api.snmp.AuthProtocol;
import org.printscout.api.snmp.Credential;
import org.printscout.api.snmp.PrivProtocol;
import org.printscout.api.snmp.SecurityLevel;
import org.printscout.api.snmp.Snapshot;
import org.printscout.simulator.internal.DeviceSpec;
import org.printscout.simulator.internal.SimulatorEngine;
import org.printscout.simulator.internal.Wear;

/**
 * A running set of simulated SNMP devices, each replaying a recording on its own address and port.
 * One selector thread serves all of them, so a thousand devices cost a thousand sockets, not a
 * thousand threads. Devices answer GET, GETNEXT and GETBULK in v1, v2c and v3 and refuse every SET.
 *
 * <pre>{@code
 * try (Simulator sim = Simulator.builder()
 *         .device(new InetSocketAddress("127.0.0.1", 0), snapshot, "brother")
 *         .start()) {
 *     InetSocketAddress where = sim.devices().get(0).address();
 *     ...
 * }
 * }</pre>
 */
@ProviderType
public interface Simulator extends AutoCloseable {

    /** The port devices use unless told otherwise: 161 needs root, so it is not the default. */
    int DEFAULT_PORT = 16100;

    /** snmpsim's limit on variable bindings in one response, the default here too. */
    int DEFAULT_MAX_RESPONSE_VARBINDS = 64;

    /** The largest UDP payload over IPv4. */
    int MAX_UDP_PAYLOAD = 65507;

    /** snmpsim's default SNMPv3 user: MD5 and DES with these pass phrases. */
    Credential.Usm DEFAULT_USM_USER = new Credential.Usm("simulator", SecurityLevel.AUTH_PRIV,
            AuthProtocol.MD5, "auctoritas", PrivProtocol.DES, "privatus", "");

    static Builder builder() {
        return new Builder();
    }

    /** The devices in the order they were added. */
    List<SimulatedDevice> devices();

    Optional<SimulatedDevice> device(InetSocketAddress address);

    /** The sum of all devices' counters. */
    TrafficStatistics statistics();

    /** Replaces the faults of every device. */
    void setFaults(Faults faults);

    /** Stops serving and releases every socket and thread. */
    @Override
    void close();

    /** Collects the devices and settings of a simulator; {@link #start()} binds the sockets. */
    final class Builder {
        private final List<DeviceSpec> devices = new ArrayList<>();
        private final Set<String> communities = new LinkedHashSet<>();
        private final List<Credential.Usm> usmUsers = new ArrayList<>(List.of(DEFAULT_USM_USER));
        private final List<Consumer<RequestRecord>> requestListeners = new ArrayList<>();
        private Faults faults = Faults.NONE;
        private int maxResponseVarbinds = DEFAULT_MAX_RESPONSE_VARBINDS;
        private int maxMessageSize = MAX_UDP_PAYLOAD;
        private long seed;
        private Wear wear = Wear.OFF;
        private Clock clock = Clock.systemUTC();
        private int workerThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

        Builder() {
        }

        /** A device answering {@code recording} at {@code address}, with the community {@code name}. */
        public Builder device(InetSocketAddress address, Snapshot recording, String name) {
            return device(address, recording, name, null);
        }

        /** As {@link #device(InetSocketAddress, Snapshot, String)}, with faults of its own. */
        public Builder device(InetSocketAddress address, Snapshot recording, String name, Faults deviceFaults) {
            devices.add(new DeviceSpec(address, name, recording, 0, deviceFaults));
            return this;
        }

        public Builder device(InetSocketAddress address, Recording recording) {
            return device(address, recording.snapshot(), recording.name());
        }

        /**
         * One device per address, cycling through {@code recordings} when there are more addresses
         * than recordings. Every repeat of a recording gets its own serial numbers and MAC
         * addresses, so a thousand devices from fifty recordings are a thousand distinct printers to
         * the agent (the name, and so the community, stays the recording's).
         */
        public Builder fleet(List<Recording> recordings, List<InetSocketAddress> addresses) {
            if (recordings.isEmpty()) {
                throw new IllegalArgumentException("a fleet needs at least one recording");
            }
            for (int i = 0; i < addresses.size(); i++) {
                Recording recording = recordings.get(i % recordings.size());
                devices.add(new DeviceSpec(addresses.get(i), recording.name(), recording.snapshot(),
                        i / recordings.size(), null));
            }
            return this;
        }

        /** A community every device answers, besides its recording's name (e.g. {@code public}). */
        public Builder community(String community) {
            communities.add(Objects.requireNonNull(community, "community"));
            return this;
        }

        /** Adds an SNMPv3 user every device knows; {@link #DEFAULT_USM_USER} is there unless removed. */
        public Builder usmUser(Credential.Usm user) {
            usmUsers.add(Objects.requireNonNull(user, "user"));
            return this;
        }

        public Builder withoutDefaultUsmUser() {
            usmUsers.remove(DEFAULT_USM_USER);
            return this;
        }

        /** Faults of every device that was not given its own. */
        public Builder faults(Faults allDevices) {
            this.faults = Objects.requireNonNull(allDevices, "faults");
            return this;
        }

        /**
         * At most this many variable bindings in a response (0: no limit). A GET or GETNEXT asking
         * for more is answered tooBig; a GETBULK answer is cut to the limit.
         */
        public Builder maxResponseVarbinds(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("maxResponseVarbinds must not be negative");
            }
            this.maxResponseVarbinds = limit;
            return this;
        }

        /** The largest response message in bytes (and less when a v3 request's msgMaxSize says so). */
        public Builder maxMessageSize(int bytes) {
            if (bytes < 484 || bytes > MAX_UDP_PAYLOAD) {
                throw new IllegalArgumentException("maxMessageSize must be between 484 (RFC 3417's minimum) and "
                        + MAX_UDP_PAYLOAD + ", got " + bytes);
            }
            this.maxMessageSize = bytes;
            return this;
        }

        /** Seeds the random decisions of the faults; the default seed is 0. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Every device prints {@code pagesPerHour} pages an hour while the simulator runs (its
         * prtMarkerLifeCount values grow, never past what their type holds) and its consumed supplies
         * lose {@code supplyPercentPerHour} percent of prtMarkerSuppliesMaxCapacity an hour
         * (prtMarkerSuppliesLevel drains to 0, is refilled to the capacity and drains again; levels
         * and capacities below 0, "unknown" and the like, stay as recorded). Both 0, the default:
         * every value as recorded. {@link SimulatedDevice#served()} stays the recording.
         */
        public Builder wear(double pagesPerHour, double supplyPercentPerHour) {
            this.wear = new Wear(pagesPerHour, supplyPercentPerHour);
            return this;
        }

        /** The clock {@link #wear} is measured by, from {@link #start()}; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Threads that decode, answer and encode requests (the selector thread only moves datagrams). */
        public Builder workerThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("workerThreads must be at least 1");
            }
            this.workerThreads = threads;
            return this;
        }

        /**
         * Called for every accepted request, on a worker thread: a test collects them to see which
         * OIDs were asked for. Keep it quick.
         */
        public Builder onRequest(Consumer<RequestRecord> listener) {
            requestListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Binds every device's socket and starts answering. */
        public Simulator start() throws IOException {
            if (devices.isEmpty()) {
                throw new IllegalStateException("no devices to simulate");
            }
            return SimulatorEngine.start(new SimulatorEngine.Settings(devices, communities, usmUsers, faults,
                    maxResponseVarbinds, maxMessageSize, seed, workerThreads, requestListeners, wear, clock));
        }
    }
}
