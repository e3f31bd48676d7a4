package org.printscout.snmp.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.printscout.api.snmp.Credential;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SecurityLevel;
import org.printscout.api.snmp.SnmpException;
import org.printscout.api.snmp.SnmpException.Cause;
import org.printscout.api.snmp.SnmpReader.TrafficCounters;
import org.printscout.api.snmp.SnmpTarget;
import org.printscout.api.snmp.SnmpVersion;
import org.printscout.api.snmp.VarBind;
import org.snmp4j.CommunityTarget;
import org.snmp4j.DirectUserTarget;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.MessageException;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.SNMP4JSettings;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.event.SnmpEngineEvent;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.USM;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;

/**
 * The one SNMP4J session of the agent: one {@link Snmp} on one UDP socket (bound to the wildcard
 * address by default, which on a dual-stack host serves IPv4 and IPv6 alike), asynchronous throughout.
 * A request costs a listener object and a map entry while in flight, never a thread.
 *
 * <p>SNMPv3: the authoritative engine ID of each device is discovered once (requests to a device
 * whose discovery is under way wait for that one discovery) and kept in SNMP4J's MPv3 engine cache;
 * keys are localized here ({@link UsmKeys}) and sent in a {@link DirectUserTarget}, so SNMP4J's USM
 * user table is never used and users of the same name with different passwords on different devices
 * cannot clash. Time synchronisation (usmStatsNotInTimeWindows) is SNMP4J's automatic resend.
 */
final class Snmp4jSession implements Exchange, AutoCloseable {

    /** How the session is set up; see the component's configuration for the meaning of each. */
    record Settings(InetAddress listenAddress, int listenPort, int maxInFlight, int receiveBufferBytes,
                    int cacheSize, int sockets) {
        Settings {
            if (sockets < 1) {
                throw new IllegalArgumentException("at least one socket, not " + sockets);
            }
        }

        Settings(InetAddress listenAddress, int listenPort, int maxInFlight, int receiveBufferBytes, int cacheSize) {
            this(listenAddress, listenPort, maxInFlight, receiveBufferBytes, cacheSize, 1);
        }
    }

    private static final Map<Oid, Cause> REPORT_CAUSES = Map.of(
            Oid.parse("1.3.6.1.6.3.15.1.1.1"), Cause.UNSUPPORTED_SECURITY_LEVEL,
            Oid.parse("1.3.6.1.6.3.15.1.1.2"), Cause.ENGINE_DISCOVERY,
            Oid.parse("1.3.6.1.6.3.15.1.1.3"), Cause.UNKNOWN_USER,
            Oid.parse("1.3.6.1.6.3.15.1.1.4"), Cause.ENGINE_DISCOVERY,
            Oid.parse("1.3.6.1.6.3.15.1.1.5"), Cause.WRONG_DIGEST,
            Oid.parse("1.3.6.1.6.3.15.1.1.6"), Cause.DECRYPTION_ERROR,
            Oid.parse("1.3.6.1.6.3.12.1.4"), Cause.UNKNOWN_CONTEXT,
            Oid.parse("1.3.6.1.6.3.12.1.5"), Cause.UNKNOWN_CONTEXT,
            Oid.parse("1.3.6.1.6.3.11.2.1.2"), Cause.MALFORMED_REPLY);
    private static final Oid USM_STATS_UNKNOWN_ENGINE_IDS = Oid.parse("1.3.6.1.6.3.15.1.1.4");

    private final Traffic traffic = new Traffic();
    private final Protocols protocols = new Protocols();
    private final UsmKeys keys;
    private final CountingUdpTransport transport;
    /**
     * Every socket of the session, {@link #transport} first. A datagram to an on-link address that
     * has no neighbour entry yet waits in the kernel for ARP (3 s for an address nobody has) and is
     * charged to its socket's send buffer meanwhile (net.core.wmem_default, 208 KiB: about 270
     * datagrams); a full buffer blocks every sender of that socket. On a flat network a scan keeps
     * hundreds of such addresses in flight, so one socket caps it at about 90 new addresses a second;
     * each further socket adds its own buffer. A device always talks to the same socket.
     */
    private final List<CountingUdpTransport> transports;
    private final Snmp snmp;
    private final MPv3 mpv3;
    private final USM usm;
    private final Admission admission;
    private final Executor executor;
    private final Set<Flight<?>> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<Address, Discovery> discoveries = new ConcurrentHashMap<>();

