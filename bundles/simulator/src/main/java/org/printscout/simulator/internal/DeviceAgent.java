package org.printscout.simulator.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.api.snmp.SnmpVersion;
import org.printscout.simulator.Faults;
import org.printscout.simulator.PduKind;
import org.printscout.simulator.RequestRecord;
import org.printscout.simulator.SimulatedDevice;
import org.printscout.simulator.TrafficStatistics;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.TransportStateReference;
import org.snmp4j.event.AuthenticationFailureEvent;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.DefaultCounterListener;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;

/**
 * One simulated device: its socket, its own SNMP engine (message processing models and a USM with
 * its own engine id, so engine-id discovery tells the devices apart) and its counters and faults.
 * The selector thread hands it datagrams; a worker thread decodes and answers them.
 */
final class DeviceAgent implements SimulatedDevice {

    /** Engine boots are fixed: a simulated device never reboots while it runs. */
    private static final int ENGINE_BOOTS = 1;

    private final SimulatorEngine engine;
    private final String name;
    private final Snapshot recording;
    private final Map<Oid, SnmpValue> personalised;
    private final RecordedValues values;
    private final DatagramChannel channel;
    private final InetSocketAddress address;
    private final Set<String> communities;
    private final byte[] engineId;
    private final DeviceTransport transport;
    private final MessageDispatcherImpl dispatcher;
    private final TrafficCounters counters = new TrafficCounters();
    private final Random random;
    private volatile ActiveFaults faults;

    DeviceAgent(SimulatorEngine engine, DeviceSpec spec, RecordedValues sharedValues, DatagramChannel channel,
                Set<String> extraCommunities, SecurityProtocols protocols, List<UsmUser> users, Faults faults,
                long seed) throws IOException {
        this.engine = engine;
        this.name = spec.name();
        this.recording = spec.recording();
        this.personalised = Personalisation.replacements(spec.recording(), spec.copyNumber());
        this.values = sharedValues.withValues(personalised);
        this.channel = channel;
        this.address = (InetSocketAddress) channel.getLocalAddress();
        Set<String> names = new LinkedHashSet<>();
        names.add(spec.name());
        names.addAll(extraCommunities);
        this.communities = Set.copyOf(names);
        this.random = new Random(seed);
        this.faults = new ActiveFaults(faults, random);
        this.transport = new DeviceTransport(this);

        // RFC 3411 text-format engine id (format 4): readable, and distinct for every address and port
        this.engineId = MPv3.createLocalEngineID(
                new OctetString("sim@" + address.getAddress().getHostAddress() + ":" + address.getPort()));
        CounterSupport counterSupport = new CounterSupport();
        // reports (engine-id discovery, unknown user…) carry the counter's value: something must count
        counterSupport.addCounterListener(new DefaultCounterListener());
        USM usm = new USM(protocols, new OctetString(engineId), ENGINE_BOOTS, counterSupport);
        // users are added with pass phrases, not keys: USM localises them for this engine on first use
        users.forEach(usm::addUser);
        SecurityModels securityModels = new SecurityModels();
        securityModels.addSecurityModel(usm);
        this.dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new MPv3(engineId, null, protocols, securityModels, counterSupport));
        dispatcher.addCommandResponder(new RequestResponder(this));
        dispatcher.addAuthenticationFailureListener(this::securityFailure);
    }

    /** Selector thread: a datagram arrived. Decoding and answering happen on a worker. */
    void received(byte[] packet, InetSocketAddress from) {
        counters.packetsIn.increment();
        counters.bytesIn.add(packet.length);
        try {
            engine.workers().execute(() -> handle(packet, from));
        } catch (RejectedExecutionException overloaded) {
            counters.droppedOverload.increment();
        }
    }

    private void handle(byte[] packet, InetSocketAddress from) {
        if (faults.lose()) {
            counters.droppedByFault.increment();
            return;
        }
        UdpAddress peer = new UdpAddress(from.getAddress(), from.getPort());
        TransportStateReference state = new TransportStateReference(transport, peer, null,
                SecurityLevel.undefined, SecurityLevel.undefined, false, null);
        dispatcher.processMessage(transport, peer, ByteBuffer.wrap(packet), state);
    }

    /** Worker thread: SNMP4J encoded a response or report; spoil and delay it as the faults say. */
    void send(byte[] message, InetSocketAddress to) {
        ActiveFaults current = faults;
        byte[] out = message;
        if (message.length > 1 && current.truncate()) {
            out = Arrays.copyOf(message, 1 + current.nextInt(message.length - 1));
            counters.malformedResponses.increment();
        } else if (current.garble()) {
            out = new byte[message.length];
            current.nextBytes(out);
            counters.malformedResponses.increment();
        }
        long delay = current.delayNanos();
        if (delay > 0) {
            byte[] delayed = out;
            try {
                engine.delays().schedule(() -> transmit(delayed, to), delay, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closing) {
                counters.droppedOverload.increment();
            }
        } else {
            transmit(out, to);
        }
    }

    /**
     * Counts before sending: a manager that has the answer must find it counted. A datagram that
     * does not go out (send buffer full, socket closed) is taken back and counted as dropped.
     */
    private void transmit(byte[] message, InetSocketAddress to) {
        counters.packetsOut.increment();
        counters.bytesOut.add(message.length);
        boolean sent;
        try {
            sent = channel.send(ByteBuffer.wrap(message), to) > 0;
        } catch (IOException e) {
            sent = false;
        }
        if (!sent) {
            counters.packetsOut.decrement();
            counters.bytesOut.add(-message.length);
            counters.droppedOverload.increment();
        }
    }

    private <A extends Address> void securityFailure(AuthenticationFailureEvent<A> event) {
        if (event.getError() == SnmpConstants.SNMPv3_USM_UNKNOWN_ENGINEID) {
            counters.engineIdDiscoveries.increment();
        } else {
            counters.securityFailures.increment();
        }
    }

    boolean answersCommunity(byte[] community) {
        return communities.contains(new String(community, StandardCharsets.UTF_8));
    }

    void announce(Address client, SnmpVersion version, PduKind kind, PDU request) {
        if (!engine.hasRequestListeners()) {
            return;
        }
        List<Oid> oids = new ArrayList<>(request.size());
        for (VariableBinding binding : request.getVariableBindings()) {
            oids.add(Variables.fromOid(binding.getOid()));
        }
        InetSocketAddress from = client instanceof UdpAddress udp
                ? new InetSocketAddress(udp.getInetAddress(), udp.getPort()) : null;
        engine.announce(new RequestRecord(name, address, from, version, kind, oids));
    }

    ActiveFaults activeFaults() {
        return faults;
    }

    MibView mib(ActiveFaults active) {
        return engine.mib(values, active.syntheticRows);
    }

    TrafficCounters counters() {
        return counters;
    }

    int maxResponseVarbinds() {
        return engine.maxResponseVarbinds();
    }

    int maxMessageSize() {
        return engine.maxMessageSize();
    }

    DatagramChannel channel() {
        return channel;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public Set<String> communities() {
        return communities;
    }

    @Override
    public byte[] engineId() {
        return engineId.clone();
    }

    @Override
    public Snapshot served() {
        return personalised.isEmpty() ? recording : recording.merge(Snapshot.of(personalised));
    }

    @Override
    public Faults faults() {
        return faults.faults;
    }

    @Override
    public void setFaults(Faults faults) {
        this.faults = new ActiveFaults(Objects.requireNonNull(faults, "faults"), random);
    }

    @Override
    public TrafficStatistics statistics() {
        return counters.snapshot();
    }

    @Override
    public String toString() {
        return name + "@" + address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
