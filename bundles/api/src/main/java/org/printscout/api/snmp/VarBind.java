package org.printscout.api.snmp;

import java.util.Objects;

/** One OID with its value, as it travels in a PDU. */
public record VarBind(Oid oid, SnmpValue value) {
    public VarBind {
        Objects.requireNonNull(oid, "oid");
        Objects.requireNonNull(value, "value");
    }
}