    Snmp4jSession(Settings settings, Executor executor) throws IOException {
        // An agent that rejects our authentication can only say so in an unauthenticated report
        // (usmStatsWrongDigests etc.). SNMP4J's default strategy drops such reports, which turns a
        // wrong password into a timeout. Accepting them lets a forged report fail a read early,
        // which someone able to forge UDP could achieve by dropping packets anyway; it never makes
        // an unauthenticated value acceptable. The setting is global to SNMP4J, which PrintScout
        // wraps for itself.
        SNMP4JSettings.setReportSecurityLevelStrategy(SNMP4JSettings.ReportSecurityLevelStrategy.noAuthNoPrivIfNeeded);

        this.keys = new UsmKeys(protocols, settings.cacheSize());
        byte[] localEngineId = MPv3.createLocalEngineID();
        CounterSupport counterSupport = new CounterSupport();
        this.usm = new USM(protocols.securityProtocols(), new OctetString(localEngineId), 0, counterSupport);
        SecurityModels securityModels = new SecurityModels();
        securityModels.addSecurityModel(usm);
        this.mpv3 = new MPv3(localEngineId, null, protocols.securityProtocols(), securityModels, counterSupport);
        mpv3.setMaxEngineIdCacheSize(settings.cacheSize());
        mpv3.addSnmpEngineListener(this::engineChanged);

        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(mpv3);

        InetAddress bind = settings.listenAddress() != null ? settings.listenAddress()
                : new InetSocketAddress(0).getAddress();
        List<CountingUdpTransport> opened = new ArrayList<>();
        try {
            for (int i = 0; i < settings.sockets(); i++) {
                // the configured port is the first socket's; the others take free ports of the same address
                CountingUdpTransport t = new CountingUdpTransport(new UdpAddress(bind, i == 0 ? settings.listenPort() : 0), traffic);
                if (settings.receiveBufferBytes() > 0) {
                    t.setReceiveBufferSize(settings.receiveBufferBytes());
                }
                opened.add(t);
            }
        } catch (IOException | RuntimeException e) {
            for (CountingUdpTransport t : opened) {
                try {
                    t.close();
                } catch (IOException ignored) {
                    // closing what was opened before the failure
                }
            }
            throw e;
        }
        this.transports = List.copyOf(opened);
        this.transport = transports.get(0);
        this.snmp = new Snmp(dispatcher, transport);
        for (CountingUdpTransport t : transports.subList(1, transports.size())) {
            snmp.addTransportMapping(t);
        }
        this.executor = executor;
        this.admission = new Admission(settings.maxInFlight(), executor);
        snmp.listen();
    }

    /** The socket a device talks to: always the same one, so its answers and SNMP4J's retries meet. */
    private CountingUdpTransport transportFor(UdpAddress address) {
        if (transports.size() == 1) {
            return transport;
        }
        // by address alone: neighbouring addresses (a sweep) go round the sockets in turn
        return transports.get(Math.floorMod(address.getInetAddress().hashCode(), transports.size()));
    }

    int sockets() {
        return transports.size();
    }

    TrafficCounters counters() {
        return traffic.snapshot();
    }

    /** Where the session's socket listens (for tests and the status command). */
    InetSocketAddress localAddress() {
        UdpAddress listen = transport.getListenAddress();
        return new InetSocketAddress(listen.getInetAddress(), listen.getPort());
    }

    int requestsInFlight() {
        return admission.inFlight();
    }

    int requestsWaiting() {
        return admission.waiting();
    }

