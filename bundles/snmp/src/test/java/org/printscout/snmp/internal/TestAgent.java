package org.printscout.snmp.internal;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.api.snmp.SnmprecFormat;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.MessageException;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.TransportStateReference;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.asn1.BEROutputStream;
import org.snmp4j.Snmp;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityParameters;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.SecurityStateReference;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Opaque;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * A small SNMP agent for tests: SNMP4J's command responder on its own session and socket, serving a
 * snapshot (usually a recorded printer), with USM users, and with switches that make it behave like
 * the broken agents found in the field.
 */
final class TestAgent implements CommandResponder, AutoCloseable {

    private final Snmp snmp;
    private final DefaultUdpTransportMapping transport;
    private final MPv3 mpv3;
    private final USM usm;
    private final byte[] engineId;
    private final NavigableMap<OID, Variable> data = new TreeMap<>();
    private final Set<String> communities = ConcurrentHashMap.newKeySet();
    private final Set<String> contexts = ConcurrentHashMap.newKeySet();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger largestRequest = new AtomicInteger();

    /** Answers tooBig when an answer would carry more variables than this. */
    volatile int maxResponseVarbinds = Integer.MAX_VALUE;
    /** Does not answer at all when a request carries more variables than this. */
    volatile int silentAboveVarbinds = Integer.MAX_VALUE;
    /** GETNEXT/GETBULK under this root answer the same OID again and again. */
    volatile OID loopRoot;
    /**
     * Whether a message that does not decrypt and a request for an unknown context get a report; net-snmp
     * 5.9 sends neither and stays silent.
     */
    volatile boolean reportsDecryptionAndContextErrors = true;

    private TestAgent(InetAddress bind, String engineText) throws IOException {
        Protocols protocols = new Protocols();
        this.engineId = MPv3.createLocalEngineID(new OctetString(engineText));
        CounterSupport counters = new CounterSupport();
        this.usm = new ReportingUsm(protocols.securityProtocols(), new OctetString(engineId), counters, this);
        SecurityModels models = new SecurityModels();
        models.addSecurityModel(usm);
        this.mpv3 = new MPv3(engineId, null, protocols.securityProtocols(), models, counters);
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(mpv3);
        this.transport = new DefaultUdpTransportMapping(new UdpAddress(bind, 0));
        this.snmp = new Snmp(dispatcher, transport);
        snmp.addCommandResponder(this);
        contexts.add("");
        snmp.listen();
    }

    static TestAgent start(Snapshot snapshot) throws IOException {
        return start(InetAddress.getLoopbackAddress(), snapshot, "test-" + Long.toHexString(System.nanoTime()));
    }

    static TestAgent start(InetAddress bind, Snapshot snapshot, String engineText) throws IOException {
        TestAgent agent = new TestAgent(bind, engineText);
        agent.serve(snapshot);
        agent.communities.add("public");
        return agent;
    }

    /** A recording from the shared test data ({@code printscout.testdata}/printers/snmprec). */
    static Snapshot recording(String name) throws IOException {
        String dir = System.getProperty("printscout.testdata", "../../../shared/testdata");
        Path file = Path.of(dir, "printers", "snmprec", name + ".snmprec");
        try (Reader in = Files.newBufferedReader(file)) {
            return SnmprecFormat.read(in, file.toString());
        }
    }

    InetSocketAddress address() {
        UdpAddress listen = transport.getListenAddress();
        return new InetSocketAddress(listen.getInetAddress(), listen.getPort());
    }

    byte[] engineId() {
        return engineId.clone();
    }

    void serve(Snapshot snapshot) {
        synchronized (data) {
            snapshot.asMap().forEach((oid, value) -> data.put(Values.toSnmp4j(oid), variable(value)));
        }
    }

    void put(Oid oid, Variable value) {
        synchronized (data) {
            data.put(Values.toSnmp4j(oid), value);
        }
    }

    void addContext(String name) {
        contexts.add(name);
    }

    /** A USM user localized to this agent's engine; null protocols for the lower levels. */
    void addUser(String name, OID authProtocol, String authPassphrase, OID privProtocol, String privPassphrase) {
        UsmUser user = new UsmUser(new OctetString(name), authProtocol,
                authPassphrase == null ? null : new OctetString(authPassphrase), privProtocol,
                privPassphrase == null ? null : new OctetString(privPassphrase));
        usm.addUser(user, new OctetString(engineId));
    }

