package org.printscout.simulator.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.printscout.api.snmp.Credential;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SecurityLevel;
import org.printscout.api.snmp.SnmpType;
import org.printscout.api.snmp.SnmpValue;
import org.snmp4j.CommunityTarget;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Opaque;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/** A plain SNMP4J manager, as the agent's SNMP bundle would be, to talk to the simulator in tests. */
final class TestClient implements AutoCloseable {

    final Snmp snmp;
    final USM usm;
    private final long timeoutMillis;

    TestClient() throws IOException {
        this(1500);
    }

    TestClient(long timeoutMillis) throws IOException {
        this.timeoutMillis = timeoutMillis;
        SecurityProtocols protocols = UsmUsers.allProtocols();
        OctetString localEngineId = new OctetString(MPv3.createLocalEngineID(new OctetString("test-client")));
        usm = new USM(protocols, localEngineId, 0, new CounterSupport());
        SecurityModels models = new SecurityModels();
        models.addSecurityModel(usm);
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new MPv3(localEngineId.getValue(), null, protocols, models, new CounterSupport()));
        snmp = new Snmp(dispatcher, new DefaultUdpTransportMapping(new UdpAddress("127.0.0.1/0")));
        snmp.listen();
    }

    void addUser(Credential.Usm user) {
        usm.addUser(UsmUsers.toUsmUser(user));
    }

    CommunityTarget<UdpAddress> v2c(InetSocketAddress device, String community) {
        return community(device, community, SnmpConstants.version2c);
    }

    CommunityTarget<UdpAddress> v1(InetSocketAddress device, String community) {
        return community(device, community, SnmpConstants.version1);
    }

    private CommunityTarget<UdpAddress> community(InetSocketAddress device, String community, int version) {
        CommunityTarget<UdpAddress> target = new CommunityTarget<>(udp(device), new OctetString(community));
        target.setVersion(version);
        target.setTimeout(timeoutMillis);
        target.setRetries(0);
        return target;
    }

    UserTarget<UdpAddress> v3(InetSocketAddress device, Credential.Usm user) {
        UserTarget<UdpAddress> target = new UserTarget<>();
        target.setAddress(udp(device));
        target.setSecurityName(new OctetString(user.user()));
        target.setSecurityLevel(user.level() == SecurityLevel.AUTH_PRIV ? org.snmp4j.security.SecurityLevel.AUTH_PRIV
                : user.level() == SecurityLevel.AUTH_NO_PRIV ? org.snmp4j.security.SecurityLevel.AUTH_NOPRIV
                : org.snmp4j.security.SecurityLevel.NOAUTH_NOPRIV);
        target.setVersion(SnmpConstants.version3);
        target.setTimeout(timeoutMillis);
        target.setRetries(0);
        return target;
    }

    static UdpAddress udp(InetSocketAddress address) {
        return new UdpAddress(address.getAddress(), address.getPort());
    }

    /** The response, or null when none came within the timeout. */
    PDU send(Target<UdpAddress> target, int type, String... oids) throws IOException {
        PDU pdu = pduFor(target);
        pdu.setType(type);
        for (String oid : oids) {
            pdu.add(new VariableBinding(new OID(oid)));
        }
        return send(target, pdu);
    }

    PDU send(Target<UdpAddress> target, PDU pdu) throws IOException {
        ResponseEvent<UdpAddress> event = snmp.send(pdu, target);
        return event == null ? null : event.getResponse();
    }

    PDU bulk(Target<UdpAddress> target, int nonRepeaters, int maxRepetitions, String... oids) throws IOException {
        PDU pdu = pduFor(target);
        pdu.setType(PDU.GETBULK);
        pdu.setNonRepeaters(nonRepeaters);
        pdu.setMaxRepetitions(maxRepetitions);
        for (String oid : oids) {
            pdu.add(new VariableBinding(new OID(oid)));
        }
        return send(target, pdu);
    }

    static PDU pduFor(Target<?> target) {
        if (target.getVersion() == SnmpConstants.version3) {
            return new ScopedPDU();
        }
        return target.getVersion() == SnmpConstants.version1 ? new PDUv1() : new PDU();
    }

    /** A whole walk by GETNEXT (or GETBULK when maxRepetitions &gt; 0), as OID to value. */
    Map<Oid, SnmpValue> walk(Target<UdpAddress> target, int maxRepetitions) throws IOException {
        Map<Oid, SnmpValue> values = new TreeMap<>();
        OID cursor = new OID("1");
        while (true) {
            PDU response = maxRepetitions > 0 ? bulk(target, 0, maxRepetitions, cursor.toDottedString())
                    : send(target, PDU.GETNEXT, cursor.toDottedString());
            if (response == null) {
                throw new IOException("no response walking " + target.getAddress() + " at " + cursor);
            }
            if (response.getErrorStatus() != 0) {
                if (response.getErrorStatus() == SnmpConstants.SNMP_ERROR_NO_SUCH_NAME) {
                    return values; // v1 end of MIB
                }
                throw new IOException("error " + response.getErrorStatusText() + " at " + cursor);
            }
            List<VariableBinding> bindings = new ArrayList<>(response.getVariableBindings());
            for (VariableBinding binding : bindings) {
                if (binding.getVariable().isException()) {
                    return values;
                }
                if (binding.getOid().compareTo(cursor) <= 0) {
                    throw new IOException("walk did not move forward at " + cursor);
                }
                values.put(Oid.of(binding.getOid().getValue()), value(binding.getVariable()));
                cursor = binding.getOid();
            }
        }
    }

    /** SNMP4J's value as PrintScout's, written independently of the simulator's own conversion. */
    static SnmpValue value(Variable variable) {
        if (variable instanceof Counter64 c) {
            return SnmpValue.number(SnmpType.COUNTER64, c.getValue());
        }
        if (variable instanceof TimeTicks t) {
            return SnmpValue.number(SnmpType.TIMETICKS, t.getValue());
        }
        if (variable instanceof Gauge32 g) {
            return SnmpValue.number(SnmpType.GAUGE32, g.getValue());
        }
        if (variable instanceof Counter32 c) {
            return SnmpValue.number(SnmpType.COUNTER32, c.getValue());
        }
        if (variable instanceof Integer32 i) {
            return SnmpValue.integer(i.getValue());
        }
        if (variable instanceof Opaque o) {
            return SnmpValue.opaque(o.getValue());
        }
        if (variable instanceof OctetString s) {
            return SnmpValue.octets(s.getValue());
        }
        if (variable instanceof IpAddress ip) {
            return SnmpValue.ipAddress(ip.getInetAddress().getAddress());
        }
        if (variable instanceof OID oid) {
            return SnmpValue.objectId(Oid.of(oid.getValue()));
        }
        throw new IllegalArgumentException("unexpected " + variable.getSyntaxString());
    }

    @Override
    public void close() throws IOException {
        snmp.close();
    }
}