    @Override
    public CompletableFuture<Reply> send(SnmpTarget target, Request request) {
        InetSocketAddress socketAddress = target.address();
        if (socketAddress.isUnresolved() || socketAddress.getAddress() == null) {
            return CompletableFuture.failedFuture(Failures.of(target, Cause.TRANSPORT, "host name not resolved"));
        }
        UdpAddress address = new UdpAddress(socketAddress.getAddress(), socketAddress.getPort());
        Credential credential = target.credential();
        if (credential instanceof Credential.Community community) {
            CommunityTarget<UdpAddress> t = new CommunityTarget<>(address,
                    new OctetString(community.community().getBytes(StandardCharsets.UTF_8)));
            int version = community.version() == SnmpVersion.V1 ? SnmpConstants.version1 : SnmpConstants.version2c;
            t.setVersion(version);
            patience(t, target);
            return exchange(target, t, pdu(request, version));
        }
        return v3(target, (Credential.Usm) credential, address, request, true);
    }

    private CompletableFuture<Reply> v3(SnmpTarget target, Credential.Usm credential, UdpAddress address,
                                        Request request, boolean rediscover) {
        return engineId(target, address).thenCompose(engineId -> {
            UsmKeys.Keys k = keys.keys(credential, engineId);
            DirectUserTarget<UdpAddress> t = userTarget(address, credential.user(), engineId, k, credential.level());
            patience(t, target);
            ScopedPDU pdu = (ScopedPDU) pdu(request, SnmpConstants.version3);
            pdu.setContextName(new OctetString(credential.contextName().getBytes(StandardCharsets.UTF_8)));
            return exchange(target, t, pdu).handle((answer, error) -> {
                if (error == null) {
                    k.confirm();
                    return CompletableFuture.completedFuture(answer);
                }
                SnmpException failure = Failures.unwrap(target, error);
                if (failure.reason() == Cause.TIMEOUT && !k.confirmed()) {
                    return diagnoseSilence(target, credential, address, engineId, k, failure);
                }
                return CompletableFuture.<Reply>failedFuture(failure);
            }).thenCompose(f -> f);
        }).exceptionallyCompose(error -> {
            // The device has a new engine ID (replaced, or reset to factory defaults): SNMP4J already
            // retried with the one we had; discover afresh, once.
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (rediscover && cause instanceof StaleEngine) {
                forgetEngine(address);
                return v3(target, credential, address, request, false);
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    /**
     * A device that answered engine discovery but not the request, with keys it never answered:
     * net-snmp and SNMP4J agents drop a message they cannot decrypt, or one for an unknown context,
     * without a report, which looks like a dead device. Empty GETs (no variables, so no data travels,
     * and none in clear) tell the cases apart: an answer in the default context means the context
     * name is wrong; an authenticated answer at authNoPriv means user and auth key are right and the
     * privacy protocol or passphrase is wrong. Otherwise the timeout stands. Each probe waits one
     * timeout at most, and only on a first contact that failed.
     */
    private CompletableFuture<Reply> diagnoseSilence(SnmpTarget target, Credential.Usm credential, UdpAddress address,
                                                     byte[] engineId, UsmKeys.Keys k, SnmpException timeout) {
        CompletableFuture<Boolean> answersWithoutContext = credential.contextName().isEmpty()
                ? CompletableFuture.completedFuture(false)
                : probe(target, credential.user(), address, engineId, k, credential.level());
        return answersWithoutContext.thenCompose(contextIsTheProblem -> {
            if (contextIsTheProblem) {
                return CompletableFuture.<Boolean>failedFuture(Failures.of(target, Cause.UNKNOWN_CONTEXT,
                        "no answer in context '" + credential.contextName() + "', though the device answers in the default context"));
            }
            if (credential.level() != SecurityLevel.AUTH_PRIV) {
                return CompletableFuture.<Boolean>failedFuture(timeout);
            }
            return probe(target, credential.user(), address, engineId, k, SecurityLevel.AUTH_NO_PRIV);
        }).thenCompose(authenticates -> CompletableFuture.failedFuture(authenticates
                ? Failures.of(target, Cause.DECRYPTION_ERROR, "no answer at authPriv, though the device accepts this user's authentication")
                : timeout));
    }

    /** An empty GET in the default context at {@code level}; true when the device answered it. */
    private CompletableFuture<Boolean> probe(SnmpTarget target, String user, UdpAddress address, byte[] engineId,
                                             UsmKeys.Keys k, SecurityLevel level) {
        DirectUserTarget<UdpAddress> t = userTarget(address, user, engineId, k, level);
        t.setTimeout(target.timeout().toMillis());
        t.setRetries(0);
        ScopedPDU empty = new ScopedPDU();
        empty.setType(PDU.GET);
        return exchange(target, t, empty).handle((answer, error) -> error == null);
    }

    /** A target that carries its localized keys, so SNMP4J's USM user table is never consulted. */
    private static DirectUserTarget<UdpAddress> userTarget(UdpAddress address, String user, byte[] engineId,
                                                           UsmKeys.Keys k, SecurityLevel level) {
        boolean auth = level != SecurityLevel.NO_AUTH_NO_PRIV;
        boolean priv = level == SecurityLevel.AUTH_PRIV;
        DirectUserTarget<UdpAddress> t = new DirectUserTarget<>(address, new OctetString(user.getBytes(StandardCharsets.UTF_8)),
                engineId, auth ? k.auth() : null, auth ? new OctetString(k.authKey()) : null,
                priv ? k.priv() : null, priv ? new OctetString(k.privKey()) : null);
        t.setSecurityLevel(switch (level) {
            case NO_AUTH_NO_PRIV -> org.snmp4j.security.SecurityLevel.NOAUTH_NOPRIV;
            case AUTH_NO_PRIV -> org.snmp4j.security.SecurityLevel.AUTH_NOPRIV;
            case AUTH_PRIV -> org.snmp4j.security.SecurityLevel.AUTH_PRIV;
        });
        t.setVersion(SnmpConstants.version3);
        return t;
    }

    private static void patience(Target<UdpAddress> t, SnmpTarget target) {
        t.setTimeout(target.timeout().toMillis());
        t.setRetries(target.retries());
    }

    private static PDU pdu(Request request, int version) {
        PDU pdu = switch (version) {
            case SnmpConstants.version1 -> new PDUv1();
            case SnmpConstants.version3 -> new ScopedPDU();
            default -> new PDU();
        };
        pdu.setType(switch (request.kind()) {
            case GET -> PDU.GET;
            case GET_NEXT -> PDU.GETNEXT;
            case GET_BULK -> PDU.GETBULK;
        });
        if (request.kind() == Kind.GET_BULK) {
            pdu.setNonRepeaters(request.nonRepeaters());
            pdu.setMaxRepetitions(request.maxRepetitions());
        }
        for (Oid oid : request.oids()) {
            pdu.add(new VariableBinding(Values.toSnmp4j(oid)));
        }
        return pdu;
    }

    private CompletableFuture<Reply> exchange(SnmpTarget target, Target<UdpAddress> t, PDU pdu) {
        Query flight = new Query(target, t, pdu);
        inFlight.add(flight);
        admission.submit(flight);
        return flight.future;
    }

    private CompletableFuture<byte[]> engineId(SnmpTarget target, UdpAddress address) {
        OctetString known = mpv3.getEngineID(address);
        if (known != null && known.length() > 0) {
            return CompletableFuture.completedFuture(known.getValue());
        }
        Discovery fresh = new Discovery(target, address);
        Discovery running = discoveries.putIfAbsent(address, fresh);
        if (running != null) {
            return running.future;
        }
        inFlight.add(fresh);
        admission.submit(fresh);
        return fresh.future;
    }

    private void forgetEngine(UdpAddress address) {
        OctetString old = mpv3.removeEngineID(address);
        if (old != null) {
            usm.removeEngineTime(old);
        }
    }

    /** SNMP4J learnt an engine ID from an incoming message: a pending discovery is done. */
    private void engineChanged(SnmpEngineEvent event) {
        if (event.getType() == SnmpEngineEvent.ADDED_ENGINE_ID) {
            Discovery discovery = discoveries.get(event.getEngineAddress());
            if (discovery != null && event.getEngineID() != null && event.getEngineID().length() > 0) {
                discovery.succeed(event.getEngineID().getValue());
            }
        }
    }

    @Override
    public void close() {
        admission.close();
        try {
            snmp.close();
        } catch (IOException e) {
            // the socket is gone either way
        }
        for (Flight<?> flight : new ArrayList<>(inFlight)) {
            flight.fail(new SnmpException(Cause.TRANSPORT, flight.target.describe() + ": " + Cause.TRANSPORT.text()
                    + " (the SNMP service stopped)"));
        }
    }

    /** Raised for a report that our engine ID for the device is out of date. */
    private static final class StaleEngine extends SnmpException {
        private static final long serialVersionUID = 1L;

        StaleEngine(String message) {
            super(Cause.ENGINE_DISCOVERY, message);
        }
    }

    /**
     * One PDU on the wire, from admission to answer. It holds an admission slot from {@link #run()}
     * until it finishes, and finishes exactly once: by the response listener, by a send failure or
     * by the session closing.
     */
    private abstract class Flight<T> implements ResponseListener, Admission.Task {
        final SnmpTarget target;
        final Target<UdpAddress> snmpTarget;
        final PDU pdu;
        final CompletableFuture<T> future = new CompletableFuture<>();
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile boolean admitted;

        Flight(SnmpTarget target, Target<UdpAddress> snmpTarget, PDU pdu) {
            this.target = target;
            this.snmpTarget = snmpTarget;
            this.pdu = pdu;
        }

        @Override
        public void run() {
            admitted = true;
            if (future.isDone()) {
                finish();
                return;
            }
            try {
                snmp.send(pdu, snmpTarget, transportFor(snmpTarget.getAddress()), null, this);
            } catch (MessageException e) {
                fail(Failures.of(target, causeOf(e.getSnmp4jErrorStatus()), "request not sent: " + e.getMessage()));
            } catch (IOException | RuntimeException e) {
                fail(Failures.of(target, Cause.TRANSPORT, "request not sent: " + e.getMessage(), e));
            }
        }

        @Override
        public void abandon() {
            fail(Failures.of(target, Cause.TRANSPORT, "the SNMP service stopped"));
        }

        @Override
        public <A extends Address> void onResponse(ResponseEvent<A> event) {
            if (!finish()) {
                return;
            }
            PDU response = event.getResponse();
            if (response == null) {
                if (event.getError() != null) {
                    future.completeExceptionally(Failures.of(target, Cause.TRANSPORT, event.getError().getMessage(),
                            event.getError()));
                } else {
                    traffic.timeouts.increment();
                    future.completeExceptionally(Failures.of(target, Cause.TIMEOUT, (target.retries() + 1)
                            + " attempt(s) of " + target.timeout().toMillis() + " ms"));
                }
                return;
            }
            answered(response);
        }

        abstract void answered(PDU response);

        void fail(SnmpException failure) {
            if (finish()) {
                future.completeExceptionally(failure);
            }
        }

        /** Releases what the flight holds; true for the one caller that gets to complete it. */
        boolean finish() {
            if (!finished.compareAndSet(false, true)) {
                return false;
            }
            snmp.cancel(pdu, this);
            inFlight.remove(this);
            if (admitted) {
                admission.release();
            }
            return true;
        }
    }

    /** A GET, GETNEXT or GETBULK. */
    private final class Query extends Flight<Reply> {
        Query(SnmpTarget target, Target<UdpAddress> snmpTarget, PDU pdu) {
            super(target, snmpTarget, pdu);
        }

        @Override
        void answered(PDU response) {
            if (response.getType() == PDU.REPORT) {
                future.completeExceptionally(reportFailure(target, response));
                return;
            }
            if (response.getType() != PDU.RESPONSE) {
                future.completeExceptionally(Failures.of(target, Cause.MALFORMED_REPLY, "PDU type " + response.getType()));
                return;
            }
            List<VarBind> values = new ArrayList<>(response.size());
            try {
                for (VariableBinding vb : response.getVariableBindings()) {
                    values.add(Values.fromSnmp4j(vb));
                }
            } catch (RuntimeException e) {
                future.completeExceptionally(Failures.of(target, Cause.MALFORMED_REPLY, e.getMessage()));
                return;
            }
            future.complete(new Reply(response.getErrorStatus(), response.getErrorIndex(), values));
        }
    }

    /**
     * An empty unauthenticated GET that makes the device reveal its engine ID (RFC 3414 section 4).
     * The answer is a usmStatsUnknownEngineIDs report; SNMP4J caches the engine ID from its header and
     * would then resend the probe, which {@link #engineChanged} makes unnecessary.
     */
    private final class Discovery extends Flight<byte[]> {
        private final UdpAddress address;

        Discovery(SnmpTarget target, UdpAddress address) {
            super(target, discoveryTarget(target, address), discoveryPdu());
            this.address = address;
            future.whenComplete((id, error) -> discoveries.remove(address, this));
        }

        void succeed(byte[] engineId) {
            if (finish()) {
                complete(engineId);
            }
        }

        @Override
        void answered(PDU response) {
            OctetString engineId = mpv3.getEngineID(address);
            if (engineId != null && engineId.length() > 0) {
                complete(engineId.getValue());
            } else {
                future.completeExceptionally(Failures.of(target, Cause.ENGINE_DISCOVERY, "the reply carried no engine ID"));
            }
        }

        /**
         * Continues on the executor: the waiting requests derive keys (a megabyte of hashing for a new
         * passphrase) and this may run inside SNMP4J's processing of the incoming message.
         */
        private void complete(byte[] engineId) {
            try {
                future.completeAsync(() -> engineId, executor);
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                future.complete(engineId);
            }
        }
    }

    private static UserTarget<UdpAddress> discoveryTarget(SnmpTarget target, UdpAddress address) {
        UserTarget<UdpAddress> t = new UserTarget<>();
        t.setAddress(address);
        t.setVersion(SnmpConstants.version3);
        t.setSecurityModel(SecurityModel.SECURITY_MODEL_USM);
        t.setSecurityLevel(org.snmp4j.security.SecurityLevel.NOAUTH_NOPRIV);
        t.setSecurityName(new OctetString());
        patience(t, target);
        return t;
    }

    private static PDU discoveryPdu() {
        ScopedPDU pdu = new ScopedPDU();
        pdu.setType(PDU.GET);
        return pdu;
    }

    static SnmpException reportFailure(SnmpTarget target, PDU report) {
        if (report.size() == 0 || report.get(0).getOid() == null) {
            return Failures.of(target, Cause.MALFORMED_REPLY, "report without a variable");
        }
        Oid oid = Values.fromSnmp4j(report.get(0).getOid());
        if (oid.startsWith(USM_STATS_UNKNOWN_ENGINE_IDS)) {
            return new StaleEngine(target.describe() + ": " + Cause.ENGINE_DISCOVERY.text() + " (unknown engine ID)");
        }
        for (Map.Entry<Oid, Cause> known : REPORT_CAUSES.entrySet()) {
            if (oid.startsWith(known.getKey())) {
                return Failures.of(target, known.getValue(), "report " + oid);
            }
        }
        return Failures.of(target, Cause.ERROR_STATUS, "report " + oid);
    }

    private static Cause causeOf(int snmp4jStatus) {
        return switch (snmp4jStatus) {
            case SnmpConstants.SNMPv3_USM_UNSUPPORTED_SECURITY_LEVEL -> Cause.UNSUPPORTED_SECURITY_LEVEL;
            case SnmpConstants.SNMPv3_USM_UNKNOWN_SECURITY_NAME -> Cause.UNKNOWN_USER;
            case SnmpConstants.SNMPv3_USM_UNKNOWN_ENGINEID, SnmpConstants.SNMPv3_USM_NOT_IN_TIME_WINDOW ->
                    Cause.ENGINE_DISCOVERY;
            case SnmpConstants.SNMPv3_USM_ENCRYPTION_ERROR, SnmpConstants.SNMPv3_USM_DECRYPTION_ERROR ->
                    Cause.DECRYPTION_ERROR;
            case SnmpConstants.SNMPv3_USM_AUTHENTICATION_ERROR, SnmpConstants.SNMPv3_USM_AUTHENTICATION_FAILURE ->
                    Cause.WRONG_DIGEST;
            default -> Cause.TRANSPORT;
        };
    }
}