    static Variable variable(SnmpValue value) {
        return switch (value.type()) {
            case INTEGER -> new Integer32((int) value.asLong().getAsLong());
            case OCTET_STRING -> new OctetString(value.asBytes());
            case OPAQUE -> new Opaque(value.asBytes());
            case NULL -> new Null();
            case OBJECT_IDENTIFIER -> Values.toSnmp4j(value.asOid().orElseThrow());
            case IP_ADDRESS -> new IpAddress(value.asBytes());
            case COUNTER32 -> new Counter32(value.asLong().getAsLong());
            case GAUGE32 -> new Gauge32(value.asLong().getAsLong());
            case TIMETICKS -> new TimeTicks(value.asLong().getAsLong());
            case COUNTER64 -> new Counter64(value.asLong().getAsLong());
            default -> throw new IllegalArgumentException(value.type().toString());
        };
    }

    @Override
    public <A extends org.snmp4j.smi.Address> void processPdu(CommandResponderEvent<A> event) {
        PDU request = event.getPDU();
        if (request == null) {
            return;
        }
        event.setProcessed(true);
        requests.incrementAndGet();
        largestRequest.accumulateAndGet(request.size(), Math::max);
        int model = event.getMessageProcessingModel();
        if (model != MPv3.ID && !communities.contains(new String(event.getSecurityName()))) {
            return;
        }
        if (request.size() > silentAboveVarbinds) {
            return;
        }
        if (request instanceof ScopedPDU scoped && !contexts.contains(scoped.getContextName().toString())) {
            if (!reportsDecryptionAndContextErrors) {
                return;
            }
            mpv3.sendReport(event.getMessageDispatcher(), scoped, event.getSecurityLevel(), event.getSecurityModel(),
                    new OctetString(event.getSecurityName()), event.getMaxSizeResponsePDU(), event.getStateReference(),
                    new VariableBinding(SnmpConstants.snmpUnknownContexts, new Counter32(1)));
            return;
        }
        boolean v1 = model == MPv1.ID;
        PDU response = (PDU) request.clone();
        response.setType(PDU.RESPONSE);
        response.setErrorStatus(PDU.noError);
        response.setErrorIndex(0);
        List<VariableBinding> answer = new ArrayList<>();
        int errorIndex = 0;
        synchronized (data) {
            switch (request.getType()) {
                case PDU.GET -> {
                    for (int i = 0; i < request.size() && errorIndex == 0; i++) {
                        OID oid = request.get(i).getOid();
                        Variable value = data.get(oid);
                        if (value == null && v1) {
                            errorIndex = i + 1;
                        }
                        answer.add(new VariableBinding(oid, value != null ? value : Null.noSuchObject));
                    }
                }
                case PDU.GETNEXT -> {
                    for (int i = 0; i < request.size() && errorIndex == 0; i++) {
                        VariableBinding next = next(request.get(i).getOid());
                        if (next == null && v1) {
                            errorIndex = i + 1;
                        }
                        answer.add(next != null ? next : new VariableBinding(request.get(i).getOid(), Null.endOfMibView));
                    }
                }
                case PDU.GETBULK -> {
                    int nonRepeaters = Math.min(request.getNonRepeaters(), request.size());
                    for (int i = 0; i < nonRepeaters; i++) {
                        VariableBinding next = next(request.get(i).getOid());
                        answer.add(next != null ? next : new VariableBinding(request.get(i).getOid(), Null.endOfMibView));
                    }
                    List<OID> cursors = new ArrayList<>();
                    for (int i = nonRepeaters; i < request.size(); i++) {
                        cursors.add(request.get(i).getOid());
                    }
                    for (int r = 0; r < request.getMaxRepetitions() && !cursors.isEmpty(); r++) {
                        for (int c = 0; c < cursors.size(); c++) {
                            VariableBinding next = next(cursors.get(c));
                            if (next == null) {
                                next = new VariableBinding(cursors.get(c), Null.endOfMibView);
                            }
                            answer.add(next);
                            cursors.set(c, next.getOid());
                        }
                    }
                }
                default -> {
                    response.setErrorStatus(PDU.noAccess);
                    response.setErrorIndex(1);
                }
            }
        }
        if (errorIndex > 0) {
            response.setErrorStatus(PDU.noSuchName);
            response.setErrorIndex(errorIndex);
        } else if (response.getErrorStatus() == PDU.noError) {
            if (answer.size() > maxResponseVarbinds) {
                response.setErrorStatus(PDU.tooBig);
                response.setVariableBindings(List.of());
            } else {
                response.setVariableBindings(answer);
            }
        }
        try {
            event.getMessageDispatcher().returnResponsePdu(event.getMessageProcessingModel(), event.getSecurityModel(),
                    event.getSecurityName(), event.getSecurityLevel(), response, event.getMaxSizeResponsePDU(),
                    event.getStateReference(), new StatusInformation());
        } catch (MessageException e) {
            throw new IllegalStateException(e);
        }
    }

