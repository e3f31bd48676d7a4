package org.printscout.snmp.internal;

import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SnmpType;
import org.printscout.api.snmp.SnmpValue;
import org.printscout.api.snmp.VarBind;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/** Conversions between SNMP4J's SMI types and the PrintScout API's. */
final class Values {

    private Values() {
    }

    static OID toSnmp4j(Oid oid) {
        return new OID(oid.toArray());
    }

    static Oid fromSnmp4j(OID oid) {
        return Oid.of(oid.getValue());
    }

    /**
     * One variable binding of a reply.
     *
     * @throws IllegalArgumentException when the value has a type an SNMP agent must not send
     */
    static VarBind fromSnmp4j(VariableBinding vb) {
        OID oid = vb.getOid();
        if (oid == null || oid.size() == 0) {
            throw new IllegalArgumentException("variable binding without OID");
        }
        return new VarBind(fromSnmp4j(oid), value(vb.getVariable()));
    }

    static SnmpValue value(Variable v) {
        if (v == null) {
            return SnmpValue.nullValue();
        }
        int syntax = v.getSyntax();
        switch (syntax) {
            case SMIConstants.SYNTAX_INTEGER:
                return SnmpValue.integer(v.toInt());
            case SMIConstants.SYNTAX_OCTET_STRING:
                return SnmpValue.octets(((OctetString) v).getValue());
            case SMIConstants.SYNTAX_OPAQUE:
                return SnmpValue.opaque(((OctetString) v).getValue());
            case SMIConstants.SYNTAX_NULL:
                return SnmpValue.nullValue();
            case SMIConstants.SYNTAX_OBJECT_IDENTIFIER:
                return SnmpValue.objectId(fromSnmp4j((OID) v));
            case SMIConstants.SYNTAX_IPADDRESS: {
                byte[] address = ((IpAddress) v).getInetAddress().getAddress();
                // An IpAddress is four octets on the wire (RFC 2578); anything else is kept as raw octets.
                return address.length == 4 ? SnmpValue.ipAddress(address) : SnmpValue.octets(address);
            }
            case SMIConstants.SYNTAX_COUNTER32:
                return SnmpValue.number(SnmpType.COUNTER32, v.toLong());
            case SMIConstants.SYNTAX_GAUGE32:
                return SnmpValue.number(SnmpType.GAUGE32, v.toLong());
            case SMIConstants.SYNTAX_TIMETICKS:
                return SnmpValue.number(SnmpType.TIMETICKS, v.toLong());
            case SMIConstants.SYNTAX_COUNTER64:
                return SnmpValue.number(SnmpType.COUNTER64, ((Counter64) v).getValue());
            case SMIConstants.EXCEPTION_NO_SUCH_OBJECT:
                return SnmpValue.exception(SnmpType.NO_SUCH_OBJECT);
            case SMIConstants.EXCEPTION_NO_SUCH_INSTANCE:
                return SnmpValue.exception(SnmpType.NO_SUCH_INSTANCE);
            case SMIConstants.EXCEPTION_END_OF_MIB_VIEW:
                return SnmpValue.exception(SnmpType.END_OF_MIB_VIEW);
            default:
                throw new IllegalArgumentException("value of unknown type " + syntax);
        }
    }
}
