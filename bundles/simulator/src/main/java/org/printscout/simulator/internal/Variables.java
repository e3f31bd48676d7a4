package org.printscout.simulator.internal;

import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SnmpValue;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Opaque;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;

/** Conversions between PrintScout's SNMP values and SNMP4J's, which do the BER encoding. */
final class Variables {

    private Variables() {
    }

    static OID toOid(Oid oid) {
        return new OID(oid.toArray());
    }

    static Oid fromOid(OID oid) {
        return Oid.of(oid.getValue());
    }

    static Variable toVariable(SnmpValue value) {
        switch (value.type()) {
            case INTEGER:
                return new Integer32((int) value.asLong().getAsLong());
            case OCTET_STRING:
                return new OctetString(value.asBytes());
            case NULL:
                return new Null();
            case OBJECT_IDENTIFIER:
                return toOid(value.asOid().orElseThrow());
            case IP_ADDRESS:
                return new IpAddress(value.asBytes());
            case COUNTER32:
                return new Counter32(value.asLong().getAsLong());
            case GAUGE32:
                return new Gauge32(value.asLong().getAsLong());
            case TIMETICKS:
                return new TimeTicks(value.asLong().getAsLong());
            case OPAQUE:
                return new Opaque(value.asBytes());
            case COUNTER64:
                return new Counter64(value.asLong().getAsLong());
            case NO_SUCH_OBJECT:
                return Null.noSuchObject;
            case NO_SUCH_INSTANCE:
                return Null.noSuchInstance;
            case END_OF_MIB_VIEW:
                return Null.endOfMibView;
            default:
                throw new IllegalArgumentException("no SNMP4J type for " + value.type());
        }
    }

    /**
     * The same value under a type a manager does not expect for it, for the wrong-type fault: numbers
     * become their decimal text, text and addresses become an INTEGER (their length), an OID its
     * dotted text, Counter64 a Counter32.
     */
    static Variable withWrongType(Variable value) {
        switch (value.getSyntax()) {
            case SMIConstants.SYNTAX_INTEGER:
            case SMIConstants.SYNTAX_COUNTER32:
            case SMIConstants.SYNTAX_GAUGE32:
            case SMIConstants.SYNTAX_TIMETICKS:
                return new OctetString(Long.toString(value.toLong()));
            case SMIConstants.SYNTAX_COUNTER64:
                return new Counter32(value.toLong() & 0xFFFF_FFFFL);
            case SMIConstants.SYNTAX_OCTET_STRING:
            case SMIConstants.SYNTAX_IPADDRESS:
            case SMIConstants.SYNTAX_OPAQUE:
                return new Integer32(((OctetString) asOctets(value)).length());
            case SMIConstants.SYNTAX_OBJECT_IDENTIFIER:
                return new OctetString(value.toString());
            default:
                return value;
        }
    }

    private static Variable asOctets(Variable value) {
        if (value instanceof IpAddress ip) {
            return new OctetString(ip.toByteArray());
        }
        return value;
    }
}
