package org.printscout.api.snmp;

/**
 * SNMP value types with their BER tags (the tag is also the type code of the {@code .snmprec} format),
 * plus the three SNMPv2 exception values a device answers instead of a value.
 */
public enum SnmpType {
    INTEGER(2),
    OCTET_STRING(4),
    NULL(5),
    OBJECT_IDENTIFIER(6),
    IP_ADDRESS(64),
    COUNTER32(65),
    GAUGE32(66),
    TIMETICKS(67),
    OPAQUE(68),
    COUNTER64(70),
    NO_SUCH_OBJECT(128),
    NO_SUCH_INSTANCE(129),
    END_OF_MIB_VIEW(130);

    private final int tag;

    SnmpType(int tag) {
        this.tag = tag;
    }

    public int tag() {
        return tag;
    }

    public boolean isException() {
        return tag >= 128;
    }

    public boolean isNumeric() {
        return this == INTEGER || this == COUNTER32 || this == GAUGE32 || this == TIMETICKS || this == COUNTER64;
    }

    public static SnmpType ofTag(int tag) {
        for (SnmpType t : values()) {
            if (t.tag == tag) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown SNMP type tag " + tag);
    }
}