    private VariableBinding next(OID oid) {
        OID loop = loopRoot;
        if (loop != null && oid.startsWith(loop)) {
            OID same = new OID(loop).append(1);
            return new VariableBinding(same, new Integer32(1));
        }
        Map.Entry<OID, Variable> next = data.higherEntry(oid);
        return next == null ? null : new VariableBinding(next.getKey(), next.getValue());
    }

    /**
     * A USM that reports a wrong privacy key with usmStatsDecryptionErrors (RFC 3414 3.2 step 8), as
     * some agents do. With a CFB cipher a wrong key decrypts to garbage rather than failing; SNMP4J's
     * own USM and net-snmp 5.9.3 leave the garbage to the PDU parser and drop the message silently
     * ({@link #reportsDecryptionAndContextErrors} false reproduces that).
     */
    private static final class ReportingUsm extends USM {
        private final AtomicInteger decryptionErrors = new AtomicInteger();
        private final TestAgent agent;

        ReportingUsm(SecurityProtocols protocols, OctetString engineId, CounterSupport counters, TestAgent agent) {
            super(protocols, engineId, 1, counters);
            this.agent = agent;
        }

        @Override
        public int processIncomingMsg(int messageProcessingModel, int maxMessageSize, SecurityParameters securityParameters,
                                      SecurityModel securityModel, int securityLevel, BERInputStream wholeMsg,
                                      TransportStateReference tmStateReference, OctetString securityEngineID,
                                      OctetString securityName, BEROutputStream scopedPDU, Integer32 maxSizeResponseScopedPDU,
                                      SecurityStateReference securityStateReference, StatusInformation statusInfo)
                throws IOException {
            int status = super.processIncomingMsg(messageProcessingModel, maxMessageSize, securityParameters, securityModel,
                    securityLevel, wholeMsg, tmStateReference, securityEngineID, securityName, scopedPDU,
                    maxSizeResponseScopedPDU, securityStateReference, statusInfo);
            if (status == SnmpConstants.SNMPv3_USM_OK && securityLevel == SecurityLevel.AUTH_PRIV
                    && agent.reportsDecryptionAndContextErrors && !looksLikeScopedPdu(scopedPDU.getBuffer())) {
                statusInfo.setSecurityLevel(new Integer32(SecurityLevel.AUTH_NOPRIV));
                statusInfo.setErrorIndication(new VariableBinding(SnmpConstants.usmStatsDecryptionErrors,
                        new Counter32(decryptionErrors.incrementAndGet())));
                return SnmpConstants.SNMPv3_USM_DECRYPTION_ERROR;
            }
            return status;
        }

        /** A BER SEQUENCE whose length fits the decrypted bytes (DES pads to 8 bytes). */
        private static boolean looksLikeScopedPdu(ByteBuffer buffer) {
            ByteBuffer b = buffer.duplicate();
            b.rewind();
            if (b.remaining() < 2 || (b.get() & 0xff) != 0x30) {
                return false;
            }
            int first = b.get() & 0xff;
            long length = first;
            int header = 2;
            if (first >= 0x80) {
                int octets = first & 0x7f;
                if (octets < 1 || octets > 3 || b.remaining() < octets) {
                    return false;
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = length << 8 | (b.get() & 0xff);
                }
                header += octets;
            }
            long total = header + length;
            return total <= buffer.limit() && total > buffer.limit() - 8;
        }
    }

    @Override
    public void close() throws IOException {
        snmp.close();
    }
}
